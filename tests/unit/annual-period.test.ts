import { describe, expect, it } from "vitest";
import { isAnnualPeriod } from "@/lib/reports/annual-period";

// Today as these tests see it: 1 December 2026, in Tokyo and in Lima.
const now = new Date("2026-12-01T12:00:00Z");

describe("which annual reports exist", () => {
  it("covers calendar and Japanese fiscal years from the Road Map's adoption year to the current year", () => {
    expect(isAnnualPeriod("2024", undefined, now)).toBe(true);
    expect(isAnnualPeriod("2025", undefined, now)).toBe(true);
    expect(isAnnualPeriod("2026", "calendar", now)).toBe(true);
    expect(isAnnualPeriod("2025", "fiscal", now)).toBe(true);
    expect(isAnnualPeriod("2026", "fiscal", now)).toBe(true);
    expect(isAnnualPeriod("2025", "", now)).toBe(true);
  });

  it("has none for years before the adoption, after today, malformed, or another basis", () => {
    for (const year of ["2023", "2027", "2034", "2000", "2100", "2026.0", "2025.5", "02025", "twenty", ""])
      expect(isAnnualPeriod(year, undefined, now), year).toBe(false);
    expect(isAnnualPeriod("2027", "fiscal", now)).toBe(false);
    expect(isAnnualPeriod("2025", "academic", now)).toBe(false);
  });

  it("opens a new year's report when the year has begun in Tokyo", () => {
    expect(isAnnualPeriod("2027", undefined, new Date("2026-12-31T14:59:00Z"))).toBe(false);
    expect(isAnnualPeriod("2027", undefined, new Date("2026-12-31T15:00:00Z"))).toBe(true);
    // Japan's fiscal year 2027 begins on 1 April 2027.
    expect(isAnnualPeriod("2027", "fiscal", new Date("2027-03-31T14:59:00Z"))).toBe(false);
    expect(isAnnualPeriod("2027", "fiscal", new Date("2027-03-31T15:00:00Z"))).toBe(true);
  });

  it("reads a repeated basis as none, as the report page does", () => {
    expect(isAnnualPeriod("2025", ["fiscal", "academic"], now)).toBe(true);
  });
});
