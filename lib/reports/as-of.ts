import "server-only";
import { db } from "../db";
import { dayMs } from "../dates";
import type { Prisma } from "../generated/prisma/client";
import type { MilestoneStatus } from "../generated/prisma/enums";
import type { MilestoneFilters } from "../milestones/filters";
import { milestoneFieldsSelect, milestoneWhere, progressEntrySelect } from "../milestones/list";
import type { Viewer } from "../auth/roles";
import { visibleUpdates } from "../public/visibility";

// "As of" snapshots: each milestone as it stood at the end of a day, rebuilt
// from its append-only progress history. Read in batches by id (keyset
// pagination), so memory stays flat however many rows.

const historySelect = {
  ...progressEntrySelect,
  milestoneId: true,
  author: { select: { name: true, email: true } },
} satisfies Prisma.ProgressUpdateSelect;
export type HistoryEntry = Prisma.ProgressUpdateGetPayload<{ select: typeof historySelect }>;

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
export async function* byId<Row extends { id: number }>(read: (afterId: number, take: number) => Promise<Row[]>, take = batchSize): AsyncGenerator<Row[]> {
  let afterId = 0;
  for (;;) {
    const rows = await read(afterId, take);
    if (rows.length > 0) yield rows;
    if (rows.length < take) return;
    afterId = rows.at(-1)!.id;
  }
}

export type SnapshotRow = { milestone: ReportMilestone; snapshot: Snapshot; history: HistoryEntry[] };

/** The viewer's milestones matching the filters, as they stood on `asOf`, batch by batch. */
export async function* milestoneSnapshots(viewer: Viewer, filters: Partial<MilestoneFilters>, asOf: Date | null): AsyncGenerator<SnapshotRow[]> {
  const prisma = db();
  // On a past date the status filter means the status on that date, so it applies after the rebuild.
  const { status, ...otherFilters } = filters;
  const where = milestoneWhere(viewer, asOf ? otherFilters : filters);
  const milestones = byId((afterId, take) =>
    prisma.milestone.findMany({ where: { AND: [where, { id: { gt: afterId } }] }, select: reportMilestoneSelect, orderBy: { id: "asc" }, take }),
  );
  for await (const batch of milestones) {
    const entries = await prisma.progressUpdate.findMany({
      where: { milestoneId: { in: batch.map((milestone) => milestone.id) }, ...visibleUpdates(viewer) },
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

export const authorName = (entry: Pick<HistoryEntry, "author">) => entry.author?.name ?? entry.author?.email ?? null;
