import "server-only";
import { db } from "../db";
import { dayMs, endOfDay, isOverdue, lastEndedDay } from "../dates";
import { Prisma } from "../generated/prisma/client";
import type { MilestoneStatus } from "../generated/prisma/enums";
import type { MilestoneFilters } from "../milestones/filters";
import { milestoneFieldsSelect, milestoneWhere, progressEntrySelect } from "../milestones/list";
import { historyOrder, stateAfter } from "../milestones/progress";
import type { MilestoneSnapshot } from "../milestones/edits";
import { seesInternal, type Viewer } from "../auth/roles";
import { visibleUpdates } from "../public/visibility";

// Reports of the past, rebuilt from the append-only history: each milestone as
// it stood at the end of a day ("as of"), and, with a moment it was known at,
// from only what had been recorded before that moment ("as known on"), so a
// report published on a day can be rebuilt byte for byte years later. Read in
// batches by id (keyset pagination), so memory stays flat however many rows.

/**
 * Which past a report shows: the state at the end of `asOf` (null: today's),
 * from what had been recorded before `knownAt` (null: everything recorded).
 * A `knownAt` always comes with an `asOf`.
 */
export type ReportCut = { asOf: Date | null; knownAt: Date | null };

export const liveCut: ReportCut = { asOf: null, knownAt: null };

const historySelect = {
  ...progressEntrySelect,
  milestoneId: true,
  author: { select: { name: true, email: true } },
} satisfies Prisma.ProgressUpdateSelect;
export type HistoryEntry = Prisma.ProgressUpdateGetPayload<{ select: typeof historySelect }>;

const reportMilestoneSelect = {
  id: true,
  ...milestoneFieldsSelect,
  baselineTargetDate: true,
  version: true,
  createdAt: true,
  pillar: { select: { slug: true, position: true, nameEn: true, nameEs: true, nameJa: true } },
} satisfies Prisma.MilestoneSelect;
export type ReportMilestone = Prisma.MilestoneGetPayload<{ select: typeof reportMilestoneSelect }>;

/** A milestone's state on the report's day. */
export type Snapshot = {
  status: MilestoneStatus;
  progress: number;
  completedOn: Date | null;
  targetDate: Date | null;
  originalTargetDate: Date | null;
  timesRescheduled: number;
  overdue: boolean;
  /** The last progress update on or before the day. */
  last: HistoryEntry | null;
};

type RescheduleRow = { milestoneId: number; targetDateBefore: Date | null; targetDateAfter: Date | null; recordedAt: Date };

/** The moment before which a record counts for a cut: the end of its day, or the moment it was known at if earlier. */
function recordedBefore(cut: ReportCut): Date | null {
  if (!cut.asOf) return cut.knownAt;
  const end = endOfDay(cut.asOf);
  return cut.knownAt && cut.knownAt < end ? cut.knownAt : end;
}

/**
 * The target date at a moment, from the moves of it (oldest first): the
 * latest recorded before it, else the one the first move started from.
 */
function targetsAt(milestone: ReportMilestone, moves: RescheduleRow[], before: Date | null) {
  if (!before) {
    return {
      targetDate: milestone.targetDate,
      originalTargetDate: milestone.baselineTargetDate,
      timesRescheduled: moves.filter((move) => move.targetDateBefore).length,
    };
  }
  const earlier = moves.filter((move) => move.recordedAt < before);
  const targetDate = earlier.length > 0 ? earlier.at(-1)!.targetDateAfter : moves.length > 0 ? moves[0]!.targetDateBefore : milestone.targetDate;
  // A first target date set after the moment was not the original one yet.
  const originalTargetDate = moves[0] && !moves[0].targetDateBefore && moves[0].recordedAt >= before ? null : milestone.baselineTargetDate;
  return { targetDate, originalTargetDate, timesRescheduled: earlier.filter((move) => move.targetDateBefore).length };
}

/**
 * Rebuilds a milestone's state at the end of the cut's day from its history
 * (oldest first, already cut to what had been recorded), or today's state for
 * the live cut. Null when the milestone did not exist yet: created later, with
 * no history before the day.
 */
export function snapshotAt(milestone: ReportMilestone, history: HistoryEntry[], moves: RescheduleRow[], cut: ReportCut, now: Date): Snapshot | null {
  const targets = targetsAt(milestone, moves, recordedBefore(cut));
  if (!cut.asOf) {
    return {
      status: milestone.status,
      progress: milestone.progress,
      completedOn: milestone.completedOn,
      ...targets,
      overdue: isOverdue(milestone, lastEndedDay(now)),
      last: history.at(-1) ?? null,
    };
  }
  const asOf = cut.asOf;
  const before = history.filter((entry) => entry.happenedOn <= asOf);
  if (before.length === 0 && milestone.createdAt.getTime() >= asOf.getTime() + dayMs) return null;
  const state = stateAfter(before);
  return { ...state, ...targets, overdue: isOverdue({ status: state.status, targetDate: targets.targetDate }, asOf), last: before.at(-1) ?? null };
}

const batchSize = 1000;

/** Reads rows in batches by ascending id: each query starts after the last id of the one before. */
export async function* byId<Row extends { id: number }>(read: (afterId: number, take: number) => Promise<Row[]>, take = batchSize): AsyncGenerator<Row[]> {
  let afterId = 0;
  for (;;) {
    const rows = await read(afterId, take);
    if (rows.length > 0) yield rows;
    if (rows.length < take) return;
    afterId = rows.at(-1)!.id;
  }
}

/** The fields of a milestone that the audit events keep, which a report "as known on" a day shows as they were then. */
const knownFields = [
  "titleEn",
  "titleEs",
  "titleJa",
  "summaryEn",
  "summaryEs",
  "summaryJa",
  "kind",
  "leadAgencyA",
  "leadAgencyB",
  "location",
  "isPublic",
  "sourceUrl",
] as const;

export type KnownMilestone<Row> = Row & { archivedAt: Date | null };

/**
 * Milestones as they were known at `knownAt`: for each, the `before` snapshot
 * of its first audit event at or after that moment, else the row as it is. Every
 * writer stores full snapshots (lib/milestones/edits.ts), so this is exact.
 * `pillars` gives a pillar by slug, for a milestone that has since moved.
 */
export async function asKnownAt<Row extends { id: number; archivedAt?: Date | null; pillar: { slug: string } }>(
  rows: Row[],
  knownAt: Date | null,
  pillars: (slug: string) => Row["pillar"] | undefined,
): Promise<KnownMilestone<Row>[]> {
  if (!knownAt || rows.length === 0) return rows.map((row) => ({ ...row, archivedAt: row.archivedAt ?? null }));
  const events = await db().auditEvent.findMany({
    where: { entityType: "Milestone", entityId: { in: rows.map((row) => String(row.id)) }, at: { gte: knownAt }, before: { not: Prisma.AnyNull } },
    orderBy: [{ entityId: "asc" }, { at: "asc" }, { id: "asc" }],
    distinct: ["entityId"],
    select: { entityId: true, before: true },
  });
  const then = new Map(events.map((event) => [Number(event.entityId), event.before as Partial<MilestoneSnapshot>]));
  return rows.map((row) => {
    const known = then.get(row.id);
    if (!known) return { ...row, archivedAt: row.archivedAt ?? null };
    const fields = Object.fromEntries(knownFields.filter((field) => field in known).map((field) => [field, known[field]]));
    const pillar = (known.pillar && pillars(known.pillar)) || row.pillar;
    return { ...row, ...fields, pillar, archivedAt: known.archivedAt ? new Date(known.archivedAt) : null };
  });
}

/** Whether a milestone, as known then, was in the viewer's view: tracked, and public for the public. */
export function wasVisible(viewer: Viewer, milestone: { isPublic: boolean; archivedAt: Date | null }): boolean {
  return milestone.archivedAt === null && (seesInternal(viewer) || milestone.isPublic);
}

export type SnapshotRow = { milestone: KnownMilestone<ReportMilestone>; snapshot: Snapshot; history: HistoryEntry[] };

/**
 * The viewer's milestones matching the filters, as they stood on the cut's
 * day and as they were known then, batch by batch. On a past day the status
 * and overdue filters mean that day's; the others select by the milestone's
 * current fields. What is internal or withdrawn today is left out whatever the
 * day: internal data never appears publicly, even in a report of the past.
 */
export async function* milestoneSnapshots(viewer: Viewer, filters: Partial<MilestoneFilters>, cut: ReportCut, now = new Date()): AsyncGenerator<SnapshotRow[]> {
  const prisma = db();
  const { status, overdue, ...otherFilters } = filters;
  const where = milestoneWhere(viewer, cut.asOf ? otherFilters : filters, lastEndedDay(now));
  const knownAt = cut.knownAt;
  const pillarRows = knownAt ? await prisma.pillar.findMany({ select: reportMilestoneSelect.pillar.select }) : [];
  const milestones = byId((afterId, take) =>
    prisma.milestone.findMany({
      where: { AND: [where, { id: { gt: afterId } }, ...(knownAt ? [{ recordedAt: { lt: knownAt } }] : [])] },
      select: reportMilestoneSelect,
      orderBy: { id: "asc" },
      take,
    }),
  );
  for await (const batch of milestones) {
    const ids = batch.map((milestone) => milestone.id);
    const [entries, moves, known] = await Promise.all([
      prisma.progressUpdate.findMany({
        where: { milestoneId: { in: ids }, ...visibleUpdates(viewer), ...(knownAt ? { recordedAt: { lt: knownAt } } : {}) },
        select: historySelect,
        orderBy: historyOrder,
      }),
      prisma.reschedule.findMany({
        where: { milestoneId: { in: ids } },
        select: { milestoneId: true, targetDateBefore: true, targetDateAfter: true, recordedAt: true },
        orderBy: [{ recordedAt: "asc" }, { id: "asc" }],
      }),
      asKnownAt(batch, knownAt, (slug) => pillarRows.find((pillar) => pillar.slug === slug)),
    ]);
    const histories = groupBy(entries);
    const movesOf = groupBy(moves);
    const rows: SnapshotRow[] = [];
    for (const milestone of known) {
      if (!wasVisible(viewer, milestone)) continue;
      const history = histories.get(milestone.id) ?? [];
      const snapshot = snapshotAt(milestone, history, movesOf.get(milestone.id) ?? [], cut, now);
      if (!snapshot || (cut.asOf && ((status && snapshot.status !== status) || (overdue && !snapshot.overdue)))) continue;
      rows.push({ milestone, snapshot, history });
    }
    yield rows;
  }
}

function groupBy<Row extends { milestoneId: number }>(rows: Row[]): Map<number, Row[]> {
  const groups = new Map<number, Row[]>();
  for (const row of rows) {
    const group = groups.get(row.milestoneId);
    if (group) group.push(row);
    else groups.set(row.milestoneId, [row]);
  }
  return groups;
}

export const authorName = (entry: Pick<HistoryEntry, "author">) => entry.author?.name ?? entry.author?.email ?? null;
