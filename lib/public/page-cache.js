// Runs anywhere Node runs: Next loads it at run time, outside its bundles, as
// its cache handler (next.config.js `cacheHandler`, Next's documented
// interface: get, set, revalidateTag, resetRequestCache). It holds the public
// pages and the data they read, in this process's memory only, and serves an
// entry only while the database has said nothing that makes it stale:
// - every committed change to what public pages show is announced by the
//   database itself (a trigger, prisma/migrations/*_public_change_notifications),
//   heard by lib/public/change-feed.ts, which calls `invalidate` here;
// - an entry is stale once a change to any of its tags was heard after its
//   render began, so a render that raced a change is never kept as fresh;
// - while the announcements are not being heard (before start-up, or with
//   the listening connection down), nothing is served from here at all;
// - entries also end with the calendar day (in UTC, Tokyo and Lima), because
//   "overdue", "coming up" and "today" move;
// - pages that answer 404 are not kept, and the whole cache is capped in
//   entries and bytes (least recently used goes first), so no request can grow it.
// A restart starts empty, so a change can never be undone by one.

const stateKey = Symbol.for("roadmap-tracker.public-page-cache");
const megabyte = 1024 * 1024;

/** The cap, documented in the README: PUBLIC_CACHE_ENTRIES entries and PUBLIC_CACHE_MB megabytes. */
export const publicCacheLimits = {
  entries: Math.max(100, Number(process.env.PUBLIC_CACHE_ENTRIES) || 5000),
  bytes: Math.max(8, Number(process.env.PUBLIC_CACHE_MB) || 64) * megabyte,
};

/** Tags of data that lists milestones; an entry that names none of ours is treated as reading it. */
const listsTag = "public:lists";

/**
 * The one cache state of this process, on globalThis: Next makes several
 * handler instances, and the change feed reaches it from Next's bundles.
 */
function state() {
  return (globalThis[stateKey] ??= {
    clock: 0,
    everything: 0,
    revisions: new Map(),
    hearing: false,
    entries: new Map(),
    bytes: 0,
    renderStarts: new Map(),
    day: { key: "", until: 0 },
  });
}

/** Changes to these tags were heard now: entries that depend on them and began rendering before now are stale. */
export function invalidate(tags) {
  const cache = state();
  cache.clock++;
  for (const tag of tags) {
    if (tag === "*") cache.everything = cache.clock;
    else cache.revisions.set(tag, cache.clock);
  }
}

/** Whether changes are being heard; when they stop being heard, everything kept so far is stale. */
export function setHearing(hearing) {
  const cache = state();
  if (!hearing) invalidate(["*"]);
  cache.hearing = hearing;
}

/** Entries, bytes and the caps, for the health endpoint and the tests. */
export function publicCacheStats() {
  const cache = state();
  return { entries: cache.entries.size, bytes: cache.bytes, maxEntries: publicCacheLimits.entries, maxBytes: publicCacheLimits.bytes, hearing: cache.hearing };
}

const dayFormats = ["UTC", "Asia/Tokyo", "America/Lima"].map(
  (timeZone) => new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }),
);

/** The calendar days it is now in UTC, Tokyo and Lima, worked out at most once a second. */
function dayKey() {
  const { day } = state();
  const now = Date.now();
  if (now >= day.until) {
    day.key = dayFormats.map((format) => format.format(now)).join("|");
    day.until = now + 1000;
  }
  return day.key;
}

const scriptElement = /<script\b(?![^>]*\btype="application\/ld\+json")[^>]*>[\s\S]*?<\/script>/g;
const scriptPreload = /<link\b(?=[^>]*\b(?:as="script"|rel="modulepreload"))[^>]*>/g;

/**
 * The page without its scripts and script preloads, unless they carry a nonce
 * and so are meant to run. Public pages allow no script at all
 * (lib/security-headers.js); Next's runtime and its inline page data were two
 * thirds of the overview's bytes, which every visitor downloaded for nothing.
 */
export function withoutScripts(html) {
  if (/<script\b[^>]*\bnonce=/.test(html)) return html;
  return html.replace(scriptElement, "").replace(scriptPreload, "");
}

function tagsOf(data, context) {
  const header = data?.headers?.["x-next-cache-tags"];
  const tags = typeof header === "string" ? header.split(",") : (context?.tags ?? []);
  return tags.some((tag) => tag.startsWith("public:")) ? tags : [...tags, listsTag];
}

function sizeOf(data) {
  if (data?.kind === "APP_PAGE") return (data.html?.length ?? 0) + (data.rscData?.byteLength ?? 0) + 512;
  try {
    return JSON.stringify(data)?.length ?? 512;
  } catch {
    return megabyte;
  }
}

function isStale(cache, entry) {
  if (entry.day !== dayKey() || cache.everything > entry.renderStart) return true;
  return entry.tags.some((tag) => (cache.revisions.get(tag) ?? 0) > entry.renderStart);
}

function forget(cache, key) {
  const entry = cache.entries.get(key);
  if (!entry) return;
  cache.entries.delete(key);
  cache.bytes -= entry.size;
}

export default class PublicPageCache {
  async get(key) {
    const cache = state();
    const entry = cache.entries.get(key);
    if (entry && cache.hearing && !isStale(cache, entry)) {
      // Least recently used goes first: a read moves the entry to the end.
      cache.entries.delete(key);
      cache.entries.set(key, entry);
      // Fresh as of now: whether an entry is current is the database's to say, not a clock's.
      return { lastModified: Date.now(), value: entry.value };
    }
    forget(cache, key);
    // The render that follows this miss begins now; `set` keeps it only as fresh as that.
    if (!cache.renderStarts.has(key)) {
      if (cache.renderStarts.size >= publicCacheLimits.entries) cache.renderStarts.delete(cache.renderStarts.keys().next().value);
      cache.renderStarts.set(key, cache.clock);
    }
    return null;
  }

  async set(key, data, context) {
    const cache = state();
    const renderStart = cache.renderStarts.get(key);
    cache.renderStarts.delete(key);
    forget(cache, key);
    // Not kept: nothing to keep, a render whose start is unknown, anything while changes are not heard, and 404 pages.
    if (!data || renderStart === undefined || !cache.hearing || (data.kind === "APP_PAGE" && data.status === 404)) return;
    const value = data.kind === "APP_PAGE" && typeof data.html === "string" ? { ...data, html: withoutScripts(data.html) } : data;
    const entry = { value, tags: tagsOf(data, context), renderStart, day: dayKey(), lastModified: Date.now(), size: sizeOf(value) };
    if (entry.size > publicCacheLimits.bytes / 4) return;
    cache.entries.set(key, entry);
    cache.bytes += entry.size;
    for (const [oldest] of cache.entries) {
      if (cache.entries.size <= publicCacheLimits.entries && cache.bytes <= publicCacheLimits.bytes) break;
      forget(cache, oldest);
    }
  }

  async revalidateTag(tags) {
    invalidate(Array.isArray(tags) ? tags : [tags]);
  }

  resetRequestCache() {}
}
