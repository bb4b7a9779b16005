import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scratchPostgres, sql, startTracker, type RunningTracker } from "../../scripts/tracker-process.mjs";

// A download cut short by a database failure must look cut short: the
// connection is aborted (curl: exit 18, a browser: "failed"), never ended as
// if the file were complete. Needs PostgreSQL, whose connections the test kills.

describe.runIf(process.env.TEST_DATABASE_URL)("an export during a database outage", () => {
  let database: Awaited<ReturnType<typeof scratchPostgres>>;
  let tracker: RunningTracker;

  beforeAll(async () => {
    database = await scratchPostgres(process.env.TEST_DATABASE_URL!, "tracker_e2e_outage");
    tracker = await startTracker({ DATABASE_URL: database.url, ADMIN_EMAIL: "", ADMIN_PASSWORD: "" });
    await sql(
      database.url,
      `INSERT INTO "ProgressUpdate" ("milestoneId", "statusBefore", "statusAfter", "progressBefore", "progressAfter", note, "noteIsPublic", "happenedOn")
       SELECT m.id, 'planned', 'planned', 0, 0, 'SYNTHETIC note ' || g || repeat(' padding', 20), true, date '2025-01-01' + g % 300
       FROM generate_series(1, 300000) g, LATERAL (SELECT id FROM "Milestone" WHERE "isPublic" ORDER BY id OFFSET g % 20 LIMIT 1) m`,
    );
  });
  afterAll(async () => {
    await tracker?.stop();
    await database?.drop();
  });

  it("aborts the download instead of ending it, and logs why", async () => {
    const response = await fetch(`${tracker.url}/api/v1/exports/progress.csv`);
    expect(response.status).toBe(200);
    const reader = response.body!.getReader();
    let received = (await reader.read()).value?.byteLength ?? 0;
    await sql(process.env.TEST_DATABASE_URL!, `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, [
      database.name,
    ]);
    const outcome = await (async () => {
      for (;;) {
        const chunk = await reader.read();
        if (chunk.done) return "ended as if complete";
        received += chunk.value.byteLength;
      }
    })().catch((error: Error) => `aborted: ${error.message}`);
    expect(outcome).toMatch(/^aborted/);
    expect(received).toBeGreaterThan(0);
    expect(tracker.output()).toContain("A CSV export failed midway and was cut off");
  });
});
