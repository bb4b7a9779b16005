// Runs anywhere (the proxy reads it): which annual reports exist.
import { z } from "zod";

// Which year an annual working-group report covers: a calendar year or Japan's
// fiscal year (April to March). Free of the database, so that the proxy can tell
// a report that cannot exist before anything is rendered.

const yearBases = ["calendar", "fiscal"] as const;
export type YearBasis = (typeof yearBases)[number];

export const annualOptionsSchema = z.object({
  year: z.coerce
    .number({ error: "year: must be a year such as 2025" })
    .int("year: must be a year such as 2025")
    .min(2000, "year: must be a year such as 2025")
    .max(2100, "year: must be a year such as 2025"),
  basis: z.enum(yearBases, { error: "basis: must be calendar or fiscal" }).default("calendar"),
});

/** The report page's `basis` parameter: a single non-empty value, or none (the calendar year). */
export function basisParameter(values: string | string[] | undefined): string | undefined {
  const [value, ...more] = typeof values === "string" ? [values] : (values ?? []);
  return value && more.length === 0 ? value : undefined;
}

/** Whether the annual report page at this year and basis exists. */
export function isAnnualPeriod(year: string, basis: string | string[] | undefined): boolean {
  return annualOptionsSchema.safeParse({ year, basis: basisParameter(basis) }).success;
}
