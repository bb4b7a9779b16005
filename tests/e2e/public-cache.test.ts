import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createScratchDatabase, dropScratchDatabase, type TestDatabase } from "../support/database";
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
  const other = "monitoring-working-group-2025";

  it("serves pages from the cache without reading the database again", async () => {
    for (const path of [`/en/milestones/${slug}`, `/en/milestones/${other}`, "/en"]) await get(path);
    // Written with the triggers off, so nothing is announced: only a page read from the database could show it.
    await client.query("SET session_replication_role = replica");
    await client.query(`UPDATE "Milestone" SET "titleEn" = 'Changed behind the cache' WHERE slug = $1`, [slug]);
    await client.query("SET session_replication_role = DEFAULT");
    const page = await get(`/en/milestones/${slug}`);
    expect(page.cache).toBe("HIT");
    expect(page.html).not.toContain("Changed behind the cache");
    expect((await get("/en")).html).not.toContain("Changed behind the cache");
  });

  it("refreshes at once exactly the pages a change announced by the database touches", async () => {
    await client.query(`UPDATE "Milestone" SET "titleEn" = 'Changed and announced' WHERE slug = $1`, [slug]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const page = await get(`/en/milestones/${slug}`);
    expect(page.cache).toBe("MISS");
    expect(page.html).toContain("Changed and announced");
    expect((await get("/en")).cache).toBe("MISS");
    // Another milestone's page reads only that milestone: it stays as it was.
    expect((await get(`/en/milestones/${other}`)).cache).toBe("HIT");
  });
});
