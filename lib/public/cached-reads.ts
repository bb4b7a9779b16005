import "server-only";
import { unstable_cache } from "next/cache";
import type { MilestoneKind } from "../generated/prisma/enums";
import {
  listDatedMilestones,
  listLeadAgencies,
  listMilestoneSlugs,
  listRecentProgressUpdates,
  readPublicMilestone,
  readPublicMilestonePage,
  readPublicRoadmap,
  readPublicWithdrawal,
  type PublicMilestoneDetail,
  type PublicWithdrawal,
  type PublicMilestonePage,
} from "./read-models";
import type { MilestoneFilters } from "../milestones/filters";
import { readSnapshot, type SnapshotRecord } from "../reports/snapshots";

// Public pages and feeds are rendered once and served from the page cache
// (lib/public/page-cache.js) until the database announces a change to what
// they show (lib/public/change-feed.ts). Each cached read is tagged with what
// it reads, so a change to one milestone refreshes the lists and that
// milestone's own pages, not every milestone's.
export const publicPageTags = {
  /** Pages and feeds that list milestones: overview, list, API lists, feeds, sitemap. */
  lists: "public:lists",
  /** The page and API record of one milestone. */
  milestone: (slug: string) => `public:milestone:${slug}`,
};

// The cached reads are for the public (viewer null) only.

const listsCache = { tags: [publicPageTags.lists], revalidate: false as const };

export const publicRoadmap = unstable_cache(readPublicRoadmap, ["public-roadmap"], listsCache);

const cachedMilestonePage = unstable_cache(readPublicMilestonePage, ["public-milestone-page"], listsCache);

/**
 * One page of public milestones matching the filters: from the cache for the
 * views the site's own links and menus make, from the database for free text,
 * which would otherwise let anyone fill the cache with searches.
 */
export function publicMilestonePage(filters: MilestoneFilters): Promise<PublicMilestonePage> {
  return filters.q || filters.agency ? readPublicMilestonePage(filters) : cachedMilestonePage(filters);
}

export const publicRecentUpdates = unstable_cache((limit: number) => listRecentProgressUpdates(null, limit), ["public-recent-updates"], listsCache);

export const publicTimeline = unstable_cache(() => listDatedMilestones(null), ["public-timeline"], listsCache);

/** Open milestones due in the `days` days from `today` (YYYY-MM-DD), optionally of some kinds only. */
export const publicUpcoming = unstable_cache(
  (today: string, days: number, kinds?: MilestoneKind[]) => {
    const from = new Date(`${today}T00:00:00Z`);
    return listDatedMilestones(null, { from, to: new Date(from.getTime() + days * 86_400_000), kinds });
  },
  ["public-upcoming"],
  listsCache,
);

/** The calendar's events: open milestones of some kinds due in the `days` days from `today`, and those already overdue, whose missed date stays in the calendar. */
export const publicCalendarEvents = unstable_cache(
  (today: string, days: number, kinds: MilestoneKind[]) => {
    const from = new Date(`${today}T00:00:00Z`);
    return listDatedMilestones(null, { from, to: new Date(from.getTime() + days * 86_400_000), kinds, withOverdue: true });
  },
  ["public-calendar-events"],
  listsCache,
);

export const publicMilestoneSlugs = unstable_cache(() => listMilestoneSlugs(null), ["public-milestone-slugs"], listsCache);

export const publicLeadAgencies = unstable_cache(() => listLeadAgencies(null), ["public-lead-agencies"], listsCache);

/** The cached `readPublicMilestone`, tagged with the milestone alone. */
export async function publicMilestone(slug: string): Promise<PublicMilestoneDetail | null> {
  return unstable_cache(() => readPublicMilestone(slug), ["public-milestone", slug], {
    tags: [publicPageTags.milestone(slug)],
    revalidate: false,
  })();
}

/** The cached `readPublicWithdrawal`: what the public is told of a milestone withdrawn from tracking, under its own tag. */
export async function publicWithdrawal(slug: string): Promise<PublicWithdrawal | null> {
  return unstable_cache(() => readPublicWithdrawal(slug), ["public-withdrawal", slug], {
    tags: [publicPageTags.milestone(slug)],
    revalidate: false,
  })();
}

/**
 * A frozen snapshot with its files checked against their hashes: under the
 * lists' tag, since a change to any milestone may withdraw something from its files.
 */
export async function publicSnapshot(slug: string): Promise<SnapshotRecord | null> {
  return unstable_cache(() => readSnapshot(slug), ["public-snapshot", slug], listsCache)();
}
