import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scratchPostgres, sql, startTracker, type RunningTracker } from "../../scripts/tracker-process.mjs";
import { launchChromium, signInAs } from "../support/browser";

// A milestone made internal must vanish from every public surface of every
// instance within 2 s, whoever made the change (an editor on another
// instance, or SQL typed in psql), and stay gone after any restart, SIGTERM
// or kill -9. Cached pages are warmed first, so a stale cache would show.

const admin = { email: "admin@ministry.example", password: "admin password 2026" };
const slug = "visa-exemption-reintroduction-2026";
const title = "visa exemption reintroduced";
const root = path.resolve(import.meta.dirname, "../..");

/** Every public surface that shows the milestone while it is public, and what it shows there. */
const surfaces = [
  `/en/milestones/${slug}`,
  `/es/milestones/${slug}`,
  `/ja/milestones/${slug}`,
  "/en",
  "/en/milestones?kind=people_to_people",
  "/es/milestones?pillar=people-to-people",
  `/api/v1/milestones/${slug}`,
  "/api/v1/milestones?pageSize=100",
  "/sitemap.xml",
  "/api/v1/exports/milestones.csv",
];

/** The surfaces that still show the milestone (by its address or its title). */
async function showing(tracker: RunningTracker): Promise<string[]> {
  const shown: string[] = [];
  for (const surface of surfaces) {
    const response = await fetch(`${tracker.url}${surface}`);
    const body = await response.text();
    if (response.status === 200 && (body.includes(slug) || body.toLowerCase().includes(title))) shown.push(surface);
  }
  return shown;
}

/** Polls until no public surface shows the milestone; resolves with how long that took, or rejects after `limitMs`. */
async function goneWithin(tracker: RunningTracker, limitMs: number): Promise<number> {
  const started = Date.now();
  let last: string[] = [];
  while (Date.now() - started <= limitMs) {
    last = await showing(tracker);
    if (last.length === 0) return Date.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`still public after ${limitMs} ms on ${last.join(", ")}`);
}

/** Nothing of the page cache is written to disk: a restart can bring nothing back. */
async function cacheFilesOnDisk(): Promise<number> {
  let count = 0;
  for (const folder of [".next/server/route-cache", ".next/cache/fetch-cache"]) {
    try {
      count += (await readdir(path.join(root, folder), { recursive: true })).length;
    } catch {
      // no such folder: nothing written
    }
  }
  return count;
}

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

async function makeInternalInTheEditForm(tracker: RunningTracker): Promise<void> {
  const context = await browser.newContext();
  const page = await signInAs(context, tracker.url, admin.email, admin.password);
  await page.goto(`${tracker.url}/en/admin/milestones/${slug}`);
  await page.uncheck("input[name=isPublic]");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await page.getByText("Saved").first().waitFor();
  await context.close();
}

describe("on the embedded database, across restarts", () => {
  let dataDir: string;
  let tracker: RunningTracker;
  const env = () => ({ DATABASE_URL: "", DATA_DIR: dataDir, ADMIN_EMAIL: admin.email, ADMIN_PASSWORD: admin.password });

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), "tracker-internal-"));
    tracker = await startTracker(env());
  });
  afterAll(async () => {
    await tracker?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it("leaves no public surface showing a milestone made internal, after SIGTERM and after kill -9", async () => {
    for (let warm = 0; warm < 2; warm++) expect(await showing(tracker)).toEqual(surfaces);
    await makeInternalInTheEditForm(tracker);
    expect(await showing(tracker)).toEqual([]);

    await tracker.stop("SIGTERM");
    expect(tracker.process.exitCode).toBe(0);
    tracker = await startTracker(env(), { clearCaches: false });
    expect(await showing(tracker)).toEqual([]);

    await tracker.stop("SIGKILL");
    tracker = await startTracker(env(), { clearCaches: false });
    expect(await showing(tracker)).toEqual([]);
    expect(await cacheFilesOnDisk()).toBe(0);
  });
});

describe.runIf(process.env.TEST_DATABASE_URL)("two instances on one PostgreSQL", () => {
  let database: Awaited<ReturnType<typeof scratchPostgres>>;
  let a: RunningTracker;
  let b: RunningTracker;
  const env = () => ({ DATABASE_URL: database.url, ADMIN_EMAIL: admin.email, ADMIN_PASSWORD: admin.password });
  const setPublic = (isPublic: boolean) => sql(database.url, `UPDATE "Milestone" SET "isPublic" = $1 WHERE slug = $2`, [isPublic, slug]);

  beforeAll(async () => {
    database = await scratchPostgres(process.env.TEST_DATABASE_URL!, "tracker_e2e_two");
    // Started together on an empty database: both must come up (one migrates and seeds, the other waits).
    [a, b] = await Promise.all([startTracker(env()), startTracker(env(), { clearCaches: false })]);
  });
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await database?.drop();
  });

  it("clears the other instance within 2 s of an edit in the staff area", async () => {
    for (let warm = 0; warm < 2; warm++) expect(await showing(b)).toEqual(surfaces);
    await makeInternalInTheEditForm(a);
    expect(await goneWithin(b, 2_000)).toBeLessThanOrEqual(2_000);
  });

  it("clears both instances within 2 s of SQL run directly in the database, both ways", async () => {
    await setPublic(true);
    for (const tracker of [a, b]) await expect.poll(() => showing(tracker), { timeout: 2_000 }).toEqual(surfaces);
    await setPublic(false);
    for (const tracker of [a, b]) expect(await goneWithin(tracker, 2_000)).toBeLessThanOrEqual(2_000);
  });

  it("keeps it internal on an instance restarted with SIGTERM or killed", async () => {
    await b.stop("SIGTERM");
    expect(b.process.exitCode).toBe(0);
    b = await startTracker(env(), { clearCaches: false });
    expect(await showing(b)).toEqual([]);
    await b.stop("SIGKILL");
    b = await startTracker(env(), { clearCaches: false });
    expect(await showing(b)).toEqual([]);
  });

  it("starts three instances at once on an empty database, all answering", async () => {
    const empty = await scratchPostgres(process.env.TEST_DATABASE_URL!, "tracker_e2e_three");
    try {
      const three = await Promise.all([0, 1, 2].map(() => startTracker({ ...env(), DATABASE_URL: empty.url }, { clearCaches: false })));
      try {
        for (const tracker of three) expect((await fetch(`${tracker.url}/en`)).status).toBe(200);
        expect(await sql(empty.url, `SELECT count(*)::int AS n FROM "Roadmap"`)).toEqual([{ n: 1 }]);
      } finally {
        await Promise.all(three.map((tracker) => tracker.stop()));
      }
    } finally {
      await empty.drop();
    }
  });
});
