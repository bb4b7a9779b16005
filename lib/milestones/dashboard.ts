import "server-only";
import { db } from "../db";
import type { Prisma } from "../generated/prisma/client";
import type { MilestoneStatus } from "../generated/prisma/enums";
import { closedStatuses, dayMs, lastEndedDay, todayUtc } from "../dates";
import { listRecentActivity, type HistoryEntry } from "./history";
import { overdueWhere } from "./list";
import { translatedColumns, type TranslatedText } from "../translations";
import { requireRole, type Viewer } from "../auth/roles";

/** Days without a logged progress update after which a milestone needs attention. */
export const staleAfterDays = 90;

export type AttentionItem = {
  slug: string;
  title: TranslatedText;
  status: MilestoneStatus;
  progress: number;
  targetDate: Date | null;
  lastUpdateOn: Date | null;
};

export type StaffDashboard = { overdue: AttentionItem[]; stale: AttentionItem[]; recentActivity: HistoryEntry[] };

const attentionSelect = {
  slug: true,
  titleEn: true,
  titleEs: true,
  titleJa: true,
  status: true,
  progress: true,
  targetDate: true,
  progressUpdates: { orderBy: { happenedOn: "desc" }, take: 1, select: { happenedOn: true } },
} satisfies Prisma.MilestoneSelect;

type AttentionRow = Prisma.MilestoneGetPayload<{ select: typeof attentionSelect }>;

const toItem = (row: AttentionRow): AttentionItem => ({
  slug: row.slug,
  title: translatedColumns(row, "title"),
  status: row.status,
  progress: row.progress,
  targetDate: row.targetDate,
  lastUpdateOn: row.progressUpdates[0]?.happenedOn ?? null,
});

/** What needs attention this week: overdue milestones, silent ones, and the latest changes. Staff only. */
export async function getStaffDashboard(viewer: Viewer, now = new Date()): Promise<StaffDashboard> {
  requireRole(viewer, "viewer");
  const cutoff = new Date(todayUtc(now).getTime() - staleAfterDays * dayMs);
  const open: Prisma.MilestoneWhereInput = { archivedAt: null, status: { notIn: [...closedStatuses] } };
  const [overdue, stale, recentActivity] = await Promise.all([
    db().milestone.findMany({
      where: { archivedAt: null, ...overdueWhere(lastEndedDay(now)) },
      orderBy: [{ targetDate: "asc" }, { id: "asc" }],
      select: attentionSelect,
    }),
    db().milestone.findMany({
      where: { ...open, progressUpdates: { none: { happenedOn: { gte: cutoff } } } },
      orderBy: [{ targetDate: { sort: "asc", nulls: "last" } }, { id: "asc" }],
      select: attentionSelect,
    }),
    listRecentActivity(viewer),
  ]);
  return { overdue: overdue.map(toItem), stale: stale.map(toItem), recentActivity };
}
