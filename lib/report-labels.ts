import en from "../messages/en/reports.json";
import es from "../messages/es/reports.json";
import ja from "../messages/ja/reports.json";
import type { MilestoneKind, MilestoneStatus } from "./generated/prisma/enums";
import type { Locale } from "./translations";

// Column headers and enum values of the CSV files in each language, from the
// same messages the pages use. The import reads all three back.

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
