import "server-only";
import { closedStatuses, isOverdue, isoDay, isoDayOrNull, lastEndedDay } from "../dates";
import { db } from "../db";
import type { MilestoneFilters } from "../milestones/filters";
import type { MilestoneKind, MilestoneStatus } from "../generated/prisma/enums";
import {
  getMilestone,
  listMilestones,
  overdueWhere,
  progressEntrySelect,
  type MilestoneSummary,
  type ProgressEntry,
  type RescheduleEntry,
} from "../milestones/list";
import { getRoadmapOverview, type RoadmapOverview } from "../milestones/roadmap";
import { noteFor, visibleMilestones, visibleUpdates, withdrawnMilestones } from "./visibility";
import { translatedColumns, type TranslatedText } from "../translations";
import type { Viewer } from "../auth/roles";

// What the public site, the open-data API and the feeds show: public milestones
// and public notes only, as plain JSON-safe objects (dates as ISO strings) so
// they can sit in Next's cache. Each cached read is tagged with what it shows
// (lib/public/cached-reads.ts), so an editor's change refreshes exactly those pages.

/** Kinds of milestone that are a meeting or an event, for the calendar feed. */
export const eventKinds: MilestoneKind[] = ["ministerial_dialogue", "defense_exchange", "people_to_people", "other"];

/** A milestone as the public sees it: no visibility flag, and dates as strings. */
export type PublicMilestone = Omit<MilestoneSummary, "isPublic" | "targetDate" | "originalTargetDate" | "completedOn" | "updatedAt"> & {
  /** Calendar days, YYYY-MM-DD. */
  targetDate: string | null;
  originalTargetDate: string | null;
  completedOn: string | null;
  /** When the last change the public can see was recorded, ISO 8601. */
  updatedAt: string;
};

/** A progress update as the public sees it: `note` and `evidenceUrl` are null when the note is internal. */
export type PublicProgressUpdate = Omit<ProgressEntry, "noteIsPublic" | "happenedOn" | "recordedAt"> & {
  /** Calendar day, YYYY-MM-DD. */
  happenedOn: string;
  /** Timestamp, ISO 8601. */
  recordedAt: string;
};

/** A move of the target date: from, to (YYYY-MM-DD, null for none), why, and when it was recorded (ISO 8601). */
export type PublicReschedule = { id: number; targetDateBefore: string | null; targetDateAfter: string | null; reason: string; recordedAt: string };

export type PublicMilestoneDetail = PublicMilestone & {
  history: PublicProgressUpdate[];
  reschedules: PublicReschedule[];
  /** The road map's two parties, whose lead agencies are leadAgencyA and leadAgencyB. */
  parties: { a: TranslatedText; b: TranslatedText };
};

export type PublicMilestonePage = {
  milestones: PublicMilestone[];
  total: number;
  page: number;
  pageSize: number;
  pageCount: number;
};

export type PublicRoadmap = Omit<RoadmapOverview, "adoptedOn" | "pillars"> & {
  adoptedOn: string;
  pillars: Omit<RoadmapOverview["pillars"][number], "id">[];
};

/** A progress update with the milestone it belongs to, for "recently updated" and the Atom feed. */
export type PublicFeedEntry = PublicProgressUpdate & {
  milestone: { slug: string; title: TranslatedText; updatedAt: string };
};

export function toPublicMilestone(milestone: MilestoneSummary): PublicMilestone {
  return {
    slug: milestone.slug,
    title: milestone.title,
    summary: milestone.summary,
    pillar: milestone.pillar,
    kind: milestone.kind,
    status: milestone.status,
    progress: milestone.progress,
    targetDate: isoDayOrNull(milestone.targetDate),
    originalTargetDate: isoDayOrNull(milestone.originalTargetDate),
    timesRescheduled: milestone.timesRescheduled,
    overdue: milestone.overdue,
    completedOn: isoDayOrNull(milestone.completedOn),
    leadAgencyA: milestone.leadAgencyA,
    leadAgencyB: milestone.leadAgencyB,
    location: milestone.location,
    sourceUrl: milestone.sourceUrl,
    updatedAt: milestone.updatedAt.toISOString(),
  };
}

function toPublicReschedule(reschedule: RescheduleEntry): PublicReschedule {
  return {
    id: reschedule.id,
    targetDateBefore: isoDayOrNull(reschedule.targetDateBefore),
    targetDateAfter: isoDayOrNull(reschedule.targetDateAfter),
    reason: reschedule.reason,
    recordedAt: reschedule.recordedAt.toISOString(),
  };
}

function toPublicUpdate(update: ProgressEntry): PublicProgressUpdate {
  return {
    id: update.id,
    statusBefore: update.statusBefore,
    statusAfter: update.statusAfter,
    progressBefore: update.progressBefore,
    progressAfter: update.progressAfter,
    note: update.note,
    noteEs: update.noteEs,
    noteJa: update.noteJa,
    evidenceUrl: update.evidenceUrl,
    happenedOn: isoDay(update.happenedOn),
    recordedAt: update.recordedAt.toISOString(),
  };
}

/** The latest progress updates on milestones the viewer may see, newest first; internal notes blanked for the public. */
export async function listRecentProgressUpdates(viewer: Viewer, limit: number): Promise<PublicFeedEntry[]> {
  const rows = await db().progressUpdate.findMany({
    where: { milestone: visibleMilestones(viewer), ...visibleUpdates(viewer) },
    orderBy: [{ recordedAt: "desc" }, { id: "desc" }],
    take: limit,
    select: { ...progressEntrySelect, milestone: { select: { slug: true, titleEn: true, titleEs: true, titleJa: true, publicChangedAt: true } } },
  });
  return rows.map((row) => ({
    ...toPublicUpdate(noteFor(viewer, row)),
    milestone: { slug: row.milestone.slug, title: translatedColumns(row.milestone, "title"), updatedAt: row.milestone.publicChangedAt.toISOString() },
  }));
}

const datedSelect = {
  slug: true,
  titleEn: true,
  titleEs: true,
  titleJa: true,
  status: true,
  kind: true,
  targetDate: true,
  completedOn: true,
  location: true,
  publicChangedAt: true,
  pillar: { select: { slug: true, position: true } },
} as const;

export type DatedMilestone = {
  slug: string;
  title: TranslatedText;
  status: MilestoneStatus;
  kind: MilestoneKind;
  pillar: { slug: string; position: number };
  /** The day it was completed, or else the day it is due: where the timeline places it. */
  date: string;
  location: string | null;
  /** Past its target day, still open (lib/dates.ts). */
  overdue: boolean;
  updatedAt: string;
};

/**
 * Milestones the viewer may see that have a date, by date; optionally only
 * open ones due in [from, to), and with `withOverdue` also the open ones whose
 * target day has already passed (the calendar keeps showing a missed date).
 */
export async function listDatedMilestones(
  viewer: Viewer,
  range?: { from: Date; to?: Date; kinds?: MilestoneKind[]; withOverdue?: boolean },
  now = new Date(),
): Promise<DatedMilestone[]> {
  const endedBy = lastEndedDay(now);
  const due = range
    ? {
        status: { notIn: [...closedStatuses] },
        targetDate: { gte: range.from, ...(range.to ? { lt: range.to } : {}) },
      }
    : null;
  const rows = await db().milestone.findMany({
    where: {
      ...visibleMilestones(viewer),
      ...(range
        ? {
            OR: [due!, ...(range.withOverdue ? [overdueWhere(endedBy)] : [])],
            ...(range.kinds ? { kind: { in: range.kinds } } : {}),
          }
        : { OR: [{ completedOn: { not: null } }, { targetDate: { not: null } }] }),
    },
    orderBy: [{ targetDate: "asc" }, { id: "asc" }],
    select: datedSelect,
  });
  return rows
    .map((row) => ({
      slug: row.slug,
      title: translatedColumns(row, "title"),
      status: row.status,
      kind: row.kind,
      pillar: row.pillar,
      date: isoDay((row.completedOn ?? row.targetDate)!),
      location: row.location,
      overdue: isOverdue(row, endedBy),
      updatedAt: row.publicChangedAt.toISOString(),
    }))
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/** Lead agencies named on public milestones, for the list's filter. */
export async function listLeadAgencies(viewer: Viewer): Promise<string[]> {
  const rows = await db().milestone.findMany({
    where: visibleMilestones(viewer),
    select: { leadAgencyA: true, leadAgencyB: true },
  });
  const names = new Set<string>();
  for (const row of rows) {
    for (const name of [row.leadAgencyA, row.leadAgencyB]) if (name) names.add(name);
  }
  return [...names].sort((a, b) => a.localeCompare(b, "en"));
}

/** Every public milestone's address and last change, for the sitemap. */
export async function listMilestoneSlugs(viewer: Viewer): Promise<{ slug: string; updatedAt: string }[]> {
  const rows = await db().milestone.findMany({ where: visibleMilestones(viewer), orderBy: { id: "asc" }, select: { slug: true, publicChangedAt: true } });
  return rows.map((row) => ({ slug: row.slug, updatedAt: row.publicChangedAt.toISOString() }));
}

/** The road map with each pillar's public milestone counts. */
export async function readPublicRoadmap(): Promise<PublicRoadmap | null> {
  const overview = await getRoadmapOverview(null);
  if (!overview) return null;
  return {
    ...overview,
    adoptedOn: isoDay(overview.adoptedOn),
    pillars: overview.pillars.map((pillar) => ({
      slug: pillar.slug,
      position: pillar.position,
      name: pillar.name,
      counts: pillar.counts,
      total: pillar.total,
      overdue: pillar.overdue,
    })),
  };
}

/** One page of public milestones matching the filters. */
export async function readPublicMilestonePage(filters: MilestoneFilters): Promise<PublicMilestonePage> {
  const page = await listMilestones(null, filters);
  return { ...page, milestones: page.milestones.map(toPublicMilestone) };
}

/** One public milestone with its public history, newest first; null when internal or unknown. */
export async function readPublicMilestone(slug: string): Promise<PublicMilestoneDetail | null> {
  const milestone = await getMilestone(null, slug);
  if (!milestone) return null;
  // Read with the milestone, so its page depends on its own tag alone.
  const roadmap = await db().roadmap.findFirstOrThrow({
    where: { pillars: { some: { slug: milestone.pillar.slug, milestones: { some: { slug } } } } },
    select: { partyAEn: true, partyAEs: true, partyAJa: true, partyBEn: true, partyBEs: true, partyBJa: true },
  });
  return {
    ...toPublicMilestone(milestone),
    history: milestone.history.map(toPublicUpdate),
    reschedules: milestone.reschedules.map(toPublicReschedule),
    parties: { a: translatedColumns(roadmap, "partyA"), b: translatedColumns(roadmap, "partyB") },
  };
}

/** What the public is told of a milestone withdrawn from tracking: when and why, nothing else. */
export type PublicWithdrawal = { slug: string; withdrawnOn: string; reason: string | null };

/** The withdrawal of a public milestone that was archived; null for any other. */
export async function readPublicWithdrawal(slug: string): Promise<PublicWithdrawal | null> {
  const row = await db().milestone.findFirst({ where: { slug, ...withdrawnMilestones() }, select: { slug: true, archivedAt: true, archiveReason: true } });
  return row ? { slug: row.slug, withdrawnOn: isoDay(row.archivedAt!), reason: row.archiveReason } : null;
}
