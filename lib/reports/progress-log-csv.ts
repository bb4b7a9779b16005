import "server-only";
import { currentDatabase, db } from "../db";
import { Prisma } from "../generated/prisma/client";
import type { MilestoneStatus } from "../generated/prisma/enums";
import { milestoneWhere } from "../milestones/list";
import { inLocale, translatedColumns } from "../translations";
import { seesInternal, type Viewer } from "../auth/roles";
import { readableNoteSql, visibleUpdatesSql } from "../public/visibility";
import { asKnownAt, byId, wasVisible, type ReportCut } from "./as-of";
import { header, progressLogColumns, reportFileName, reportLabels, type ReportColumn } from "./columns";
import { csvStream, readAhead, type CsvCell, type CsvDownload, type CsvFormat } from "./csv";
import type { MilestoneFilters } from "../milestones/filters";
import type { Locale } from "../translations";
import { lastEndedDay } from "../dates";
import { parseReportRequest } from "./request";

/** A progress update as the progress log reads it, in the order of `progressLogPage`'s columns. */
type ProgressLogRow = [
  id: number,
  milestoneId: number,
  happenedOn: string,
  recordedAt: string,
  statusBefore: MilestoneStatus,
  statusAfter: MilestoneStatus,
  progressBefore: string,
  progressAfter: string,
  note: string | null,
  noteIsPublic: boolean | null,
  evidenceUrl: string | null,
  authorId: string | null,
];

/**
 * One page of the progress updates of some milestones, after (milestoneId, id),
 * as rows straight from the driver: this is the one report that runs to
 * millions of rows (see scripts/bench/exports.bench.mjs). The database writes
 * dates and numbers as text and blanks the notes the viewer may not read.
 * Authors are looked up apart (`authorNames`): joining the users here cost more
 * than the rest of the query. Which milestones is still decided by the list's
 * own `milestoneWhere`.
 */
async function progressLogPage(viewer: Viewer, milestoneIds: number[], after: { milestoneId: number; id: number }, cut: ReportCut, lang: Locale, take: number) {
  const internal = seesInternal(viewer);
  const readable = readableNoteSql(viewer, "p");
  // The note in the file's language where it was translated, else as written.
  const note = lang === "es" ? Prisma.sql`COALESCE(p."noteEs", p.note)` : lang === "ja" ? Prisma.sql`COALESCE(p."noteJa", p.note)` : Prisma.sql`p.note`;
  // Only staff exports show whether a note is public and who wrote it: the others need not read them.
  const staffOnly = (column: Prisma.Sql) => (internal ? column : Prisma.sql`NULL`);
  return (await currentDatabase().rowsOf(Prisma.sql`
    SELECT p.id, p."milestoneId",
           to_char(p."happenedOn", 'YYYY-MM-DD'), to_char(p."recordedAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
           p."statusBefore"::text, p."statusAfter"::text, p."progressBefore"::text, p."progressAfter"::text,
           CASE WHEN ${readable} THEN ${note} END, ${staffOnly(Prisma.sql`p."noteIsPublic"`)}, CASE WHEN ${readable} THEN p."evidenceUrl" END,
           ${staffOnly(Prisma.sql`p."authorId"`)}
    FROM "ProgressUpdate" p
    WHERE p."milestoneId" = ANY(${milestoneIds}::int[])
      AND (p."milestoneId", p.id) > (${after.milestoneId}::int, ${after.id}::int)
      AND ${visibleUpdatesSql(viewer, "p")}
      ${cut.asOf ? Prisma.sql`AND p."happenedOn" <= ${cut.asOf}::date` : Prisma.empty}
      ${cut.knownAt ? Prisma.sql`AND p."recordedAt" < ${cut.knownAt}` : Prisma.empty}
    ORDER BY p."milestoneId", p.id
    LIMIT ${take}`)) as ProgressLogRow[];
}

/** Names (or emails) of the authors of some progress updates, remembered across pages: staff are few, updates many. */
function authorNames() {
  const known = new Map<string, string>();
  return async (entries: ProgressLogRow[]) => {
    const missing = [...new Set(entries.map((entry) => entry[11]).filter((id): id is string => id !== null && !known.has(id)))];
    if (missing.length > 0) {
      const users = await db().user.findMany({ where: { id: { in: missing } }, select: { id: true, name: true, email: true } });
      for (const user of users) known.set(user.id, user.name ?? user.email);
    }
    return (authorId: string | null) => (authorId === null ? null : (known.get(authorId) ?? null));
  };
}

export type ProgressLogFile = { filters: Partial<MilestoneFilters>; cut: ReportCut; lang: Locale; format: CsvFormat };

/**
 * The progress log's bytes: one row per progress update of the milestones the
 * viewer may see that match the list's filters (status: the milestone's
 * current status), milestone by milestone, each one's updates in the order
 * they were recorded; with a cut, the updates that had happened by its day and
 * been recorded before its moment, under the titles known then.
 */
export function progressLogCsvBody(viewer: Viewer, request: ProgressLogFile, now = new Date()): ReadableStream<Uint8Array> {
  const internal = seesInternal(viewer);
  const labels = reportLabels[request.lang];
  const columns = progressLogColumns(internal);
  const where = milestoneWhere(viewer, request.filters, lastEndedDay(now));
  const knownAt = request.cut.knownAt;
  // Milestones per batch and updates per query: a batch's updates usually come in one query.
  const milestonesPerBatch = 200;
  const updatesPerQuery = 2000;
  type Milestone = { slug: string; title: string };
  type Author = (authorId: string | null) => string | null;
  const cells: Partial<Record<ReportColumn, (entry: ProgressLogRow, milestone: Milestone, author: Author) => CsvCell>> = {
    key: (_, milestone) => milestone.slug,
    title: (_, milestone) => milestone.title,
    happenedOn: (entry) => entry[2],
    recordedAt: (entry) => entry[3],
    author: (entry, _, author) => author(entry[11]),
    statusBefore: (entry) => labels.status[entry[4]],
    statusAfter: (entry) => labels.status[entry[5]],
    progressBefore: (entry) => entry[6],
    progressAfter: (entry) => entry[7],
    note: (entry) => entry[8],
    noteIsPublic: (entry) => (entry[9] ? labels.yes : labels.no),
    evidenceUrl: (entry) => entry[10],
  };
  const cellsOf = columns.map((column) => cells[column]!);
  const authorsOf = internal ? authorNames() : null;
  /** Pages of updates, each with its batch's milestones. */
  async function* updatePages() {
    const milestones = byId(
      (afterId, take) =>
        db().milestone.findMany({
          where: { AND: [where, { id: { gt: afterId } }, ...(knownAt ? [{ recordedAt: { lt: knownAt } }] : [])] },
          select: { id: true, slug: true, titleEn: true, titleEs: true, titleJa: true, isPublic: true, pillar: { select: { slug: true } } },
          orderBy: { id: "asc" },
          take,
        }),
      milestonesPerBatch,
    );
    // The next batch of milestones is read while this one's updates are.
    for await (const rows of readAhead(milestones)) {
      const batch = (await asKnownAt(rows, knownAt, () => undefined)).filter((milestone) => wasVisible(viewer, milestone));
      if (batch.length === 0) continue;
      const byMilestone = new Map(
        batch.map((milestone) => [milestone.id, { slug: milestone.slug, title: inLocale(translatedColumns(milestone, "title"), request.lang).text }]),
      );
      const ids = [...byMilestone.keys()];
      let after = { milestoneId: 0, id: 0 };
      for (;;) {
        // One row more than a page says whether another page follows, without asking again.
        const entries = await progressLogPage(viewer, ids, after, request.cut, request.lang, updatesPerQuery + 1);
        const more = entries.length > updatesPerQuery;
        if (more) entries.length = updatesPerQuery;
        if (entries.length > 0) yield { entries, byMilestone };
        if (!more) break;
        const last = entries.at(-1)!;
        after = { milestoneId: last[1], id: last[0] };
      }
    }
  }
  // The database reads the next page while this one becomes CSV.
  async function* pages(): AsyncGenerator<CsvCell[][]> {
    for await (const { entries, byMilestone } of readAhead(updatePages())) {
      // The driver sends that query on a later turn of the event loop, not before this page's work
      // unless it is let (npm run bench exports: 7 s instead of 5.5 s).
      await new Promise((resolve) => setImmediate(resolve));
      const author = authorsOf ? await authorsOf(entries) : () => null;
      yield entries.map((entry) => {
        const milestone = byMilestone.get(entry[1])!;
        return cellsOf.map((cell) => cell(entry, milestone, author));
      });
    }
  }
  return csvStream(header(columns, request.lang), pages(), request.format);
}

/** The progress log as a download. */
export function exportProgressLogCsv(viewer: Viewer, params: URLSearchParams, today = new Date()): CsvDownload {
  const request = parseReportRequest(params, today);
  return {
    fileName: reportFileName("progress-log", { ...request, asOf: request.cut.asOf, internal: seesInternal(viewer) }, today),
    format: request.format,
    body: progressLogCsvBody(viewer, request, today),
  };
}
