import "server-only";
import type { Tx } from "../audit";
import { isoDayOrNull, todayUtc } from "../dates";
import { db } from "../db";
import { ConflictError, NotFoundError, ValidationError } from "../errors";
import { applyMilestoneCreate, applyMilestoneUpdate } from "../milestones/edits";
import { milestoneFieldsSelect } from "../milestones/list";
import { applyProgressUpdate } from "../milestones/progress";
import { reportLabels, type ReportColumn } from "../reports/columns";
import { inLocale, translatedColumns } from "../translations";
import { requireRole, type Actor, type Viewer } from "../auth/roles";
import { decode, fileError, lookup, readHeader, readRow, records, type Header, type ImportProblem, type RowValues } from "./read";

// Bulk import of milestones from a CSV file with the milestones export's
// columns. A dry run and the real run are the same code: every row goes
// through the editors' own create, update and progress functions inside one
// transaction, which a dry run (or any rejected row) rolls back.

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
  compare("targetDate", isoDayOrNull(current.targetDate), isoDayOrNull(values.targetDate), "targetDate", values.targetDate);
  compare("leadAgencyA", current.leadAgencyA, values.leadAgencyA, "leadAgencyA", values.leadAgencyA);
  compare("leadAgencyB", current.leadAgencyB, values.leadAgencyB, "leadAgencyB", values.leadAgencyB);
  compare("location", current.location, values.location, "location", values.location);
  compare("sourceUrl", current.sourceUrl, values.sourceUrl, "sourceUrl", values.sourceUrl);
  if (values.isPublic !== undefined)
    compare("isPublic", current.isPublic ? labels.yes : labels.no, values.isPublic ? labels.yes : labels.no, "isPublic", values.isPublic);
  const progressChanged = current.status !== values.status || current.progress !== values.progress;
  if (!progressChanged) compare("completedOn", isoDayOrNull(current.completedOn), isoDayOrNull(values.completedOn), "completedOn", values.completedOn);
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
    const newDate = values.lastUpdateOn && isoDayOrNull(values.lastUpdateOn) !== isoDayOrNull(last?.happenedOn ?? null) ? values.lastUpdateOn : null;
    await applyProgressUpdate(tx, actor, {
      milestone: values.key,
      expectedVersion: version,
      status: values.status,
      progress: values.progress,
      note: values.lastUpdateNote,
      noteIsPublic: false,
      evidenceUrl: null,
      happenedOn: (values.status === "completed" ? values.completedOn : null) ?? newDate ?? todayUtc(),
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
  const counts = { create: 0, update: 0, unchanged: 0, reject: 0 };
  for (const result of results) counts[result.outcome]++;
  return { applied, rows: results, counts };
}
