import "server-only";
import { db } from "../db";
import { MilestoneStatus } from "../generated/prisma/enums";
import { translatedColumns, type TranslatedText } from "../translations";
import { requireRole, type Viewer } from "../auth/roles";
import type { Tx } from "../audit";
import { dayLimits, isoDay, lastEndedDay, type DayRange, type RoadmapSpan } from "../dates";
import { overdueWhere } from "./list";
import { visibleMilestones } from "../public/visibility";

export const defaultRoadmapSlug = "japan-peru-2024-2033";

export type StatusCounts = Record<MilestoneStatus, number>;

export type PillarOverview = {
  id: number;
  slug: string;
  position: number;
  name: TranslatedText;
  counts: StatusCounts;
  total: number;
  /** Milestones past their target day and still open (lib/dates.ts). */
  overdue: number;
};

export type RoadmapOverview = {
  slug: string;
  title: TranslatedText;
  summary: TranslatedText | null;
  partyA: TranslatedText;
  partyB: TranslatedText;
  adoptedOn: Date;
  firstYear: number;
  lastYear: number;
  sourceUrl: string;
  pillars: PillarOverview[];
};

const emptyCounts = (): StatusCounts => Object.fromEntries(Object.values(MilestoneStatus).map((status) => [status, 0])) as StatusCounts;

/** The road map with its pillars in order and each pillar's milestone counts by status. */
export async function getRoadmapOverview(viewer: Viewer, slug: string = defaultRoadmapSlug, now = new Date()): Promise<RoadmapOverview | null> {
  const prisma = db();
  const roadmap = await prisma.roadmap.findUnique({
    where: { slug },
    include: { pillars: { orderBy: { position: "asc" } } },
  });
  if (!roadmap) return null;
  const where = { ...visibleMilestones(viewer), pillar: { roadmapId: roadmap.id } };
  const [groups, overdue] = await Promise.all([
    prisma.milestone.groupBy({ by: ["pillarId", "status"], where, _count: { _all: true } }),
    prisma.milestone.groupBy({ by: ["pillarId"], where: { AND: [where, overdueWhere(lastEndedDay(now))] }, _count: { _all: true } }),
  ]);
  return {
    slug: roadmap.slug,
    title: translatedColumns(roadmap, "title"),
    summary: roadmap.summaryEn ? translatedColumns({ ...roadmap, summaryEn: roadmap.summaryEn }, "summary") : null,
    partyA: translatedColumns(roadmap, "partyA"),
    partyB: translatedColumns(roadmap, "partyB"),
    adoptedOn: roadmap.adoptedOn,
    firstYear: roadmap.firstYear,
    lastYear: roadmap.lastYear,
    sourceUrl: roadmap.sourceUrl,
    pillars: roadmap.pillars.map((pillar) => {
      const counts = emptyCounts();
      for (const group of groups) {
        if (group.pillarId === pillar.id) counts[group.status] = group._count._all;
      }
      return {
        id: pillar.id,
        slug: pillar.slug,
        position: pillar.position,
        name: translatedColumns(pillar, "name"),
        counts,
        total: Object.values(counts).reduce((sum, count) => sum + count, 0),
        overdue: overdue.find((group) => group.pillarId === pillar.id)?._count._all ?? 0,
      };
    }),
  };
}

const spanSelect = { adoptedOn: true, firstYear: true, lastYear: true } as const;

/** The span of the road map a pillar belongs to, for the date rules (lib/dates.ts). */
export async function spanOfPillar(client: Tx, pillarId: number): Promise<RoadmapSpan> {
  return client.roadmap.findFirstOrThrow({ where: { pillars: { some: { id: pillarId } } }, select: spanSelect });
}

/** The days the staff forms accept (`min`/`max` of their date inputs), for the default road map. Staff only. */
export async function getDayLimits(
  viewer: Viewer,
  now = new Date(),
): Promise<{ happened: { min: string; max: string }; target: { min: string; max: string } } | null> {
  requireRole(viewer, "viewer");
  const span = await db().roadmap.findUnique({ where: { slug: defaultRoadmapSlug }, select: spanSelect });
  if (!span) return null;
  const limits = dayLimits(span, now);
  const iso = (range: DayRange) => ({ min: isoDay(range.min), max: isoDay(range.max) });
  return { happened: iso(limits.happened), target: iso(limits.target) };
}
