import { beforeEach, describe, expect, it } from "vitest";
import { tagsOfChange } from "@/lib/public/change-feed";
import PublicPageCache, { invalidate, publicCacheLimits, publicCacheStats, setHearing, withoutScripts } from "@/lib/public/page-cache.js";

describe("pages kept in the public page cache", () => {
  const page = [
    "<!DOCTYPE html><html><head>",
    '<link rel="stylesheet" href="/_next/static/chunks/a.css"/>',
    '<link rel="preload" as="script" fetchPriority="low" href="/_next/static/chunks/b.js"/>',
    '<link rel="modulepreload" href="/_next/static/chunks/c.js"/>',
    '<script src="/_next/static/chunks/b.js" async=""></script>',
    '<script type="application/ld+json">{"@type":"GovernmentService"}</script>',
    "</head><body><main><h1>Road Map</h1><p>a &lt;script&gt; in text stays</p></main>",
    '<script>self.__next_f.push([1,"\\u003cdiv\\u003e"])</script>',
    '<script>self.__next_f.push([1,"more"])\n</script></body></html>',
  ].join("");

  it("lose Next's scripts and script preloads, and keep everything a visitor reads", () => {
    expect(withoutScripts(page)).toBe(
      "<!DOCTYPE html><html><head>" +
        '<link rel="stylesheet" href="/_next/static/chunks/a.css"/>' +
        '<script type="application/ld+json">{"@type":"GovernmentService"}</script>' +
        "</head><body><main><h1>Road Map</h1><p>a &lt;script&gt; in text stays</p></main></body></html>",
    );
  });

  it("keep their scripts when these carry a nonce, as staff pages' do", () => {
    const staffPage = '<html><body><form></form><script nonce="abc">self.__next_f.push([1])</script></body></html>';
    expect(withoutScripts(staffPage)).toBe(staffPage);
  });
});

/** A cached page as Next hands it over, tagged with what it read. */
const page = (tags: string[], status = 200, html = "<html><body>page</body></html>") => ({
  kind: "APP_PAGE",
  html,
  status,
  headers: { "x-next-cache-tags": ["_N_T_/layout", ...tags].join(",") },
});

/** What a visitor gets: the cached value, or null for a fresh render. */
async function read(cache: PublicPageCache, key: string) {
  return ((await cache.get(key)) as { value: unknown } | null)?.value ?? null;
}

/** A first visit: a miss, then the render Next stores. */
async function render(cache: PublicPageCache, key: string, data: unknown) {
  expect(await cache.get(key)).toBeNull();
  await cache.set(key, data, {});
}

describe("the public page cache", () => {
  const cache = new PublicPageCache();
  beforeEach(() => {
    setHearing(false);
    setHearing(true);
  });

  it("serves a page until a change to what it shows is heard, and only that page", async () => {
    await render(cache, "/en/milestones/a", page(["public:milestone:a"]));
    await render(cache, "/en/milestones/b", page(["public:milestone:b"]));
    await render(cache, "/en", page(["public:lists"]));
    expect(await read(cache, "/en/milestones/a")).not.toBeNull();
    invalidate(tagsOfChange("milestone:a"));
    expect(await read(cache, "/en/milestones/a")).toBeNull();
    expect(await read(cache, "/en")).toBeNull();
    expect(await read(cache, "/en/milestones/b")).not.toBeNull();
  });

  it("never keeps as fresh a render that began before a change it may not have seen", async () => {
    expect(await cache.get("/en/milestones/c")).toBeNull();
    // The render reads the old row; the change commits and is heard; then the render is stored.
    invalidate(tagsOfChange("milestone:c"));
    await cache.set("/en/milestones/c", page(["public:milestone:c"]), {});
    expect(await read(cache, "/en/milestones/c")).toBeNull();
  });

  it("serves nothing while changes are not heard, and nothing kept before", async () => {
    await render(cache, "/es", page(["public:lists"]));
    setHearing(false);
    expect(await read(cache, "/es")).toBeNull();
    await render(cache, "/es", page(["public:lists"]));
    setHearing(true);
    expect(await read(cache, "/es")).toBeNull();
  });

  it("treats data that names none of the public tags as the lists, and a change to anything as a change to all", async () => {
    await render(cache, "untagged", { kind: "FETCH", data: { body: "x" } });
    invalidate(tagsOfChange("milestone:z"));
    expect(await read(cache, "untagged")).toBeNull();
    await render(cache, "/ja/milestones/d", page(["public:milestone:d"]));
    invalidate(tagsOfChange("*"));
    expect(await read(cache, "/ja/milestones/d")).toBeNull();
  });

  it("keeps no 404 page and stays within its cap whatever is asked for", async () => {
    await render(cache, "/en/no-such-page", page([], 404));
    expect(await read(cache, "/en/no-such-page")).toBeNull();
    for (let index = 0; index < publicCacheLimits.entries + 500; index++) await render(cache, `/en/view-${index}`, page(["public:lists"]));
    const stats = publicCacheStats();
    expect(stats.entries).toBe(publicCacheLimits.entries);
    expect(stats.bytes).toBeLessThanOrEqual(publicCacheLimits.bytes);
    // The least recently used went first.
    expect(await read(cache, "/en/view-0")).toBeNull();
    expect(await read(cache, `/en/view-${publicCacheLimits.entries + 499}`)).not.toBeNull();
  });

  it("stores pages without the scripts they may not run", async () => {
    await render(cache, "/en/milestones/e", page(["public:milestone:e"], 200, "<html><body><p>text</p><script>self.__next_f.push([1])</script></body></html>"));
    expect(await read(cache, "/en/milestones/e")).toMatchObject({ html: "<html><body><p>text</p></body></html>" });
  });
});

describe("the database's change announcements", () => {
  it("name the lists and each changed milestone's pages, or everything", () => {
    expect(tagsOfChange("milestone:visa-2025 milestone:visa-2025b")).toEqual(["public:lists", "public:milestone:visa-2025", "public:milestone:visa-2025b"]);
    expect(tagsOfChange("*")).toEqual(["*"]);
    expect(tagsOfChange("")).toEqual(["*"]);
    expect(tagsOfChange("pillar:economic")).toEqual(["*"]);
  });
});
