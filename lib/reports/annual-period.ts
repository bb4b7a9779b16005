// Runs anywhere (the proxy reads it): which annual reports exist.
import { z } from "zod";
import { adoptedOn } from "../../prisma/seed/japan-peru-span";
import { latestDay } from "../dates";
import { InvalidParameterError } from "../errors";
import { parameterIssues } from "../http/query";

// Which year an annual working-group report covers: a calendar year or Japan's
// fiscal year (April to March). There is a report for each year from the one
// the Road Map was adopted in to the current one (the year has begun in Tokyo,
// where it begins first); the current one is provisional. Free of the
// database, so that the proxy can tell a report that cannot exist before
// anything is rendered: the adoption comes from the seed's Road Map.

const yearBases = ["calendar", "fiscal"] as const;
export type YearBasis = (typeof yearBases)[number];

const yearMessage = "year: must be a year such as 2025";

export const annualOptionsSchema = z.object({
  year: z.union(
    [
      z.number().int(yearMessage),
      z
        .string()
        .regex(/^\d{4}$/, yearMessage)
        .transform(Number),
    ],
    { error: yearMessage },
  ),
  basis: z.enum(yearBases, { error: "basis: must be calendar or fiscal" }).default("calendar"),
});

/** The year of a day on a basis: Japan's fiscal year 2025 runs from April 2025 to March 2026. */
function yearOf(isoDay: string, basis: YearBasis): number {
  const [year, month] = isoDay.split("-").map(Number) as [number, number];
  return basis === "fiscal" && month < 4 ? year - 1 : year;
}

/** The first and last years with a report, on a basis. */
export function reportYears(basis: YearBasis, now = new Date()): { first: number; last: number } {
  return { first: yearOf(adoptedOn, basis), last: yearOf(latestDay(now).toISOString().slice(0, 10), basis) };
}

/** The year and basis of an existing report, or an InvalidParameterError naming the parameter at fault. */
export function annualPeriodOf(input: { year: unknown; basis?: unknown }, now = new Date()): { year: number; basis: YearBasis } {
  const parsed = annualOptionsSchema.safeParse(input);
  if (!parsed.success) throw new InvalidParameterError(parameterIssues(parsed.error));
  const { first, last } = reportYears(parsed.data.basis, now);
  if (parsed.data.year < first || parsed.data.year > last) {
    throw new InvalidParameterError([{ parameter: "year", message: `year: there are reports for ${first} to ${last}` }]);
  }
  return parsed.data;
}

/** The report page's `basis` parameter: a single non-empty value, or none (the calendar year). */
export function basisParameter(values: string | string[] | undefined): string | undefined {
  const [value, ...more] = typeof values === "string" ? [values] : (values ?? []);
  return value && more.length === 0 ? value : undefined;
}

/** Whether the annual report page at this year and basis exists. */
export function isAnnualPeriod(year: string, basis: string | string[] | undefined, now = new Date()): boolean {
  try {
    annualPeriodOf({ year, basis: basisParameter(basis) }, now);
    return true;
  } catch {
    return false;
  }
}
