import "server-only";
import { revalidateTag, unstable_cache } from "next/cache";
import type { MilestoneKind } from "../generated/prisma/enums";
import {
  listDatedMilestones,
  listLeadAgencies,
  listMilestoneSlugs,
  listRecentProgressUpdates,
  readPublicMilestone,
  readPublicMilestonePage,
  readPublicRoadmap,
  type PublicMilestoneDetail,
} from "./read-models";

// Public pages and feeds are rendered once and served from Next's cache. Each
// is tagged with what it shows, so a change refreshes exactly those pages.
export const publicPageTags = {
  /** Pages and feeds that list milestones: overview, list, API lists, feeds, sitemap. */
  lists: "public:lists",
  /** The page and API record of one milestone. */
  milestone: (slug: string) => `public:milestone:${slug}`,
};

/**
 * Marks the public pages that show these milestones as stale; the next visitor
 * gets a fresh render. Call it after the transaction that changed them commits.
 */
export function refreshPublicPages(milestoneSlugs: string[]): void {
  // Outside the Next server (scripts, tests) there is no page cache to refresh.
  if (!process.env.NEXT_RUNTIME) return;
  revalidateTag(publicPageTags.lists, { expire: 0 });
  for (const slug of milestoneSlugs) revalidateTag(publicPageTags.milestone(slug), { expire: 0 });
}

/** Pages also refresh on their own at least this often (seconds): "today" moves, and other instances may have written. */
export const publicRevalidateSeconds = 3600;

// The cached reads are for the public (viewer null) only.

const listsCache = { tags: [publicPageTags.lists], revalidate: publicRevalidateSeconds };

export const publicRoadmap = unstable_cache(readPublicRoadmap, ["public-roadmap"], listsCache);

export const publicMilestonePage = unstable_cache(readPublicMilestonePage, ["public-milestone-page"], listsCache);

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

export const publicMilestoneSlugs = unstable_cache(() => listMilestoneSlugs(null), ["public-milestone-slugs"], listsCache);

export const publicLeadAgencies = unstable_cache(() => listLeadAgencies(null), ["public-lead-agencies"], listsCache);

/** The cached `readPublicMilestone`, tagged with the milestone alone. */
export async function publicMilestone(slug: string): Promise<PublicMilestoneDetail | null> {
  return unstable_cache(() => readPublicMilestone(slug), ["public-milestone", slug], {
    tags: [publicPageTags.milestone(slug)],
    revalidate: publicRevalidateSeconds,
  })();
}
