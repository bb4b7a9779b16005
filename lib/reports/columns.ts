import "server-only";
import en from "../../messages/en/reports.json";
import es from "../../messages/es/reports.json";
import ja from "../../messages/ja/reports.json";
import type { MilestoneKind, MilestoneStatus } from "../generated/prisma/enums";
import { isoDay } from "../dates";
import type { MilestoneFilters } from "../milestones/filters";
import { defaultRoadmapSlug } from "../milestones/roadmap";
import type { Locale } from "../translations";
import type { CsvFormat } from "./csv";

// The reports' vocabulary: column headers and enum values of the CSV files in
// each language (from the same messages the pages use; the import reads all
// three back), which columns each report has, and the files' names.

export type ReportColumn = keyof typeof en.Reports.columns;
/** A reason the import refuses a file or a row: a key of `Reports.errors`. */
export type ImportErrorCode = keyof typeof en.Reports.errors;

type Labels = {
  columns: Record<ReportColumn, string>;
  status: Record<MilestoneStatus, string>;
  kind: Record<MilestoneKind, string>;
  yes: string;
  no: string;
  sections: typeof en.Reports.sections;
};

export const reportLabels: Record<Locale, Labels> = { en: en.Reports, es: es.Reports, ja: ja.Reports };

/** The columns of the milestones report; staff see whether a milestone is public and who updated it last. */
export function milestoneReportColumns(internal: boolean): ReportColumn[] {
  return [
    "key",
    "pillar",
    "kind",
    "status",
    "overdue",
    "progress",
    "title",
    "summary",
    "targetDate",
    "originalTargetDate",
    "timesRescheduled",
    "completedOn",
    "leadAgencyA",
    "leadAgencyB",
    "location",
    "sourceUrl",
    ...(internal ? (["isPublic"] as const) : []),
    "lastUpdateOn",
    "lastUpdateNote",
    ...(internal ? (["lastUpdateAuthor"] as const) : []),
    "url",
    "version",
  ];
}

export function progressLogColumns(internal: boolean): ReportColumn[] {
  return [
    "key",
    "title",
    "happenedOn",
    "recordedAt",
    ...(internal ? (["author"] as const) : []),
    "statusBefore",
    "statusAfter",
    "progressBefore",
    "progressAfter",
    "note",
    ...(internal ? (["noteIsPublic"] as const) : []),
    "evidenceUrl",
  ];
}

/** The header row of a report in a language. */
export function header(columns: ReportColumn[], lang: Locale): string[] {
  return columns.map((column) => reportLabels[lang].columns[column]);
}

const filterNames = ["pillar", "status", "kind", "year", "agency", "q", "overdue"] as const;
const fileNamePart = (value: string) =>
  value
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "");
const fileNamePrefix = defaultRoadmapSlug.replace(/-\d{4}-\d{4}$/, "");

/** Says what the file holds and when: japan-peru-milestones_status-delayed_2026-11-27.csv. */
export function reportFileName(
  report: string,
  parts: {
    filters?: Partial<MilestoneFilters>;
    asOf?: Date | null;
    knownOn?: Date | null;
    snapshot?: string;
    lang: Locale;
    format: CsvFormat;
    internal: boolean;
  },
  today: Date,
): string {
  const name = [`${fileNamePrefix}-${report}`];
  if (parts.snapshot) name.push(`snapshot-${parts.snapshot}`);
  for (const filter of filterNames) {
    const value = parts.filters?.[filter];
    if (value !== undefined) name.push(`${filter}-${fileNamePart(String(value))}`);
  }
  if (parts.internal) name.push("internal");
  if (parts.lang !== "en") name.push(parts.lang);
  if (parts.format.encoding === "shift_jis") name.push("shift-jis");
  if (parts.asOf) name.push(`as-of-${isoDay(parts.asOf)}`);
  if (parts.knownOn) name.push(`known-on-${isoDay(parts.knownOn)}`);
  if (!parts.asOf && !parts.knownOn && !parts.snapshot) name.push(isoDay(today));
  return `${name.join("_")}.csv`;
}
