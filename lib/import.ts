import "server-only";
import { parse } from "csv-parse/sync";
import iconv from "iconv-lite";
import type { Tx } from "./audit";
import { csvStream, startsLikeFormula, type CsvFormat } from "./csv";
import { db } from "./db";
import { ConflictError, NotFoundError, ValidationError } from "./errors";
import { MilestoneKind, MilestoneStatus } from "./generated/prisma/enums";
import { applyMilestoneCreate, applyMilestoneUpdate } from "./milestones/edits";
import { milestoneFieldsSelect } from "./milestones/list";
import { applyProgressUpdate } from "./milestones/progress";
import { importLimits } from "./import-limits";
import { refreshPublicPages } from "./public/cached-reads";
import { reportLabels, type ImportErrorCode, type ReportColumn } from "./report-labels";
import { calendarDay, isoDate, milestoneReportColumns, reportFileName, type CsvDownload } from "./reports";
import { inLocale, locales, translatedColumns, type Locale } from "./translations";
import { requireRole, type Actor, type Viewer } from "./auth/roles";

// Bulk import of milestones from a CSV file with the milestones export's
// columns. A dry run and the real run are the same code: every row goes
// through the editors' own create, update and progress functions inside one
// transaction, which a dry run (or any rejected row) rolls back.

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

export type ImportOutcome = "create" | "update" | "unchanged" | "reject";

export type ImportRowResult = {
  /** The line of the file where the row starts (the header is line 1). */
  line: number;
  key: string;
  outcome: ImportOutcome;
  /** Column headers as the file has them, with the value before and after. */
  changes: { column: string; before: string; after: string }[];
  problems: ImportProblem[];
};

export type ImportReport = { applied: boolean; rows: ImportRowResult[]; counts: Record<ImportOutcome, number> };

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
const importColumns = milestoneReportColumns(true);

const fileError = (code: ImportErrorCode, values?: ImportProblem["values"]) => new ImportFileError({ code, values });

/** UTF-8 (with or without a byte-order mark), or else Shift_JIS as older Japanese Excel saves it. */
function decode(bytes: Uint8Array): string {
  if (bytes.length === 0) throw fileError("empty");
  if (bytes.length > importLimits.bytes) throw fileError("tooLarge");
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) throw fileError("notCsvZip");
  if (bytes.subarray(0, 8192).includes(0)) throw fileError("notCsvBinary");
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    const text = iconv.decode(Buffer.from(bytes), "cp932");
    if (text.includes("\uFFFD")) throw fileError("encoding");
    return text;
  }
}

type Record_ = { cells: string[]; line: number };

function records(text: string): Record_[] {
  // One kind of line end, so csv-parse's line count matches what an editor sees.
  const normalised = text.replace(/\r\n/g, "\n");
  if (normalised.trim() === "") throw fileError("empty");
  let parsed: { record: string[]; info: { lines: number } }[];
  try {
    parsed = parse(normalised, { info: true, skip_empty_lines: true, relax_column_count: true }) as unknown as typeof parsed;
  } catch (error) {
    throw fileError("notCsvSyntax", { reason: error instanceof Error ? error.message : String(error) });
  }
  if (parsed.length - 1 > importLimits.rows) throw fileError("tooManyRows");
  return parsed.map(({ record, info }) => ({
    cells: record,
    line: info.lines - record.reduce((breaks, cell) => breaks + (cell.match(/\n/g)?.length ?? 0), 0),
  }));
}

type Header = { lang: Locale; columns: Map<ReportColumn, number>; labels: Map<ReportColumn, string> };

/** Recognises the export's headers in any of the three languages; the key column's language is the file's. */
function readHeader(cells: string[]): Header {
  const known = new Map<string, { column: ReportColumn; lang: Locale }>();
  for (const lang of locales) {
    for (const column of importColumns) known.set(reportLabels[lang].columns[column].toLowerCase(), { column, lang });
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
  if (repeated.length > 0) throw fileError("duplicateColumns", { columns: repeated.join(", ") });
  if (unknown.length > 0) throw fileError("unknownColumns", { columns: unknown.join(", ") });
  const missing = requiredColumns.filter((column) => !columns.has(column));
  if (missing.length > 0) throw fileError("missingColumns", { columns: missing.map((column) => reportLabels[lang].columns[column]).join(", ") });
  return { lang, columns, labels };
}

/** Every language's label of each enum value, and the value itself, lower-cased. */
function lookup<Value extends string>(values: readonly Value[], label: (lang: Locale, value: Value) => string): Map<string, Value> {
  const map = new Map<string, Value>();
  for (const value of values) {
    map.set(value, value);
    for (const lang of locales) map.set(label(lang, value).toLowerCase(), value);
  }
  return map;
}
const statuses = lookup(Object.values(MilestoneStatus), (lang, value) => reportLabels[lang].status[value]);
const kinds = lookup(Object.values(MilestoneKind), (lang, value) => reportLabels[lang].kind[value]);
const yesNo = new Map(
  locales.flatMap((lang) => [[reportLabels[lang].yes.toLowerCase(), true] as const, [reportLabels[lang].no.toLowerCase(), false] as const]),
);

type RowValues = {
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
function readRow(record: Record_, header: Header, pillars: Map<string, string>): { values?: RowValues; problems: ImportProblem[] } {
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
    const parsed = calendarDay(column).safeParse(value);
    if (!parsed.success) problems.push({ code: "badDate", values: { column: label(column), value } });
    return parsed.success ? parsed.data : null;
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

const currentSelect = {
  version: true,
  ...milestoneFieldsSelect,
  archivedAt: true,
  pillar: { select: { slug: true, nameEn: true, nameEs: true, nameJa: true } },
  progressUpdates: {
    orderBy: [{ happenedOn: "desc" as const }, { recordedAt: "desc" as const }, { id: "desc" as const }],
    take: 1,
    select: { happenedOn: true, note: true },
  },
};

const languageSuffix = { en: "En", es: "Es", ja: "Ja" } as const;
const sameText = (a: string | null, b: string | null) => (a ?? "").replace(/\r\n?/g, "\n") === (b ?? "");
const today = () => new Date(`${new Date().toISOString().slice(0, 10)}T00:00:00Z`);

/** Field names of the editors' schemas, to the import's columns. */
const columnOfField: Record<string, ReportColumn> = {
  slug: "key",
  titleEn: "title",
  titleEs: "title",
  titleJa: "title",
  summaryEn: "summary",
  summaryEs: "summary",
  summaryJa: "summary",
  milestone: "key",
  note: "lastUpdateNote",
  happenedOn: "lastUpdateOn",
  expectedVersion: "version",
};

/** A row the import refuses, for a reason of its own (not the editors' validation). */
class ImportRowError extends Error {
  constructor(readonly problem: ImportProblem) {
    super(problem.code);
  }
}

/** Thrown to roll back the transaction of a dry run, or of a file with a rejected row. */
class RollBack extends Error {}

/** Applies one row inside the transaction; returns what changed (empty when nothing did). */
async function applyRow(
  tx: Tx,
  actor: Actor,
  values: RowValues,
  header: Header,
  label: (column: ReportColumn) => string,
): Promise<Omit<ImportRowResult, "line" | "key" | "problems">> {
  const lang = header.lang;
  const suffix = languageSuffix[lang];
  const labels = reportLabels[lang];
  const current = await tx.milestone.findUnique({ where: { slug: values.key }, select: currentSelect });
  if (current?.archivedAt) throw new NotFoundError();
  if (!current) {
    if (values.version !== null) throw new ImportRowError({ code: "unknownKey", values: { key: values.key } });
    await applyMilestoneCreate(tx, actor, {
      slug: values.key,
      pillar: values.pillar,
      // The file's language, and English, which every milestone needs.
      titleEn: values.title,
      titleEs: lang === "es" ? values.title : null,
      titleJa: lang === "ja" ? values.title : null,
      summaryEn: values.summary,
      summaryEs: lang === "es" ? values.summary : null,
      summaryJa: lang === "ja" ? values.summary : null,
      kind: values.kind,
      status: values.status,
      progress: values.progress,
      targetDate: values.targetDate,
      completedOn: values.completedOn,
      leadAgencyA: values.leadAgencyA,
      leadAgencyB: values.leadAgencyB,
      location: values.location,
      sourceUrl: values.sourceUrl,
      isPublic: values.isPublic ?? false,
    });
    return { outcome: "create", changes: [] };
  }

  const changes: ImportRowResult["changes"] = [];
  const fields: Record<string, unknown> = {};
  const compare = (column: ReportColumn, before: string | null, after: string | null, field: string, value: unknown) => {
    if (sameText(before, after)) return;
    changes.push({ column: label(column), before: before ?? "", after: after ?? "" });
    if (field) fields[field] = value;
  };
  compare(
    "pillar",
    inLocale(translatedColumns(current.pillar, "name"), lang).text,
    current.pillar.slug === values.pillar ? inLocale(translatedColumns(current.pillar, "name"), lang).text : values.pillar,
    "pillar",
    values.pillar,
  );
  compare("kind", labels.kind[current.kind], labels.kind[values.kind], "kind", values.kind);
  compare("title", inLocale(translatedColumns(current, "title"), lang).text, values.title, `title${suffix}`, values.title);
  compare("summary", inLocale(translatedColumns(current, "summary"), lang).text, values.summary, `summary${suffix}`, values.summary);
  compare("targetDate", isoDate(current.targetDate), isoDate(values.targetDate), "targetDate", values.targetDate);
  compare("leadAgencyA", current.leadAgencyA, values.leadAgencyA, "leadAgencyA", values.leadAgencyA);
  compare("leadAgencyB", current.leadAgencyB, values.leadAgencyB, "leadAgencyB", values.leadAgencyB);
  compare("location", current.location, values.location, "location", values.location);
  compare("sourceUrl", current.sourceUrl, values.sourceUrl, "sourceUrl", values.sourceUrl);
  if (values.isPublic !== undefined)
    compare("isPublic", current.isPublic ? labels.yes : labels.no, values.isPublic ? labels.yes : labels.no, "isPublic", values.isPublic);
  const progressChanged = current.status !== values.status || current.progress !== values.progress;
  if (!progressChanged) compare("completedOn", isoDate(current.completedOn), isoDate(values.completedOn), "completedOn", values.completedOn);
  compare("status", labels.status[current.status], labels.status[values.status], "", null);
  compare("progress", String(current.progress), String(values.progress), "", null);
  if (changes.length === 0) return { outcome: "unchanged", changes };

  if (values.version === null) throw new ImportRowError({ code: "noVersion", values: { column: label("version") } });
  if (values.version !== current.version) throw new ImportRowError({ code: "stale", values: { fileVersion: values.version, currentVersion: current.version } });
  let version = values.version;
  if (Object.keys(fields).length > 0) version = (await applyMilestoneUpdate(tx, actor, values.key, { ...fields, expectedVersion: version })).version;
  if (progressChanged) {
    const last = current.progressUpdates[0];
    if (!values.lastUpdateNote || sameText(last?.note ?? null, values.lastUpdateNote)) {
      throw new ImportRowError({ code: "noteRequired", values: { column: label("lastUpdateNote") } });
    }
    const newDate = values.lastUpdateOn && isoDate(values.lastUpdateOn) !== isoDate(last?.happenedOn ?? null) ? values.lastUpdateOn : null;
    await applyProgressUpdate(tx, actor, {
      milestone: values.key,
      expectedVersion: version,
      status: values.status,
      progress: values.progress,
      note: values.lastUpdateNote,
      noteIsPublic: false,
      evidenceUrl: null,
      happenedOn: (values.status === "completed" ? values.completedOn : null) ?? newDate ?? today(),
    });
  }
  return { outcome: "update", changes };
}

function problemsOf(error: unknown, label: (column: ReportColumn) => string): ImportProblem[] | null {
  if (error instanceof ImportRowError) return [error.problem];
  if (error instanceof ValidationError) {
    return Object.entries(error.fieldErrors).flatMap(([field, keys]) =>
      keys.map((key) => ({ code: "invalid" as const, values: { column: label(columnOfField[field] ?? (field as ReportColumn)) }, fieldError: key })),
    );
  }
  if (error instanceof ConflictError) return [{ code: "stale", values: { fileVersion: "?", currentVersion: error.currentVersion } }];
  if (error instanceof NotFoundError) return [{ code: "unknownKey", values: { key: "" } }];
  return null;
}

/**
 * Checks a CSV file row by row and, when `apply` is set and no row is
 * rejected, saves every row in one transaction. Editors only. A file that
 * cannot be read at all throws ImportFileError; nothing is ever half-saved.
 */
export async function importMilestones(viewer: Viewer, file: Uint8Array, { apply }: { apply: boolean }): Promise<ImportReport> {
  const actor = requireRole(viewer, "editor");
  const [head, ...rows] = records(decode(file));
  const header = readHeader(head!.cells);
  const label = (column: ReportColumn) => header.labels.get(column) ?? reportLabels[header.lang].columns[column];
  if (rows.length === 0) throw fileError("empty");

  const pillarRows = await db().pillar.findMany({ select: { slug: true, nameEn: true, nameEs: true, nameJa: true } });
  const pillars = lookup(
    pillarRows.map((pillar) => pillar.slug),
    (lang, slug) =>
      inLocale(
        translatedColumns(
          pillarRows.find((pillar) => pillar.slug === slug)!,
          "name",
        ),
        lang,
      ).text,
  );
  const firstLineOfKey = new Map<string, number>();
  const results: ImportRowResult[] = [];
  const readRows = rows.map((record) => {
    const { values, problems } = readRow(record, header, pillars);
    const key = values?.key ?? record.cells[header.columns.get("key")!]?.trim() ?? "";
    const earlier = firstLineOfKey.get(key);
    if (key && earlier !== undefined) problems.push({ code: "duplicateKey", values: { key, line: earlier } });
    if (key && earlier === undefined) firstLineOfKey.set(key, record.line);
    return { record, key, values: problems.length === 0 ? values : undefined, problems };
  });

  let applied = false;
  try {
    await db().$transaction(
      async (tx) => {
        for (const { record, key, values, problems } of readRows) {
          if (!values) {
            results.push({ line: record.line, key, outcome: "reject", changes: [], problems });
            continue;
          }
          try {
            results.push({ line: record.line, key, problems: [], ...(await applyRow(tx, actor, values, header, label)) });
          } catch (error) {
            const rowProblems = problemsOf(error, label);
            if (!rowProblems) throw error;
            results.push({ line: record.line, key, outcome: "reject", changes: [], problems: rowProblems });
          }
        }
        if (!apply || results.some((result) => result.outcome === "reject")) throw new RollBack();
      },
      { timeout: 300_000, maxWait: 30_000 },
    );
    applied = true;
  } catch (error) {
    if (!(error instanceof RollBack)) throw error;
  }
  if (applied) refreshPublicPages(results.filter((result) => result.outcome !== "unchanged").map((result) => result.key));
  const counts = { create: 0, update: 0, unchanged: 0, reject: 0 };
  for (const result of results) counts[result.outcome]++;
  return { applied, rows: results, counts };
}

/** The import template: the staff export's header row, in the chosen language. */
export function importTemplateCsv(lang: Locale, format: CsvFormat = { encoding: "utf-8", bom: true }): CsvDownload {
  async function* noRows() {}
  return {
    fileName: reportFileName("milestones-template", { lang, format, internal: false }, today()),
    format,
    body: csvStream(
      importColumns.map((column) => reportLabels[lang].columns[column]),
      noRows(),
      format,
    ),
  };
}
