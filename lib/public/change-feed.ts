import "server-only";
import { currentDatabase } from "../db";
import { publicPageTags } from "./cached-reads";
import { invalidate, setHearing } from "./page-cache.js";

// Each instance hears every committed change to what public pages show,
// announced by the database on this channel (its triggers fire for any
// writer: this instance, another one, or SQL run by hand), and drops the
// cached pages and data it affects at once. While it cannot hear, the cache
// serves nothing (lib/public/page-cache.js).

export const publicChangeChannel = "tracker_public_change";

/** The cache tags a notification's payload names: "milestone:<slug> …", or "*" for anything. */
export function tagsOfChange(payload: string): string[] {
  const items = payload.split(" ").filter(Boolean);
  if (items.length === 0 || items.includes("*")) return ["*"];
  const slugs = items.filter((item) => item.startsWith("milestone:")).map((item) => item.slice("milestone:".length));
  if (slugs.length !== items.length) return ["*"];
  return [publicPageTags.lists, ...slugs.map(publicPageTags.milestone)];
}

/** Starts hearing changes; called once at start-up, after migrations (lib/startup.ts). */
export async function followPublicChanges(): Promise<void> {
  await currentDatabase().listen(publicChangeChannel, {
    notified: (payload) => invalidate(tagsOfChange(payload)),
    // Anything may have changed while nothing was heard.
    listening: () => {
      invalidate(["*"]);
      setHearing(true);
    },
    lost: () => setHearing(false),
  });
}
