import { describe, expect, it } from "vitest";
import { InvalidParameterError } from "@/lib/errors";
import { exportAnnualCsv, getAnnualReport } from "@/lib/reports/annual";
import { exportMilestonesCsv } from "@/lib/reports/milestones-csv";
import { exportProgressLogCsv } from "@/lib/reports/progress-log-csv";
import { seededDatabasePerFile } from "../support/database";

// Reports exist only for days and years that have been; a mistyped parameter is refused, not ignored.

seededDatabasePerFile();

async function refusedParameter(attempt: () => unknown): Promise<string> {
  const error = await (async () => attempt())().then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(InvalidParameterError);
  return (error as InvalidParameterError).parameter;
}

describe("reports of years and days that have not been", () => {
  it("has no annual report before the Road Map's adoption year or after the current year", async () => {
    for (const year of [2023, 2034]) await expect(getAnnualReport(null, { year }), String(year)).rejects.toBeInstanceOf(InvalidParameterError);
    expect(await refusedParameter(() => exportAnnualCsv(null, new URLSearchParams("year=2023")))).toBe("year");
    expect(await refusedParameter(() => exportAnnualCsv(null, new URLSearchParams("year=2026.0")))).toBe("year");
  });

  it("refuses an export as of a day still to come, and a misspelt filter", async () => {
    expect(await refusedParameter(() => exportMilestonesCsv(null, new URLSearchParams("asOf=2030-01-01")))).toBe("asOf");
    expect(await refusedParameter(() => exportProgressLogCsv(null, new URLSearchParams("asOf=2030-01-01")))).toBe("asOf");
    expect(await refusedParameter(() => exportMilestonesCsv(null, new URLSearchParams("satus=completed")))).toBe("satus");
  });
});
