import "server-only";
import { db } from "../db";
import type { Prisma } from "../generated/prisma/client";
import type { MilestoneKind, MilestoneStatus } from "../generated/prisma/enums";
import { closedStatuses, isOverdue, lastEndedDay } from "../dates";
import type { MilestoneFilters, MilestoneSort } from "./filters";
import { noteFor, visibleMilestones, visibleUpdates } from "../public/visibility";
import { translatedColumns, type TranslatedText } from "../translations";
import type { Viewer } from "../auth/roles";

/** The milestone's own fields: its texts, classification, progress, dates and agencies. Every view reads them. */
export const milestoneFieldsSelect = {
  slug: true,
  titleEn: true,
  titleEs: true,
  titleJa: true,
  summaryEn: true,
  summaryEs: true,
  summaryJa: true,
  kind: true,
  status: true,
  progress: true,
  targetDate: true,
  completedOn: true,
  leadAgencyA: true,
  leadAgencyB: true,
  location: true,
  isPublic: true,
  sourceUrl: true,
} satisfies Prisma.MilestoneSelect;

const milestoneSummarySelect = {
  id: true,
  ...milestoneFieldsSelect,
  baselineTargetDate: true,
  publicChangedAt: true,
  pillar: { select: { slug: true, position: true, nameEn: true, nameEs: true, nameJa: true } },
  // Moves of a target date that had one; setting a first target date is not a move.
  _count: { select: { reschedules: { where: { targetDateBefore: { not: null } } } } },
} satisfies Prisma.MilestoneSelect;

type MilestoneSummaryRow = Prisma.MilestoneGetPayload<{ select: typeof milestoneSummarySelect }>;

export type MilestoneSummary = {
  slug: string;
  title: TranslatedText;
  summary: TranslatedText;
  pillar: { slug: string; position: number; name: TranslatedText };
  kind: MilestoneKind;
  status: MilestoneStatus;
  progress: number;
  targetDate: Date | null;
  completedOn: Date | null;
  leadAgencyA: string | null;
  leadAgencyB: string | null;
  location: string | null;
  isPublic: boolean;
  sourceUrl: string;
  /** The first target date it was given, and how many times it moved since. */
  originalTargetDate: Date | null;
  timesRescheduled: number;
  /** Past its target day, neither completed nor cancelled (lib/dates.ts). */
  overdue: boolean;
  /** When the last change the public can see was recorded: "last updated". */
  updatedAt: Date;
};

function toSummary(row: MilestoneSummaryRow, endedBy: Date): MilestoneSummary {
  return {
    slug: row.slug,
    title: translatedColumns(row, "title"),
    summary: translatedColumns(row, "summary"),
    pillar: { slug: row.pillar.slug, position: row.pillar.position, name: translatedColumns(row.pillar, "name") },
    kind: row.kind,
    status: row.status,
    progress: row.progress,
    targetDate: row.targetDate,
    completedOn: row.completedOn,
    leadAgencyA: row.leadAgencyA,
    leadAgencyB: row.leadAgencyB,
    location: row.location,
    isPublic: row.isPublic,
    sourceUrl: row.sourceUrl,
    originalTargetDate: row.baselineTargetDate,
    timesRescheduled: row._count.reschedules,
    overdue: isOverdue(row, endedBy),
    updatedAt: row.publicChangedAt,
  };
}

/** The query form of `isOverdue` (lib/dates.ts). */
export function overdueWhere(endedBy: Date): Prisma.MilestoneWhereInput {
  return { targetDate: { lte: endedBy }, status: { notIn: [...closedStatuses] } };
}

const contains = (value: string) => ({ contains: value, mode: "insensitive" as const });

/** The WHERE clause for a viewer and a set of filters; "overdue" as of the end of `endedBy`. */
export function milestoneWhere(viewer: Viewer, filters: Partial<MilestoneFilters>, endedBy = lastEndedDay()): Prisma.MilestoneWhereInput {
  const and: Prisma.MilestoneWhereInput[] = [visibleMilestones(viewer)];
  if (filters.overdue) and.push(overdueWhere(endedBy));
  if (filters.pillar) and.push({ pillar: { slug: filters.pillar } });
  if (filters.status) and.push({ status: filters.status });
  if (filters.kind) and.push({ kind: filters.kind });
  if (filters.year) {
    // A milestone belongs to the year it was completed in, or else the year it is due.
    const range = { gte: new Date(Date.UTC(filters.year, 0, 1)), lt: new Date(Date.UTC(filters.year + 1, 0, 1)) };
    and.push({ OR: [{ completedOn: range }, { completedOn: null, targetDate: range }] });
  }
  if (filters.agency) and.push({ OR: [{ leadAgencyA: contains(filters.agency) }, { leadAgencyB: contains(filters.agency) }] });
  if (filters.q) {
    const text = contains(filters.q);
    and.push({
      OR: [{ titleEn: text }, { titleEs: text }, { titleJa: text }, { summaryEn: text }, { summaryEs: text }, { summaryJa: text }, { location: text }],
    });
  }
  return { AND: and };
}

const orderings: Record<MilestoneSort, Prisma.MilestoneOrderByWithRelationInput[]> = {
  target: [{ targetDate: { sort: "asc", nulls: "last" } }, { titleEn: "asc" }, { id: "asc" }],
  updated: [{ publicChangedAt: "desc" }, { id: "desc" }],
  title: [{ titleEn: "asc" }, { id: "asc" }],
};

export type MilestonePage = {
  milestones: MilestoneSummary[];
  total: number;
  page: number;
  pageSize: number;
  pageCount: number;
};

/** One page of the milestones a viewer may see that match the filters. */
export async function listMilestones(viewer: Viewer, filters: MilestoneFilters, now = new Date()): Promise<MilestonePage> {
  const prisma = db();
  const endedBy = lastEndedDay(now);
  const where = milestoneWhere(viewer, filters, endedBy);
  const [total, rows] = await Promise.all([
    prisma.milestone.count({ where }),
    prisma.milestone.findMany({
      where,
      select: milestoneSummarySelect,
      orderBy: orderings[filters.sort],
      skip: (filters.page - 1) * filters.pageSize,
      take: filters.pageSize,
    }),
  ]);
  return {
    milestones: rows.map((row) => toSummary(row, endedBy)),
    total,
    page: filters.page,
    pageSize: filters.pageSize,
    pageCount: Math.max(1, Math.ceil(total / filters.pageSize)),
  };
}

export type ProgressEntry = {
  id: number;
  statusBefore: MilestoneStatus;
  statusAfter: MilestoneStatus;
  progressBefore: number;
  progressAfter: number;
  /** Null when the note is internal and the viewer is the public; its translations likewise. */
  note: string | null;
  noteEs: string | null;
  noteJa: string | null;
  noteIsPublic: boolean;
  evidenceUrl: string | null;
  happenedOn: Date;
  recordedAt: Date;
};

/** A move of the target date, as the public history shows it. */
export type RescheduleEntry = { id: number; targetDateBefore: Date | null; targetDateAfter: Date | null; reason: string; recordedAt: Date };

export type MilestoneDetail = MilestoneSummary & { history: ProgressEntry[]; reschedules: RescheduleEntry[] };

export const progressEntrySelect = {
  id: true,
  statusBefore: true,
  statusAfter: true,
  progressBefore: true,
  progressAfter: true,
  note: true,
  noteEs: true,
  noteJa: true,
  noteIsPublic: true,
  evidenceUrl: true,
  happenedOn: true,
  recordedAt: true,
} satisfies Prisma.ProgressUpdateSelect;

/** One milestone with its progress history and the moves of its target date, newest first; null when the viewer may not see it. */
export async function getMilestone(viewer: Viewer, slug: string, now = new Date()): Promise<MilestoneDetail | null> {
  const row = await db().milestone.findFirst({
    where: { slug, ...visibleMilestones(viewer) },
    select: {
      ...milestoneSummarySelect,
      progressUpdates: {
        where: visibleUpdates(viewer),
        orderBy: [{ happenedOn: "desc" }, { recordedAt: "desc" }, { id: "desc" }],
        select: progressEntrySelect,
      },
      // A visible milestone's reschedules are public: they say when its commitment moved and why.
      reschedules: {
        orderBy: [{ recordedAt: "desc" }, { id: "desc" }],
        select: { id: true, targetDateBefore: true, targetDateAfter: true, reason: true, recordedAt: true },
      },
    },
  });
  if (!row) return null;
  return {
    ...toSummary(row, lastEndedDay(now)),
    history: row.progressUpdates.map((update) => noteFor(viewer, update)),
    reschedules: row.reschedules,
  };
}
