import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createScratchDatabase, dropScratchDatabase, type TestDatabase } from "../support/database";
import { cachedPageTags } from "../support/page-cache";
import { startTracker, type RunningTracker } from "../../scripts/tracker-process.mjs";

// Public pages are rendered once and then served from Next's cache, each
// tagged with what it shows. On PostgreSQL the test can change a row behind
// the running tracker's back and see that the cached pages do not read it.

const onPostgres = Boolean(process.env.TEST_DATABASE_URL);
const slug = "road-map-adoption-2024";
let tracker: RunningTracker;
let database: TestDatabase;
let client: pg.Client;

beforeAll(async () => {
  if (!onPostgres) return;
  process.env.TEST_DB = "postgres";
  database = await createScratchDatabase();
  if (database.kind !== "postgres") throw new Error("expected a PostgreSQL scratch database");
  tracker = await startTracker({ DATABASE_URL: database.url, ADMIN_EMAIL: "", ADMIN_PASSWORD: "" });
  client = new pg.Client({ connectionString: database.url });
  await client.connect();
});

afterAll(async () => {
  await client?.end();
  await tracker?.stop();
  if (database) await dropScratchDatabase(database);
});

const get = async (path: string) => {
  const response = await fetch(`${tracker.url}${path}`);
  return { cache: response.headers.get("x-nextjs-cache"), html: await response.text() };
};

describe.skipIf(!onPostgres)("the public page cache (PostgreSQL)", () => {
  it("serves pages from the cache without reading the database again", async () => {
    const before = await get(`/en/milestones/${slug}`);
    expect(before.html).toContain("Road Map and Joint Statement adopted in Lima");
    await get("/en");
    await get("/en/milestones");
    await get("/api/v1/milestones?pageSize=100");
    await client.query(`UPDATE "Milestone" SET "titleEn" = 'Changed behind the cache' WHERE slug = $1`, [slug]);
    const page = await get(`/en/milestones/${slug}`);
    expect(page.cache).toBe("HIT");
    expect(page.html).not.toContain("Changed behind the cache");
    expect((await get("/en")).html).not.toContain("Changed behind the cache");
    // The list renders per request, but from cached data.
    expect((await get("/en/milestones")).html).not.toContain("Changed behind the cache");
    expect((await get("/api/v1/milestones?pageSize=100")).html).not.toContain("Changed behind the cache");
  });

  it("tags each cached page with exactly what it shows, so an editor's refresh reaches it", async () => {
    const milestoneTags = await cachedPageTags(`/en/milestones/${slug}`);
    expect(milestoneTags).toContain(`public:milestone:${slug}`);
    // Another milestone's change (which refreshes "public:lists") leaves this page alone.
    expect(milestoneTags).not.toContain("public:lists");
    expect(await cachedPageTags("/en")).toContain("public:lists");
  });
});
