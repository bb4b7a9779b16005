import "server-only";
import { z } from "zod";
import { annualOptionsSchema, type YearBasis } from "./annual-period";
import { csvFormatSchema, csvStream, readAhead, type CsvCell, type CsvFormat } from "./csv";
import { database, db } from "./db";
import { httpStatusOf } from "./errors";
import { Prisma } from "./generated/prisma/client";
import type { MilestoneKind, MilestoneStatus } from "./generated/prisma/enums";
import {
  InvalidFilterError,
  milestoneFieldsSelect,
  milestoneWhere,
  parseMilestoneFilters,
  progressEntrySelect,
  type MilestoneFilters,
} from "./milestones/list";
import { reportLabels, type ReportColumn } from "./report-labels";
import { defaultRoadmapSlug } from "./milestones/roadmap";
import { inLocale, locales, translatedColumns, type Locale, type TranslatedText } from "./translations";
import { seesInternal, type Viewer } from "./auth/roles";

// The CSV reports (milestones, progress log, annual working-group report) and
// the "as of" snapshots they can be built from. Every report is read in
// batches by id (keyset pagination), so memory stays flat however many rows.

const dayMs = 86_400_000;

/** YYYY-MM-DD to the day at UTC midnight, the way milestone dates are stored. */
export function calendarDay(parameter: string) {
  const message = `${parameter}: must be a date like 2025-11-17`;
  return z
    .string({ error: message })
    .regex(/^\d{4}-\d{2}-\d{2}$/, message)
    .transform((value, context) => {
      const date = new Date(`${value}T00:00:00Z`);
      if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) {
        context.addIssue({ code: "custom", message });
        return z.NEVER;
      }
      return date;
    });
}

export const isoDate = (date: Date | null): string => (date ? date.toISOString().slice(0, 10) : "");

const reportOptionsSchema = csvFormatSchema.extend({
  asOf: calendarDay("asOf").optional(),
  lang: z.enum(locales, { error: "lang: must be en, es or ja" }).default("en"),
});

export type ReportRequest = { filters: MilestoneFilters; asOf: Date | null; lang: Locale; format: CsvFormat };

/** Parses the parameters shared by every report; a bad one is an InvalidFilterError naming it. */
function parseOptions<Schema extends z.ZodType>(schema: Schema, params: URLSearchParams): z.infer<Schema> {
  const raw = Object.fromEntries([...params.entries()].filter(([, value]) => value !== ""));
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    throw new InvalidFilterError(parsed.error.issues.map((issue) => ({ parameter: String(issue.path[0] ?? ""), message: issue.message })));
  }
  return parsed.data;
}

export function parseReportRequest(params: URLSearchParams): ReportRequest {
  const filters = parseMilestoneFilters(params);
  const options = parseOptions(reportOptionsSchema, params);
  return { filters, asOf: options.asOf ?? null, lang: options.lang, format: { encoding: options.encoding, bom: options.bom } };
}

const filterNames = ["pillar", "status", "kind", "year", "agency", "q"] as const;
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
  parts: { filters?: Partial<MilestoneFilters>; asOf?: Date | null; lang: Locale; format: CsvFormat; internal: boolean },
  today: Date,
): string {
  const name = [`${fileNamePrefix}-${report}`];
  for (const filter of filterNames) {
    const value = parts.filters?.[filter];
    if (value !== undefined) name.push(`${filter}-${fileNamePart(String(value))}`);
  }
  if (parts.internal) name.push("internal");
  if (parts.lang !== "en") name.push(parts.lang);
  if (parts.format.encoding === "shift_jis") name.push("shift-jis");
  name.push(parts.asOf ? `as-of-${isoDate(parts.asOf)}` : isoDate(today));
  return `${name.join("_")}.csv`;
}

// ---------------------------------------------------------------- snapshots

const historySelect = {
  ...progressEntrySelect,
  milestoneId: true,
  author: { select: { name: true, email: true } },
} satisfies Prisma.ProgressUpdateSelect;
type HistoryEntry = Prisma.ProgressUpdateGetPayload<{ select: typeof historySelect }>;

const historyOrder: Prisma.ProgressUpdateOrderByWithRelationInput[] = [{ happenedOn: "asc" }, { recordedAt: "asc" }, { id: "asc" }];

const reportMilestoneSelect = {
  id: true,
  ...milestoneFieldsSelect,
  version: true,
  createdAt: true,
  pillar: { select: { slug: true, position: true, nameEn: true, nameEs: true, nameJa: true } },
} satisfies Prisma.MilestoneSelect;
type ReportMilestone = Prisma.MilestoneGetPayload<{ select: typeof reportMilestoneSelect }>;

/** A milestone as it stood on a date. */
export type Snapshot = {
  status: MilestoneStatus;
  progress: number;
  completedOn: Date | null;
  /** The last progress update on or before the date. */
  last: HistoryEntry | null;
};

/**
 * Rebuilds a milestone's state at the end of `asOf` (null: today) from its
 * append-only history, oldest first: the state after the last update that
 * happened on or before the date, else the state before its first update.
 * Null when the milestone did not exist yet: created later, with no history
 * before the date.
 */
export function snapshotAsOf(
  milestone: { status: MilestoneStatus; progress: number; completedOn: Date | null; createdAt: Date },
  history: HistoryEntry[],
  asOf: Date | null,
): Snapshot | null {
  if (!asOf) return { status: milestone.status, progress: milestone.progress, completedOn: milestone.completedOn, last: history.at(-1) ?? null };
  const before = history.filter((entry) => entry.happenedOn <= asOf);
  const last = before.at(-1) ?? null;
  if (!last && milestone.createdAt.getTime() >= asOf.getTime() + dayMs) return null;
  const first = history[0];
  const state = last
    ? { status: last.statusAfter, progress: last.progressAfter }
    : first
      ? { status: first.statusBefore, progress: first.progressBefore }
      : { status: milestone.status, progress: milestone.progress };
  let completedOn: Date | null = null;
  if (state.status === "completed") {
    const completion = before.findLast((entry) => entry.statusAfter === "completed" && entry.statusBefore !== "completed");
    completedOn = milestone.completedOn && milestone.completedOn <= asOf ? milestone.completedOn : (completion?.happenedOn ?? null);
  }
  return { ...state, completedOn, last };
}

const batchSize = 1000;

/** Reads rows in batches by ascending id: each query starts after the last id of the one before. */
async function* byId<Row extends { id: number }>(read: (afterId: number, take: number) => Promise<Row[]>, take = batchSize): AsyncGenerator<Row[]> {
  let afterId = 0;
  for (;;) {
    const rows = await read(afterId, take);
    if (rows.length > 0) yield rows;
    if (rows.length < take) return;
    afterId = rows.at(-1)!.id;
  }
}

type SnapshotRow = { milestone: ReportMilestone; snapshot: Snapshot; history: HistoryEntry[] };

/** The viewer's milestones matching the filters, as they stood on `asOf`, batch by batch. */
async function* milestoneSnapshots(viewer: Viewer, filters: Partial<MilestoneFilters>, asOf: Date | null): AsyncGenerator<SnapshotRow[]> {
  const prisma = db();
  // On a past date the status filter means the status on that date, so it applies after the rebuild.
  const { status, ...otherFilters } = filters;
  const where = milestoneWhere(viewer, asOf ? otherFilters : filters);
  const milestones = byId((afterId, take) =>
    prisma.milestone.findMany({ where: { AND: [where, { id: { gt: afterId } }] }, select: reportMilestoneSelect, orderBy: { id: "asc" }, take }),
  );
  for await (const batch of milestones) {
    const entries = await prisma.progressUpdate.findMany({
      where: { milestoneId: { in: batch.map((milestone) => milestone.id) } },
      select: historySelect,
      orderBy: historyOrder,
    });
    const histories = new Map<number, HistoryEntry[]>();
    for (const entry of entries) histories.set(entry.milestoneId, [...(histories.get(entry.milestoneId) ?? []), entry]);
    const rows: SnapshotRow[] = [];
    for (const milestone of batch) {
      const history = histories.get(milestone.id) ?? [];
      const snapshot = snapshotAsOf(milestone, history, asOf);
      if (snapshot && (!asOf || !status || snapshot.status === status)) rows.push({ milestone, snapshot, history });
    }
    yield rows;
  }
}

// ---------------------------------------------------------------- CSV reports

/** What the viewer may read of a progress update's note and evidence. */
function visibleNote(viewer: Viewer, entry: Pick<HistoryEntry, "note" | "noteIsPublic" | "evidenceUrl">) {
  const visible = seesInternal(viewer) || entry.noteIsPublic;
  return { note: visible ? entry.note : null, evidenceUrl: visible ? entry.evidenceUrl : null };
}

const authorName = (entry: Pick<HistoryEntry, "author">) => entry.author?.name ?? entry.author?.email ?? null;

/** The columns of the milestones report; staff see whether a milestone is public and who updated it last. */
export function milestoneReportColumns(internal: boolean): ReportColumn[] {
  return [
    "key",
    "pillar",
    "kind",
    "status",
    "progress",
    "title",
    "summary",
    "targetDate",
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

export type CsvDownload = { fileName: string; format: CsvFormat; body: ReadableStream<Uint8Array> };

function header(columns: ReportColumn[], lang: Locale): string[] {
  return columns.map((column) => reportLabels[lang].columns[column]);
}

/** The milestones report: one row per milestone the viewer may see that matches the list's filters. */
export function exportMilestonesCsv(viewer: Viewer, params: URLSearchParams, baseUrl: string, today = new Date()): CsvDownload {
  const request = parseReportRequest(params);
  const internal = seesInternal(viewer);
  const labels = reportLabels[request.lang];
  const columns = milestoneReportColumns(internal);
  const cells: Partial<Record<ReportColumn, (row: SnapshotRow) => CsvCell>> = {
    key: ({ milestone }) => milestone.slug,
    pillar: ({ milestone }) => inLocale(translatedColumns(milestone.pillar, "name"), request.lang).text,
    kind: ({ milestone }) => labels.kind[milestone.kind],
    status: ({ snapshot }) => labels.status[snapshot.status],
    progress: ({ snapshot }) => snapshot.progress,
    title: ({ milestone }) => inLocale(translatedColumns(milestone, "title"), request.lang).text,
    summary: ({ milestone }) => inLocale(translatedColumns(milestone, "summary"), request.lang).text,
    targetDate: ({ milestone }) => isoDate(milestone.targetDate),
    completedOn: ({ snapshot }) => isoDate(snapshot.completedOn),
    leadAgencyA: ({ milestone }) => milestone.leadAgencyA,
    leadAgencyB: ({ milestone }) => milestone.leadAgencyB,
    location: ({ milestone }) => milestone.location,
    sourceUrl: ({ milestone }) => milestone.sourceUrl,
    isPublic: ({ milestone }) => (milestone.isPublic ? labels.yes : labels.no),
    lastUpdateOn: ({ snapshot }) => (snapshot.last ? isoDate(snapshot.last.happenedOn) : null),
    lastUpdateNote: ({ snapshot }) => (snapshot.last ? visibleNote(viewer, snapshot.last).note : null),
    lastUpdateAuthor: ({ snapshot }) => (snapshot.last ? authorName(snapshot.last) : null),
    url: ({ milestone }) => (milestone.isPublic ? `${baseUrl}/${request.lang}/milestones/${milestone.slug}` : null),
    // A snapshot of the past cannot be imported back over today's data.
    version: ({ milestone }) => (request.asOf ? null : milestone.version),
  };
  const cellsOf = columns.map((column) => cells[column]!);
  async function* rows(): AsyncGenerator<CsvCell[][]> {
    for await (const batch of milestoneSnapshots(viewer, request.filters, request.asOf)) {
      yield batch.map((row) => cellsOf.map((cell) => cell(row)));
    }
  }
  return {
    fileName: reportFileName("milestones", { ...request, internal }, today),
    format: request.format,
    body: csvStream(header(columns, request.lang), rows(), request.format),
  };
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
async function progressLogPage(milestoneIds: number[], after: { milestoneId: number; id: number }, asOf: Date | null, internal: boolean, take: number) {
  const readable = internal ? Prisma.sql`true` : Prisma.sql`p."noteIsPublic"`;
  // Only staff exports show whether a note is public and who wrote it: the others need not read them.
  const staffOnly = (column: Prisma.Sql) => (internal ? column : Prisma.sql`NULL`);
  return (await database().rowsOf(Prisma.sql`
    SELECT p.id, p."milestoneId",
           to_char(p."happenedOn", 'YYYY-MM-DD'), to_char(p."recordedAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
           p."statusBefore"::text, p."statusAfter"::text, p."progressBefore"::text, p."progressAfter"::text,
           CASE WHEN ${readable} THEN p.note END, ${staffOnly(Prisma.sql`p."noteIsPublic"`)}, CASE WHEN ${readable} THEN p."evidenceUrl" END,
           ${staffOnly(Prisma.sql`p."authorId"`)}
    FROM "ProgressUpdate" p
    WHERE p."milestoneId" = ANY(${milestoneIds}::int[])
      AND (p."milestoneId", p.id) > (${after.milestoneId}::int, ${after.id}::int)
      ${asOf ? Prisma.sql`AND p."happenedOn" <= ${asOf}::date` : Prisma.empty}
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

/**
 * The progress log: one row per progress update of the milestones the viewer
 * may see that match the list's filters (status: the milestone's current
 * status), milestone by milestone, each one's updates in the order they were
 * recorded; with `asOf`, the updates that had happened by then.
 */
export function exportProgressLogCsv(viewer: Viewer, params: URLSearchParams, today = new Date()): CsvDownload {
  const request = parseReportRequest(params);
  const internal = seesInternal(viewer);
  const labels = reportLabels[request.lang];
  const columns = progressLogColumns(internal);
  const where = milestoneWhere(viewer, request.filters);
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
          where: { AND: [where, { id: { gt: afterId } }] },
          select: { id: true, slug: true, titleEn: true, titleEs: true, titleJa: true },
          orderBy: { id: "asc" },
          take,
        }),
      milestonesPerBatch,
    );
    // The next batch of milestones is read while this one's updates are.
    for await (const batch of readAhead(milestones)) {
      const byMilestone = new Map(
        batch.map((milestone) => [milestone.id, { slug: milestone.slug, title: inLocale(translatedColumns(milestone, "title"), request.lang).text }]),
      );
      const ids = [...byMilestone.keys()];
      let after = { milestoneId: 0, id: 0 };
      for (;;) {
        // One row more than a page says whether another page follows, without asking again.
        const entries = await progressLogPage(ids, after, request.asOf, internal, updatesPerQuery + 1);
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
  return {
    fileName: reportFileName("progress-log", { ...request, internal }, today),
    format: request.format,
    body: csvStream(header(columns, request.lang), pages(), request.format),
  };
}

// ---------------------------------------------------------------- annual report

/** A calendar year, or Japan's fiscal year: April of `year` to March of the next. */
export function reportPeriod(year: number, basis: YearBasis): { start: Date; end: Date } {
  const startMonth = basis === "fiscal" ? 3 : 0;
  return { start: new Date(Date.UTC(year, startMonth, 1)), end: new Date(Date.UTC(year + 1, startMonth, 1) - dayMs) };
}

export const annualSections = ["completed", "inProgress", "delayedOrAtRisk", "comingUp"] as const;
export type AnnualSection = (typeof annualSections)[number];

export type AnnualItem = {
  slug: string;
  title: TranslatedText;
  kind: MilestoneKind;
  status: MilestoneStatus;
  progress: number;
  targetDate: Date | null;
  completedOn: Date | null;
  /** The notes of the period the viewer may read, oldest first. */
  notes: { on: Date; text: string }[];
};

export type AnnualReport = {
  year: number;
  basis: YearBasis;
  start: Date;
  end: Date;
  pillars: { slug: string; position: number; name: TranslatedText; sections: Record<AnnualSection, AnnualItem[]> }[];
};

function sectionsOf(snapshot: Snapshot, targetDate: Date | null, period: { start: Date; end: Date }, next: { start: Date; end: Date }): AnnualSection[] {
  const within = (date: Date | null, range: { start: Date; end: Date }) => date !== null && date >= range.start && date <= range.end;
  const sections: AnnualSection[] = [];
  if (snapshot.status === "completed" && within(snapshot.completedOn, period)) sections.push("completed");
  if (snapshot.status === "in_progress") sections.push("inProgress");
  if (snapshot.status === "delayed" || snapshot.status === "at_risk") sections.push("delayedOrAtRisk");
  if (snapshot.status !== "completed" && snapshot.status !== "cancelled" && within(targetDate, next)) sections.push("comingUp");
  return sections;
}

/**
 * The monitoring working group's annual report: per pillar, what was completed
 * in the year, what is in progress and what is delayed or at risk at its end,
 * and what is due the next year, with the year's notes; rebuilt as of the
 * year's last day.
 */
export async function getAnnualReport(viewer: Viewer, input: { year: unknown; basis?: unknown }): Promise<AnnualReport> {
  const parsed = annualOptionsSchema.safeParse(input);
  if (!parsed.success) {
    throw new InvalidFilterError(parsed.error.issues.map((issue) => ({ parameter: String(issue.path[0] ?? ""), message: issue.message })));
  }
  const { year, basis } = parsed.data;
  const period = reportPeriod(year, basis);
  const next = reportPeriod(year + 1, basis);
  const pillars = new Map<string, AnnualReport["pillars"][number]>();
  for await (const batch of milestoneSnapshots(viewer, {}, period.end)) {
    for (const { milestone, snapshot, history } of batch) {
      const sections = sectionsOf(snapshot, milestone.targetDate, period, next);
      if (sections.length === 0) continue;
      const pillar = pillars.get(milestone.pillar.slug) ?? {
        slug: milestone.pillar.slug,
        position: milestone.pillar.position,
        name: translatedColumns(milestone.pillar, "name"),
        sections: { completed: [], inProgress: [], delayedOrAtRisk: [], comingUp: [] },
      };
      pillars.set(pillar.slug, pillar);
      const notes = history.flatMap((entry) => {
        const { note } = visibleNote(viewer, entry);
        return note && entry.happenedOn >= period.start && entry.happenedOn <= period.end ? [{ on: entry.happenedOn, text: note }] : [];
      });
      const item: AnnualItem = {
        slug: milestone.slug,
        title: translatedColumns(milestone, "title"),
        kind: milestone.kind,
        status: snapshot.status,
        progress: snapshot.progress,
        targetDate: milestone.targetDate,
        completedOn: snapshot.completedOn,
        notes,
      };
      for (const section of sections) pillar.sections[section].push(item);
    }
  }
  const byDate = (a: AnnualItem, b: AnnualItem) =>
    (a.completedOn ?? a.targetDate ?? period.end).getTime() - (b.completedOn ?? b.targetDate ?? period.end).getTime();
  const ordered = [...pillars.values()].sort((a, b) => a.position - b.position);
  for (const pillar of ordered) for (const section of annualSections) pillar.sections[section].sort(byDate);
  return { year, basis, ...period, pillars: ordered };
}

/** The annual report as CSV: one row per milestone and section, the notes in one cell. */
export async function exportAnnualCsv(viewer: Viewer, params: URLSearchParams, today = new Date()): Promise<CsvDownload> {
  const options = parseOptions(reportOptionsSchema.omit({ asOf: true }), params);
  const report = await getAnnualReport(viewer, { year: params.get("year") ?? undefined, basis: params.get("basis") || undefined });
  const labels = reportLabels[options.lang];
  const format = { encoding: options.encoding, bom: options.bom };
  const columns: ReportColumn[] = ["pillar", "section", "key", "title", "kind", "status", "progress", "targetDate", "completedOn", "notes"];
  const rows = report.pillars.flatMap((pillar) =>
    annualSections.flatMap((section) =>
      pillar.sections[section].map((item) => [
        inLocale(pillar.name, options.lang).text,
        labels.sections[section],
        item.slug,
        inLocale(item.title, options.lang).text,
        labels.kind[item.kind],
        labels.status[item.status],
        item.progress,
        isoDate(item.targetDate),
        isoDate(item.completedOn),
        item.notes.map((note) => `${isoDate(note.on)}: ${note.text}`).join("\n"),
      ]),
    ),
  );
  const period = report.basis === "fiscal" ? `annual-fy${report.year}` : `annual-${report.year}`;
  async function* batches() {
    yield rows;
  }
  return {
    fileName: reportFileName(period, { lang: options.lang, format, internal: seesInternal(viewer), asOf: report.end }, today),
    format,
    body: csvStream(header(columns, options.lang), batches(), format),
  };
}

/** The HTTP answer to a report request that failed: 400 naming the parameter, else the shared table. */
export function reportErrorResponse(error: unknown): Response {
  if (error instanceof InvalidFilterError) {
    return Response.json({ error: error.message, parameters: error.issues.map((issue) => issue.parameter) }, { status: 400 });
  }
  const status = httpStatusOf(error);
  if (status === 500) console.error(error);
  return Response.json({ error: status === 500 ? "The report could not be produced" : (error as Error).message }, { status });
}

/** A CSV download; staff files are private to the browser that asked for them. */
export function csvResponse(download: CsvDownload, viewer: Viewer): Response {
  const ascii = download.fileName.replace(/[^\x20-\x7e]/g, "_").replace(/"/g, "_");
  return new Response(download.body, {
    headers: {
      "Content-Type": `text/csv; charset=${download.format.encoding === "shift_jis" ? "Shift_JIS" : "utf-8"}; header=present`,
      "Content-Disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(download.fileName)}`,
      "Cache-Control": seesInternal(viewer) ? "private, no-store" : "public, max-age=60",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
