import "server-only";
import { z } from "zod";
import { endOfDay, endedDayParameter } from "../dates";
import { InvalidParameterError } from "../errors";
import { langParameter, parseQuery } from "../http/query";
import { milestoneFilterShape } from "../milestones/filters";
import type { MilestoneFilters } from "../milestones/filters";
import type { Locale } from "../translations";
import type { ReportCut } from "./as-of";
import { csvFormatSchema, type CsvFormat } from "./csv";

// The parameters the reports take: the list's filters (not its order or
// pages: a file holds every match), asOf, knownOn, lang and the file's format.
// Any other parameter is refused, naming it.

/** The options of every file: its language and format. */
export const fileOptions = { ...csvFormatSchema.shape, lang: langParameter };

/** `asOf` and `knownOn`: days that have ended for both parties (lib/dates.ts). */
export function pastParameters(now: () => Date) {
  return { asOf: endedDayParameter("asOf", now).optional(), knownOn: endedDayParameter("knownOn", now).optional() };
}

export type ReportRequest = {
  filters: Partial<MilestoneFilters>;
  /** The day the report shows the tracker at the end of, and the moment it shows what was recorded before. */
  cut: ReportCut;
  knownOn: Date | null;
  lang: Locale;
  format: CsvFormat;
};

/**
 * The cut of `asOf` and `knownOn`: knownOn alone is the tracker at the end of
 * that day as it was known then; a day as of which a report shows more than
 * was known cannot be, so asOf after knownOn is refused.
 */
export function reportCut(asOf: Date | undefined, knownOn: Date | undefined): ReportCut {
  if (asOf && knownOn && asOf > knownOn) throw new InvalidParameterError([{ parameter: "asOf", message: "asOf: must be on or before knownOn" }]);
  return { asOf: asOf ?? knownOn ?? null, knownAt: knownOn ? endOfDay(knownOn) : null };
}

export function parseReportRequest(search: URLSearchParams, now = new Date()): ReportRequest {
  const schema = z.object({ ...milestoneFilterShape, ...pastParameters(() => now), ...fileOptions });
  const { asOf, knownOn, lang, encoding, bom, ...filters } = parseQuery(schema, search);
  return { filters, cut: reportCut(asOf, knownOn), knownOn: knownOn ?? null, lang, format: { encoding, bom } };
}
