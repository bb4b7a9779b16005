import "server-only";
import { db } from "../db";
import type { Prisma } from "../generated/prisma/client";
import type { MilestoneKind, MilestoneStatus } from "../generated/prisma/enums";
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
  updatedAt: true,
  pillar: { select: { slug: true, position: true, nameEn: true, nameEs: true, nameJa: true } },
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
  updatedAt: Date;
};

function toSummary(row: MilestoneSummaryRow): MilestoneSummary {
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
    updatedAt: row.updatedAt,
  };
}

const contains = (value: string) => ({ contains: value, mode: "insensitive" as const });

/** The WHERE clause for a viewer and a set of filters. */
export function milestoneWhere(viewer: Viewer, filters: Partial<MilestoneFilters>): Prisma.MilestoneWhereInput {
  const and: Prisma.MilestoneWhereInput[] = [visibleMilestones(viewer)];
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
  updated: [{ updatedAt: "desc" }, { id: "desc" }],
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
export async function listMilestones(viewer: Viewer, filters: MilestoneFilters): Promise<MilestonePage> {
  const prisma = db();
  const where = milestoneWhere(viewer, filters);
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
    milestones: rows.map(toSummary),
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
  /** Null when the note is internal and the viewer is the public. */
  note: string | null;
  noteIsPublic: boolean;
  evidenceUrl: string | null;
  happenedOn: Date;
  recordedAt: Date;
};

export type MilestoneDetail = MilestoneSummary & { history: ProgressEntry[] };

export const progressEntrySelect = {
  id: true,
  statusBefore: true,
  statusAfter: true,
  progressBefore: true,
  progressAfter: true,
  note: true,
  noteIsPublic: true,
  evidenceUrl: true,
  happenedOn: true,
  recordedAt: true,
} satisfies Prisma.ProgressUpdateSelect;

/** One milestone with its progress history, newest first; null when the viewer may not see it. */
export async function getMilestone(viewer: Viewer, slug: string): Promise<MilestoneDetail | null> {
  const row = await db().milestone.findFirst({
    where: { slug, ...visibleMilestones(viewer) },
    select: {
      ...milestoneSummarySelect,
      progressUpdates: {
        where: visibleUpdates(viewer),
        orderBy: [{ happenedOn: "desc" }, { recordedAt: "desc" }, { id: "desc" }],
        select: progressEntrySelect,
      },
    },
  });
  if (!row) return null;
  return {
    ...toSummary(row),
    history: row.progressUpdates.map((update) => noteFor(viewer, update)),
  };
}
