// Benchmark: the progress-log CSV export of 1,000,000 progress updates through
// the built tracker's route, against PostgreSQL's own COPY of the same query,
// in a scratch database filled with SYNTHETIC data (never the seed). Reports
// both times, their ratio and the server's peak memory growth.
// Both are read by a native client piped into wc (psql, curl), so neither side
// pays for a JavaScript reader on the same cores.
// Needs PostgreSQL (BENCH_DATABASE_URL, default postgresql://postgres@127.0.0.1:5432), psql and curl.
import { spawn } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { freePort, scratchPostgres, sql, startTracker } from "../tracker-process.mjs";

const server = new URL(process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres");
const milestoneCount = 100_000;
const updateCount = 1_000_000;
const headersFile = path.join(tmpdir(), `tracker-bench-export-headers-${process.pid}`);

/** Resident memory of a process and all its descendants, in bytes. */
function treeRss(pid) {
  let total = 0;
  try {
    total = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) * 1024;
    for (const task of readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").split(" ").filter(Boolean)) total += treeRss(Number(task));
  } catch {
    // the process ended while we looked
  }
  return total;
}

/** The tracker on the scratch database (migrated and seeded at its first start). */
const startServer = (port) =>
  startTracker({ DATABASE_URL: scratch, AUTH_SECRET: "bench-only-secret-0123456789abcdef0123456789" }, { port, timeoutMs: 60_000, clearCaches: false });

/** Runs a command and resolves with what it printed, or rejects if it failed. */
function run(command, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    let errors = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (errors += chunk));
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve(output) : reject(new Error(`${command} failed: ${errors}`))));
  });
}

const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`;
const megabytes = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

const database = await scratchPostgres(server.toString(), "tracker_bench");
const scratch = database.url;
let tracker;
try {
  const port = await freePort();
  tracker = await startServer(port); // migrates and seeds the scratch database

  console.log(`Generating ${milestoneCount.toLocaleString("en")} synthetic milestones and ${updateCount.toLocaleString("en")} progress updates…`);
  let started = performance.now();
  await sql(
    scratch,
    `INSERT INTO "Milestone" ("pillarId", slug, "titleEn", "summaryEn", kind, status, progress, "targetDate", "isPublic", "sourceUrl", "updatedAt")
     SELECT (SELECT array_agg(id ORDER BY position) FROM "Pillar")[1 + g % 5], 'synthetic-' || g, 'SYNTHETIC benchmark milestone ' || g,
            'SYNTHETIC data for the export benchmark', 'other', 'in_progress', g % 101, date '2026-01-01' + g % 2000, true,
            'https://synthetic.invalid/' || g, now()
     FROM generate_series(1, ${milestoneCount}) g`,
  );
  await sql(
    scratch,
    `INSERT INTO "ProgressUpdate" ("milestoneId", "statusBefore", "statusAfter", "progressBefore", "progressAfter", note, "noteIsPublic", "evidenceUrl", "happenedOn")
     SELECT first.id + g % ${milestoneCount}, 'planned', 'in_progress', g % 50, 50 + g % 50,
            'SYNTHETIC update ' || g || ', with a comma, "quotes" and 日本語', g % 4 <> 0, 'https://synthetic.invalid/evidence/' || g, date '2025-01-01' + g % 700
     FROM generate_series(1, ${updateCount}) g, (SELECT min(id) AS id FROM "Milestone" WHERE slug LIKE 'synthetic-%') first`,
  );
  await sql(scratch, `VACUUM ANALYZE`);
  // Started again on the filled database, as a deployed tracker runs on its data. The
  // first process migrated and seeded the empty database; kept running, it grew
  // 144-172 MB over the same export instead of 46-61 MB (reported on issue 5).
  await tracker.stop();
  tracker = await startServer(port);
  const pid = tracker.process.pid;
  console.log(`Generated in ${seconds(performance.now() - started)}`);

  // The same rows the public progress log reads: public, unarchived milestones' updates, in id order.
  const copyQuery = `SELECT m.slug, m."titleEn", p."happenedOn", p."recordedAt", p."statusBefore", p."statusAfter", p."progressBefore", p."progressAfter",
      CASE WHEN p."noteIsPublic" THEN p.note END, CASE WHEN p."noteIsPublic" THEN p."evidenceUrl" END
    FROM "ProgressUpdate" p JOIN "Milestone" m ON m.id = p."milestoneId"
    WHERE m."archivedAt" IS NULL AND m."isPublic"
      AND (p."noteIsPublic" OR p."statusBefore" <> p."statusAfter" OR p."progressBefore" <> p."progressAfter") ORDER BY p.id`;
  // Both sides are read the same way, by a native client into wc, so neither pays for a JavaScript reader on this machine's two cores.
  const copyCommand = [`psql "$1" -qAt -c "$2" | wc -l`, "copy", scratch, `\\copy (${copyQuery.replace(/\s+/g, " ")}) TO STDOUT WITH CSV`];
  // Uncompressed, like COPY's output: gzip would add its own cost on both sides of this one machine.
  const exportCommand = [
    `curl -sS -H "accept-encoding: identity" -D "$2" "$1" | wc -lc`,
    "export",
    `http://127.0.0.1:${port}/api/v1/exports/progress.csv`,
    headersFile,
  ];
  await (await fetch(`http://127.0.0.1:${port}/api/v1/exports/progress.csv?status=completed`)).arrayBuffer(); // warm up the route

  /** One COPY, then one export while the server's memory is watched. */
  async function round() {
    let started = performance.now();
    const copyRows = Number((await run("sh", ["-c", ...copyCommand])).trim());
    const copyMs = performance.now() - started;
    const baseline = treeRss(pid);
    let peak = baseline;
    const sampler = setInterval(() => (peak = Math.max(peak, treeRss(pid))), 50);
    // The kernel's own peak (VmHWM), reset here, catches what 50 ms samples could miss.
    writeFileSync(`/proc/${pid}/clear_refs`, "5");
    started = performance.now();
    // Not spawnSync: the memory sampler must keep running while the export streams.
    const exported = await run("sh", ["-c", ...exportCommand]);
    const exportMs = performance.now() - started;
    clearInterval(sampler);
    peak = Math.max(peak, treeRss(pid));
    peak = Math.max(peak, Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) * 1024);
    const [lines, bytes] = exported.trim().split(/\s+/).map(Number);
    return { copyRows, copyMs, exportMs, rows: lines - 1, bytes, baseline, peak, ratio: exportMs / copyMs };
  }

  // Three rounds, each export right after its own COPY: this machine's speed drifts from minute to minute.
  const rounds = [];
  for (let index = 0; index < 3; index++) rounds.push(await round());
  const encoding = /^content-encoding:\s*(.+?)\s*$/im.exec(readFileSync(headersFile, "utf8"))?.[1] ?? "uncompressed";
  for (const [index, { copyRows, copyMs, exportMs, rows, bytes, baseline, peak, ratio }] of rounds.entries()) {
    console.log(`Round ${index + 1}: COPY (same query) TO STDOUT WITH CSV: ${copyRows.toLocaleString("en")} rows in ${seconds(copyMs)}`);
    console.log(
      `         /api/v1/exports/progress.csv (${encoding}): ${rows.toLocaleString("en")} rows, ${megabytes(bytes)} in ${seconds(exportMs)}, ${ratio.toFixed(2)}x COPY's time`,
    );
    console.log(`         server memory ${megabytes(baseline)} before, peak ${megabytes(peak)}, growth ${megabytes(peak - baseline)}`);
  }
  const median = rounds.map((one) => one.ratio).sort((a, b) => a - b)[1];
  const growth = Math.max(...rounds.map((one) => one.peak - one.baseline));
  console.log(`Ratio, median of 3 rounds: ${median.toFixed(2)}x COPY's time (goal: within 3x) ${median <= 3 ? "✓" : "✗"}`);
  console.log(`Server memory growth, largest of 3 rounds: ${megabytes(growth)} (goal: < 100 MB) ${growth < 100 * 1024 * 1024 ? "✓" : "✗"}`);
} finally {
  await tracker?.stop();
  await database.drop();
  rmSync(headersFile, { force: true });
}
