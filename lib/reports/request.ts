import "server-only";
import { z } from "zod";
import { dayParameter } from "../dates";
import { langParameter, parseQuery } from "../http/query";
import { milestoneFilterShape } from "../milestones/filters";
import type { MilestoneFilters } from "../milestones/filters";
import type { Locale } from "../translations";
import { csvFormatSchema, type CsvFormat } from "./csv";

// The parameters the reports take: the list's filters (not its order or
// pages: a file holds every match), asOf, lang and the file's format. Any
// other parameter is refused, naming it.

/** The options of every file: its language and format. */
export const fileOptions = { ...csvFormatSchema.shape, lang: langParameter };

const reportQuerySchema = z.object({ ...milestoneFilterShape, asOf: dayParameter("asOf").optional(), ...fileOptions });

export type ReportRequest = { filters: Partial<MilestoneFilters>; asOf: Date | null; lang: Locale; format: CsvFormat };

export function parseReportRequest(search: URLSearchParams): ReportRequest {
  const { asOf, lang, encoding, bom, ...filters } = parseQuery(reportQuerySchema, search);
  return { filters, asOf: asOf ?? null, lang, format: { encoding, bom } };
}
