import "server-only";
import { parse } from "csv-parse/sync";
import iconv from "iconv-lite";
import { parseIsoDay, utcDay } from "../dates";
import { milestoneKinds, milestoneStatuses, type MilestoneKind, type MilestoneStatus } from "../vocabulary";
import { milestoneReportColumns, reportLabels, type ImportErrorCode, type ReportColumn } from "../reports/columns";
import { startsLikeFormula } from "../reports/csv";
import { locales, type Locale } from "../translations";
import { importLimits } from "./limits";

// Reading an import file, with no database: its bytes to text, its records,
// its header (in any of the three languages) and each row to values or the
// problems that stop it. The applier (lib/import/apply.ts) saves what this reads.

export type ImportProblem = {
  code: ImportErrorCode;
  values?: Record<string, string | number>;
  /** For code "invalid": the key of `Staff.errors` the editors' forms show for this field. */
  fieldError?: string;
};

/** The file as a whole cannot be imported; nothing was saved. */
export class ImportFileError extends Error {
  constructor(readonly problem: ImportProblem) {
    super(problem.code);
  }
}

/** Columns a file must have; the others of the export are optional or informational. */
const requiredColumns: ReportColumn[] = [
  "key",
  "pillar",
  "kind",
  "status",
  "progress",
  "title",
  "summary",
  "targetDate",
  "completedOn",
  "sourceUrl",
  "version",
];
/** The columns a file may have: the staff export's. */
export const importColumns = milestoneReportColumns(true);

/** More header cells than this is not a file made from the template, however it was edited. */
const maxColumns = importColumns.length * 2;

/** Column names for a message: the first few, each cut short, and how many more, so a message stays a line. */
function shortList(names: string[]): string {
  const shown = names.slice(0, 8).map((name) => (name.length > 40 ? `${name.slice(0, 40)}…` : name));
  return names.length > shown.length ? `${shown.join(", ")} (+${names.length - shown.length})` : shown.join(", ");
}

export const fileError = (code: ImportErrorCode, values?: ImportProblem["values"]) => new ImportFileError({ code, values });

export type FileEncoding = "utf-8" | "utf-16" | "shift_jis";

/**
 * A text as it comes back from a Shift_JIS (CP932) file: each character that
 * CP932 cannot hold (í, ñ, é, emoji) becomes "?". An export in Shift_JIS and
 * the file imported back differ from the tracker's texts only there.
 */
export function throughShiftJis(text: string): string {
  return iconv.decode(iconv.encode(text, "cp932"), "cp932");
}

/** The characters of a text that Shift_JIS cannot hold, each once. */
export function lostInShiftJis(text: string): string[] {
  const lost = new Set<string>();
  for (const character of text) if (throughShiftJis(character) !== character) lost.add(character);
  return [...lost];
}

/** UTF-8 (with or without a byte-order mark), or else Shift_JIS as older Japanese Excel saves it. */
export function decode(bytes: Uint8Array): { text: string; encoding: FileEncoding } {
  if (bytes.length === 0) throw fileError("empty");
  if (bytes.length > importLimits.bytes) throw fileError("tooLarge");
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) throw fileError("notCsvZip");
  // UTF-16, as Excel's "Unicode text" saves it, starts with its byte-order mark.
  const utf16 = bytes[0] === 0xff && bytes[1] === 0xfe ? "utf-16le" : bytes[0] === 0xfe && bytes[1] === 0xff ? "utf-16be" : null;
  if (utf16) {
    try {
      return { text: new TextDecoder(utf16, { fatal: true }).decode(bytes), encoding: "utf-16" };
    } catch {
      throw fileError("encoding");
    }
  }
  if (bytes.subarray(0, 8192).includes(0)) throw fileError("notCsvBinary");
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes), encoding: "utf-8" };
  } catch {
    const text = iconv.decode(Buffer.from(bytes), "cp932");
    if (text.includes("\uFFFD")) throw fileError("encoding");
    return { text, encoding: "shift_jis" };
  }
}

export type Record_ = { cells: string[]; line: number };

export function records(text: string): Record_[] {
  // One kind of line end, so csv-parse's line count matches what an editor sees.
  const normalised = text.replace(/\r\n/g, "\n");
  if (normalised.trim() === "") throw fileError("empty");
  const parseCsv = (options: { to_line?: number }) => {
    try {
      return parse(normalised, { info: true, skip_empty_lines: true, relax_column_count: true, ...options }) as unknown as {
        record: string[];
        info: { lines: number };
      }[];
    } catch (error) {
      throw fileError("notCsvSyntax", { reason: (error instanceof Error ? error.message : String(error)).slice(0, 200) });
    }
  };
  // The header is read alone first, so a file with thousands of columns is refused before the rest is parsed.
  const headerCells = parseCsv({ to_line: 1 })[0]?.record.length ?? 0;
  if (headerCells > maxColumns) throw fileError("tooManyColumns", { count: headerCells, expected: importColumns.length });
  const parsed = parseCsv({});
  if (parsed.length - 1 > importLimits.rows) throw fileError("tooManyRows");
  return parsed.map(({ record, info }) => ({
    cells: record,
    line: info.lines - record.reduce((breaks, cell) => breaks + (cell.match(/\n/g)?.length ?? 0), 0),
  }));
}

export type Header = { lang: Locale; encoding: FileEncoding; columns: Map<ReportColumn, number>; labels: Map<ReportColumn, string> };

/** A label's keys for lookups: as written, and as a Shift_JIS file shows it ("t?tulo" for "título"). */
const labelKeys = (label: string) => [...new Set([label.toLowerCase(), throughShiftJis(label).toLowerCase()])];

/** Recognises the export's headers in any of the three languages; the key column's language is the file's. */
export function readHeader(cells: string[], encoding: FileEncoding = "utf-8"): Header {
  const known = new Map<string, { column: ReportColumn; lang: Locale }>();
  for (const lang of locales) {
    for (const column of importColumns) for (const key of labelKeys(reportLabels[lang].columns[column])) if (!known.has(key)) known.set(key, { column, lang });
  }
  const columns = new Map<ReportColumn, number>();
  const labels = new Map<ReportColumn, string>();
  const unknown: string[] = [];
  const repeated: string[] = [];
  let lang: Locale = "en";
  cells.forEach((cell, index) => {
    const match = known.get(cell.trim().toLowerCase());
    if (!match) return unknown.push(cell.trim() || `#${index + 1}`);
    if (columns.has(match.column)) return repeated.push(cell.trim());
    columns.set(match.column, index);
    labels.set(match.column, cell.trim());
    if (match.column === "key") lang = match.lang;
  });
  if (repeated.length > 0) throw fileError("duplicateColumns", { columns: shortList(repeated) });
  if (unknown.length > 0) throw fileError("unknownColumns", { columns: shortList(unknown) });
  const missing = requiredColumns.filter((column) => !columns.has(column));
  if (missing.length > 0) throw fileError("missingColumns", { columns: missing.map((column) => reportLabels[lang].columns[column]).join(", ") });
  return { lang, encoding, columns, labels };
}

/** Every language's label of each enum value, and the value itself, lower-cased. */
export function lookup<Value extends string>(values: readonly Value[], label: (lang: Locale, value: Value) => string): Map<string, Value> {
  const map = new Map<string, Value>();
  for (const value of values) {
    map.set(value, value);
    for (const lang of locales) for (const key of labelKeys(label(lang, value))) map.set(key, value);
  }
  return map;
}
const statuses = lookup(milestoneStatuses, (lang, value) => reportLabels[lang].status[value]);
const kinds = lookup(milestoneKinds, (lang, value) => reportLabels[lang].kind[value]);
const yesNo = new Map(
  locales.flatMap((lang) => [
    ...labelKeys(reportLabels[lang].yes).map((key) => [key, true] as const),
    ...labelKeys(reportLabels[lang].no).map((key) => [key, false] as const),
  ]),
);

/**
 * A date as Excel writes it in Tokyo and Lima: ISO (2026-03-31) in any file;
 * year first with slashes (2026/3/31) in any file, as Japanese Excel saves it;
 * day first (31/03/2026) only in a Spanish file, as Peruvian Excel saves it.
 * Other orders are ambiguous (3/4/2026 is March or April) and refused.
 */
export function readDay(value: string, lang: Locale): Date | "bad" | "ambiguous" {
  const iso = parseIsoDay(value);
  if (iso) return iso;
  const real = (year: number, month: number, day: number) => {
    const date = utcDay(year, month, day);
    return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day ? date : "bad";
  };
  const yearFirst = /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/.exec(value);
  if (yearFirst) return real(Number(yearFirst[1]), Number(yearFirst[2]), Number(yearFirst[3]));
  const dayOrMonthFirst = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value);
  if (dayOrMonthFirst) return lang === "es" ? real(Number(dayOrMonthFirst[3]), Number(dayOrMonthFirst[2]), Number(dayOrMonthFirst[1])) : "ambiguous";
  return "bad";
}

export type RowValues = {
  key: string;
  pillar: string;
  kind: MilestoneKind;
  status: MilestoneStatus;
  progress: number;
  title: string;
  summary: string;
  targetDate: Date | null;
  completedOn: Date | null;
  leadAgencyA: string | null;
  leadAgencyB: string | null;
  location: string | null;
  sourceUrl: string;
  isPublic: boolean | undefined;
  lastUpdateOn: Date | null;
  lastUpdateNote: string | null;
  version: number | null;
};

/** Reads one row's cells into values, or the problems that stop it. */
export function readRow(record: Record_, header: Header, pillars: Map<string, string>): { values?: RowValues; problems: ImportProblem[] } {
  const problems: ImportProblem[] = [];
  const label = (column: ReportColumn) => header.labels.get(column) ?? reportLabels[header.lang].columns[column];
  if (record.cells.length !== header.columns.size) {
    return { problems: [{ code: "columnCount", values: { count: record.cells.length, expected: header.columns.size } }] };
  }
  const text = (column: ReportColumn): string | null => {
    const index = header.columns.get(column);
    if (index === undefined) return null;
    const raw = record.cells[index]!;
    // The export's neutralising quote comes off; a live formula is refused.
    if (raw.startsWith("'") && startsLikeFormula(raw.slice(1))) return raw.slice(1);
    if (startsLikeFormula(raw)) {
      problems.push({ code: "formula", values: { column: label(column), character: JSON.stringify(raw[0]) } });
      return null;
    }
    return raw.trim() === "" ? null : raw.trim();
  };
  const required = (column: ReportColumn) => {
    const value = text(column);
    if (value === null && !problems.some((problem) => problem.values?.column === label(column)))
      problems.push({ code: "required", values: { column: label(column) } });
    return value ?? "";
  };
  const oneOf = <Value>(column: ReportColumn, map: Map<string, Value>, code: ImportErrorCode): Value | undefined => {
    const value = required(column);
    const found = map.get(value.toLowerCase());
    if (value && found === undefined) problems.push({ code, values: { value } });
    return found;
  };
  const date = (column: ReportColumn): Date | null => {
    const value = text(column);
    if (value === null) return null;
    const day = readDay(value, header.lang);
    if (day instanceof Date) return day;
    problems.push({ code: day === "ambiguous" ? "ambiguousDate" : "badDate", values: { column: label(column), value } });
    return null;
  };
  const whole = (column: ReportColumn, code: ImportErrorCode, min: number, max: number): number | null => {
    const value = text(column);
    if (value === null) return null;
    const number = /^\d+$/.test(value) ? Number(value) : Number.NaN;
    if (!(number >= min && number <= max)) problems.push({ code, values: { column: label(column), value } });
    return number;
  };
  const isPublicText = text("isPublic");
  const isPublic = isPublicText === null ? undefined : yesNo.get(isPublicText.toLowerCase());
  if (isPublicText !== null && isPublic === undefined) problems.push({ code: "badYesNo", values: { column: label("isPublic"), value: isPublicText } });
  const values = {
    key: required("key"),
    pillar: oneOf("pillar", pillars, "unknownPillar"),
    kind: oneOf("kind", kinds, "unknownKind"),
    status: oneOf("status", statuses, "unknownStatus"),
    progress: whole("progress", "badProgress", 0, 100),
    title: required("title"),
    summary: required("summary"),
    targetDate: date("targetDate"),
    completedOn: date("completedOn"),
    leadAgencyA: text("leadAgencyA"),
    leadAgencyB: text("leadAgencyB"),
    location: text("location"),
    sourceUrl: required("sourceUrl"),
    isPublic,
    lastUpdateOn: date("lastUpdateOn"),
    lastUpdateNote: text("lastUpdateNote"),
    version: whole("version", "badVersion", 1, 2_147_483_647),
  };
  if (values.progress === null) problems.push({ code: "required", values: { column: label("progress") } });
  if (problems.length > 0) return { problems };
  return { values: values as RowValues, problems };
}
