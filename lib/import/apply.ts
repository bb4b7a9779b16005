import "server-only";
import type { Tx } from "../audit";
import { isoDay, isoDayOrNull, todayEverywhere } from "../dates";
import { db } from "../db";
import { ConflictError, NotFoundError, ValidationError } from "../errors";
import { applyMilestoneCreate, applyMilestoneUpdate } from "../milestones/edits";
import { milestoneFieldsSelect } from "../milestones/list";
import { applyProgressUpdate } from "../milestones/progress";
import { reportLabels, type ReportColumn } from "../reports/columns";
import { inLocale, translatedColumns } from "../translations";
import type { MilestoneStatus } from "../vocabulary";
import { requireRole, type Actor, type Viewer } from "../auth/roles";
import {
  decode,
  fileError,
  lookup,
  lostInShiftJis,
  readHeader,
  readRow,
  records,
  throughShiftJis,
  type Header,
  type ImportProblem,
  type RowValues,
} from "./read";

// Bulk import of milestones from a CSV file with the milestones export's
// columns. A dry run and the real run are the same code: every row goes
// through the editors' own create, update and progress functions inside one
// transaction, which a dry run (or any rejected row) rolls back.

export type ImportOutcome = "create" | "update" | "unchanged" | "reject";

export type ImportRowResult = {
  /** The line of the file where the row starts (the header is line 1). */
  line: number;
  key: string;
  /** The milestone's title in the file's language, to name the row by. */
  title: string;
  outcome: ImportOutcome;
  /** Column headers as the file has them, with the value before and after. */
  changes: { column: string; before: string; after: string }[];
  /** The progress update the row logs, and the move of its target date, with the note and day they are recorded with. */
  logs: { status: MilestoneStatus; progress: number; happenedOn: string; note: string } | null;
  reschedule: { before: string | null; after: string | null; reason: string } | null;
  problems: ImportProblem[];
};

/** Something the dry run says once about the whole file. */
export type ImportNotice = { code: "shiftJisUnchanged"; values: { cells: number } };

export type ImportReport = { applied: boolean; rows: ImportRowResult[]; counts: Record<ImportOutcome, number>; notices: ImportNotice[] };

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
  rescheduleReason: "lastUpdateNote",
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

type RowOutcome = Omit<ImportRowResult, "line" | "key" | "problems" | "title">;

/** Counts the cells of a Shift_JIS file that differ from the tracker only where Shift_JIS cannot hold a character. */
type LossyCounter = { cells: number };

/**
 * The day a row's change of status or progress happened: its completion date
 * when it completes, else its "last update" date when the file changes it,
 * else today (in Lima, so that it is today for both parties).
 */
function dayOfChange(values: RowValues, lastUpdateOn: Date | null): Date {
  const newDate = values.lastUpdateOn && isoDayOrNull(values.lastUpdateOn) !== isoDayOrNull(lastUpdateOn) ? values.lastUpdateOn : null;
  return (values.status === "completed" ? values.completedOn : null) ?? newDate ?? todayEverywhere();
}

/** Logs the row's change of status or progress through the editors' own progress function. */
async function logChange(tx: Tx, actor: Actor, values: RowValues, expectedVersion: number, note: string, lastUpdateOn: Date | null) {
  const happenedOn = dayOfChange(values, lastUpdateOn);
  const logged = await applyProgressUpdate(tx, actor, {
    milestone: values.key,
    expectedVersion,
    status: values.status,
    progress: values.progress,
    note,
    noteIsPublic: false,
    evidenceUrl: null,
    happenedOn,
  });
  return { version: logged.version, logs: { status: values.status, progress: values.progress, happenedOn: isoDay(happenedOn), note } };
}

/** Applies one row inside the transaction; returns what changed (empty when nothing did). */
async function applyRow(
  tx: Tx,
  actor: Actor,
  values: RowValues,
  header: Header,
  label: (column: ReportColumn) => string,
  lossy: LossyCounter,
): Promise<RowOutcome> {
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
      targetDate: values.targetDate,
      leadAgencyA: values.leadAgencyA,
      leadAgencyB: values.leadAgencyB,
      location: values.location,
      sourceUrl: values.sourceUrl,
      isPublic: values.isPublic ?? false,
    });
    // A new milestone starts planned at 0 %; any other state is its first progress update.
    if (values.status === "planned" && values.progress === 0) return { outcome: "create", changes: [], logs: null, reschedule: null };
    if (!values.lastUpdateNote) throw new ImportRowError({ code: "noteRequired", values: { column: label("lastUpdateNote") } });
    const { logs } = await logChange(tx, actor, values, 1, values.lastUpdateNote, null);
    return { outcome: "create", changes: [], logs, reschedule: null };
  }

  const changes: ImportRowResult["changes"] = [];
  const fields: Record<string, unknown> = {};
  const compare = (column: ReportColumn, before: string | null, after: string | null, field: string, value: unknown) => {
    if (sameText(before, after)) return;
    if (before !== null) {
      // A file that went through Shift_JIS (an export in it, or Excel saving one) shows "?" for the
      // characters it cannot hold. Differing only there, the cell is unchanged; edited, it would
      // write the "?" into the text, so it is refused. Such a file may be plain ASCII, so this does
      // not depend on how the file was read.
      if (sameText(throughShiftJis(before), after)) return void lossy.cells++;
      const lost = lostInShiftJis(before);
      if (lost.length > 0 && after?.includes("?") && lostInShiftJis(after).length === 0) {
        throw new ImportRowError({ code: "shiftJisLossy", values: { column: label(column), characters: lost.join(" ") } });
      }
    }
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
  if (changes.length === 0) return { outcome: "unchanged", changes, logs: null, reschedule: null };

  if (values.version === null) throw new ImportRowError({ code: "noVersion", values: { column: label("version") } });
  if (values.version !== current.version) throw new ImportRowError({ code: "stale", values: { fileVersion: values.version, currentVersion: current.version } });
  // A change of status or a moved target date is recorded with a note of what happened, like a manual one.
  const last = current.progressUpdates[0];
  const note = values.lastUpdateNote && !sameText(last?.note ?? null, values.lastUpdateNote) ? values.lastUpdateNote : null;
  const moved = "targetDate" in fields && current.targetDate !== null;
  if (moved && !note) throw new ImportRowError({ code: "rescheduleNoteRequired", values: { column: label("lastUpdateNote") } });
  if (progressChanged && !note) throw new ImportRowError({ code: "noteRequired", values: { column: label("lastUpdateNote") } });
  let version = values.version;
  if (Object.keys(fields).length > 0) {
    version = (await applyMilestoneUpdate(tx, actor, values.key, { ...fields, rescheduleReason: moved ? note : null, expectedVersion: version })).version;
  }
  const reschedule = moved ? { before: isoDayOrNull(current.targetDate), after: isoDayOrNull(values.targetDate), reason: note! } : null;
  const logs = progressChanged ? (await logChange(tx, actor, values, version, note!, last?.happenedOn ?? null)).logs : null;
  return { outcome: "update", changes, logs, reschedule };
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
  const { text, encoding } = decode(file);
  const [head, ...rows] = records(text);
  const header = readHeader(head!.cells, encoding);
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
    const title = values?.title ?? record.cells[header.columns.get("title")!]?.trim() ?? "";
    const earlier = firstLineOfKey.get(key);
    if (key && earlier !== undefined) problems.push({ code: "duplicateKey", values: { key, line: earlier } });
    if (key && earlier === undefined) firstLineOfKey.set(key, record.line);
    return { record, key, title, values: problems.length === 0 ? values : undefined, problems };
  });

  const lossy: LossyCounter = { cells: 0 };
  let applied = false;
  try {
    await db().$transaction(
      async (tx) => {
        for (const { record, key, title, values, problems } of readRows) {
          const row = { line: record.line, key, title };
          if (!values) {
            results.push({ ...row, outcome: "reject", changes: [], logs: null, reschedule: null, problems });
            continue;
          }
          try {
            results.push({ ...row, problems: [], ...(await applyRow(tx, actor, values, header, label, lossy)) });
          } catch (error) {
            const rowProblems = problemsOf(error, label);
            if (!rowProblems) throw error;
            results.push({ ...row, outcome: "reject", changes: [], logs: null, reschedule: null, problems: rowProblems });
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
  const notices: ImportNotice[] = lossy.cells > 0 ? [{ code: "shiftJisUnchanged", values: { cells: lossy.cells } }] : [];
  return { applied, rows: results, counts, notices };
}
