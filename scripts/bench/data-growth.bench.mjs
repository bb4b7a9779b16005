// Cost as the data grows: how long the overview, the list (a cached view and a
// free-text search) and the API list take to render when nothing is cached, at
// 50, 1,000 and 10,000 milestones (SYNTHETIC rows, each with two progress
// updates), on a scratch PostgreSQL database. Each measurement first changes a
// milestone by SQL, which the database announces, so the next request renders
// afresh; the median of 15 such renders is reported, with /robots.txt (Next's
// smallest route, no data) as the reference of the same run.
// Needs PostgreSQL: BENCH_DATABASE_URL, default postgresql://postgres@127.0.0.1:5432/postgres.
import { performance } from "node:perf_hooks";
import { scratchPostgres, sql, startTracker } from "../tracker-process.mjs";

const server = process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const sizes = [50, 1_000, 10_000];
const targets = ["/en", "/en/milestones", "/en/milestones?q=synthetic", "/api/v1/milestones", "/robots.txt"];
const renders = 15;

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const database = await scratchPostgres(server, "tracker_bench_growth");
let tracker;
try {
  tracker = await startTracker(
    { DATABASE_URL: database.url, AUTH_SECRET: "bench-only-secret-0123456789abcdef0123456789", ADMIN_EMAIL: "", ADMIN_PASSWORD: "" },
    { clearCaches: false },
  );
  const seeded = Number((await sql(database.url, `SELECT count(*)::int AS n FROM "Milestone"`))[0].n);
  console.log(`Uncached render time (median of ${renders}), ms, on ${database.name}; each render follows a change announced by the database`);
  console.log("milestones".padEnd(12), ...targets.map((target) => target.padStart(28)));
  let have = seeded;
  for (const size of sizes) {
    const add = size - have;
    if (add > 0) {
      await sql(
        database.url,
        `INSERT INTO "Milestone" ("pillarId", slug, "titleEn", "summaryEn", kind, status, progress, "targetDate", "isPublic", "sourceUrl", "updatedAt")
         SELECT (SELECT array_agg(id ORDER BY position) FROM "Pillar")[1 + g % 5], 'synthetic-' || g, 'SYNTHETIC milestone ' || g,
                'SYNTHETIC data for the growth benchmark', 'other', 'in_progress', g % 101, date '2025-01-01' + g % 3000, true, 'https://synthetic.invalid/' || g, now()
         FROM generate_series(${have + 1}, ${size}) g`,
      );
      await sql(
        database.url,
        `INSERT INTO "ProgressUpdate" ("milestoneId", "statusBefore", "statusAfter", "progressBefore", "progressAfter", note, "noteIsPublic", "happenedOn")
         SELECT id, 'planned', 'in_progress', 0, progress, 'SYNTHETIC update', true, date '2025-01-01' + id % 300 FROM "Milestone" WHERE slug LIKE 'synthetic-%' AND id > (SELECT coalesce(max("milestoneId"), 0) FROM "ProgressUpdate")`,
      );
      await sql(database.url, "ANALYZE");
      have = size;
    }
    const row = [];
    for (const target of targets) {
      const times = [];
      for (let index = 0; index < renders; index++) {
        await sql(database.url, `UPDATE "Milestone" SET progress = (progress + 1) % 101 WHERE id = (SELECT min(id) FROM "Milestone")`);
        await new Promise((resolve) => setTimeout(resolve, 50));
        const started = performance.now();
        await (await fetch(`${tracker.url}${target}`)).arrayBuffer();
        times.push(performance.now() - started);
      }
      row.push(median(times).toFixed(1).padStart(28));
    }
    console.log(String(Math.max(size, seeded)).padEnd(12), ...row);
  }
} finally {
  await tracker?.stop();
  await database.drop();
}
