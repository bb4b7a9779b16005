import { describe, expect, it } from "vitest";
import { isAnnualPeriod } from "@/lib/reports/annual-period";

describe("which annual reports exist", () => {
  it("covers calendar and Japanese fiscal years from 2000 to 2100", () => {
    expect(isAnnualPeriod("2025", undefined)).toBe(true);
    expect(isAnnualPeriod("2025", "fiscal")).toBe(true);
    expect(isAnnualPeriod("2100", "calendar")).toBe(true);
    expect(isAnnualPeriod("2000", "")).toBe(true);
  });

  it("has none for other years or another basis", () => {
    for (const year of ["1999", "2101", "2025.5", "twenty", ""]) expect(isAnnualPeriod(year, undefined), year).toBe(false);
    expect(isAnnualPeriod("2025", "academic")).toBe(false);
  });

  it("reads a repeated basis as none, as the report page does", () => {
    expect(isAnnualPeriod("2025", ["fiscal", "academic"])).toBe(true);
  });
});
