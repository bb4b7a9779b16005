import "server-only";
import { revalidateTag } from "next/cache";

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
