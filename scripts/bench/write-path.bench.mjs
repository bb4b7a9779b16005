// The write path: 20 editors, each signed in over HTTP, log progress on their
// own milestone as fast as the tracker answers for 10 s, through the built
// server's real server action (session check, role check, validation, one
// transaction with the audit event). Then every accepted update must be in
// the history exactly once. Needs PostgreSQL: BENCH_DATABASE_URL, default
// postgresql://postgres@127.0.0.1:5432/postgres (a scratch database is created
// on that server and dropped afterwards).
import { randomBytes, randomUUID, scrypt } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { scratchPostgres, sql, startTracker } from "../tracker-process.mjs";

const root = path.resolve(import.meta.dirname, "../..");
const editors = 20;
const durationMs = 10_000;
const serverUrl = new URL(process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres");
const password = "bench editor password";

/** The same stored form as lib/passwords.ts: scrypt$N$r$p$salt$hash. */
async function hashPassword(text) {
  const salt = randomBytes(16);
  const key = await promisify(scrypt)(text.normalize("NFKC"), salt, 64, { N: 2 ** 15, r: 8, p: 1, maxmem: 256 * 2 ** 15 * 8 });
  return ["scrypt", 2 ** 15, 8, 1, salt.toString("base64url"), key.toString("base64url")].join("$");
}

const cookiesOf = (response) => response.headers.getSetCookie().map((cookie) => cookie.split(";")[0]);

/** Signs in through Auth.js's own endpoints, as a browser would; returns the session cookie. */
async function signIn(url, email) {
  const csrf = await fetch(`${url}/api/auth/csrf`);
  const { csrfToken } = await csrf.json();
  const response = await fetch(`${url}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookiesOf(csrf).join("; ") },
    body: new URLSearchParams({ email, password, csrfToken, callbackUrl: `${url}/en/admin` }),
  });
  const session = cookiesOf(response).find((cookie) => cookie.includes("session-token"));
  if (!session) throw new Error(`Sign-in failed for ${email} (${response.status})`);
  return session;
}

/** The id of the log-progress server action in this build. */
function logProgressActionId() {
  const manifest = JSON.parse(readFileSync(path.join(root, ".next/server/server-reference-manifest.json"), "utf8"));
  const entry = Object.entries(manifest.node).find(([, action]) => action.exportedName === "logProgressAction");
  if (!entry) throw new Error("logProgressAction not found in the build");
  return entry[0];
}

/**
 * The request React sends for useActionState(previous state, form data): the
 * form's fields under the prefix "_1_", then the arguments, which refer to them.
 */
function actionBody(fields) {
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) body.append(`_1_${name}`, value);
  body.append("0", JSON.stringify([{ status: "idle" }, "$K1"]));
  return body;
}

function percentile(sorted, p) {
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const database = await scratchPostgres(serverUrl.toString(), "tracker_bench");
const databaseUrl = database.url;
let server;
try {
  server = await startTracker(
    { DATABASE_URL: databaseUrl, AUTH_SECRET: randomBytes(32).toString("base64url"), ADMIN_EMAIL: "", ADMIN_PASSWORD: "" },
    { clearCaches: false },
  );
  const passwordHash = await hashPassword(password);
  const milestones = await sql(databaseUrl, `SELECT slug, version FROM "Milestone" WHERE "archivedAt" IS NULL ORDER BY id LIMIT ${editors}`);
  const people = [];
  for (let index = 0; index < editors; index++) {
    const email = `bench-editor-${index}@example.org`;
    await sql(databaseUrl, `INSERT INTO "User" (id, email, role, active, "passwordHash", "updatedAt") VALUES ($1, $2, 'editor', true, $3, now())`, [
      randomUUID(),
      email,
      passwordHash,
    ]);
    people.push({ email, milestone: milestones[index].slug, version: milestones[index].version, cookie: await signIn(server.url, email) });
  }
  const actionId = logProgressActionId();
  const today = new Date().toISOString().slice(0, 10);
  const latencies = [];
  const accepted = [];
  const refused = [];
  const stopAt = Date.now() + durationMs;
  const started = performance.now();
  await Promise.all(
    people.map(async (person, editor) => {
      for (let sequence = 0; Date.now() < stopAt; sequence++) {
        const note = `bench ${editor}-${sequence}`;
        const sent = performance.now();
        const response = await fetch(`${server.url}/en/admin/milestones/${person.milestone}/progress`, {
          method: "POST",
          headers: { "next-action": actionId, origin: server.url, accept: "text/x-component", cookie: person.cookie },
          body: actionBody({
            milestone: person.milestone,
            expectedVersion: String(person.version),
            status: "in_progress",
            progress: String(sequence % 100),
            note,
            noteIsPublic: sequence % 2 ? "on" : "",
            evidenceUrl: "https://example.org/evidence",
            happenedOn: today,
          }),
        });
        const text = await response.text();
        const version = /"result":\{"version":"(\d+)"\}/.exec(text)?.[1];
        if (response.ok && version) {
          latencies.push(performance.now() - sent);
          accepted.push(note);
          person.version = Number(version);
        } else {
          refused.push(`${response.status} ${text.slice(0, 200)}`);
        }
      }
    }),
  );
  const elapsedSeconds = (performance.now() - started) / 1000;
  const sorted = latencies.sort((a, b) => a - b);

  const stored = await sql(databaseUrl, `SELECT note, count(*)::int AS copies FROM "ProgressUpdate" WHERE note LIKE 'bench %' GROUP BY note`);
  const copies = new Map(stored.map((row) => [row.note, row.copies]));
  const lost = accepted.filter((note) => !copies.has(note)).length;
  const duplicated = stored.filter((row) => row.copies > 1).length;
  const unexpected = stored.filter((row) => !accepted.includes(row.note)).length;
  const audited = (await sql(databaseUrl, `SELECT count(*)::int AS n FROM "AuditEvent" WHERE action = 'progress.log'`))[0].n;
  const versions = await sql(databaseUrl, `SELECT slug, version FROM "Milestone" WHERE slug = ANY($1)`, [people.map((person) => person.milestone)]);
  const versionsMatch = versions.every((row) => row.version === people.find((person) => person.milestone === row.slug).version);

  console.log(`editors: ${editors}, duration: ${elapsedSeconds.toFixed(1)} s, through HTTP (server action) on PostgreSQL`);
  console.log(`accepted updates: ${accepted.length} (${(accepted.length / elapsedSeconds).toFixed(1)} per second), refused: ${refused.length}`);
  console.log(
    `latency ms: p50 ${percentile(sorted, 50).toFixed(1)}, p95 ${percentile(sorted, 95).toFixed(1)}, p99 ${percentile(sorted, 99).toFixed(1)}, max ${sorted.at(-1)?.toFixed(1)}`,
  );
  console.log(
    `history check: ${lost} lost, ${duplicated} duplicated, ${unexpected} not accepted but stored; audit events ${audited}; milestone versions ${versionsMatch ? "match" : "DO NOT match"}`,
  );
  if (refused.length > 0) console.log(`first refusal: ${refused[0]}`);
  if (lost || duplicated || unexpected || audited !== accepted.length || !versionsMatch) process.exitCode = 1;
} finally {
  await server?.stop();
  await database.drop();
}
