import { spawn, type ChildProcess } from "node:child_process";
import { connect } from "node:net";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, scratchPostgres, sql } from "../../scripts/tracker-process.mjs";

// `npm start` stops as a deployment expects: SIGTERM or SIGINT lets the
// requests in flight finish (a long export among them), closes the database,
// exits 0 and frees the port, so the next start does not meet EADDRINUSE.

const root = path.resolve(import.meta.dirname, "../..");

function npmStart(env: Record<string, string>): { child: ChildProcess; output: () => string } {
  const child = spawn("npm", ["start"], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: "production",
      ADMIN_EMAIL: "",
      ADMIN_PASSWORD: "",
      AUTH_SECRET: "test-only-secret-0123456789abcdef0123456789abcdef",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  return { child, output: () => output };
}

async function ready(port: number, child: ChildProcess, output: () => string): Promise<void> {
  for (let attempt = 0; attempt < 480; attempt++) {
    if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode}:\n${output()}`);
    if (
      (await fetch(`http://127.0.0.1:${port}/readyz`).then(
        (response) => response.status,
        () => 0,
      )) === 200
    )
      return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`npm start did not become ready:\n${output()}`);
}

const exitOf = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once("exit", (code) => resolve(code))));

/** Whether anything accepts connections on the port. */
const listening = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("error", () => resolve(false));
  });

describe("stopping npm start", () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), "tracker-shutdown-"));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it("on SIGINT exits 0, frees the port, and starts again on it", async () => {
    const port = await freePort();
    for (let round = 0; round < 2; round++) {
      const { child, output } = npmStart({ DATABASE_URL: "", DATA_DIR: dataDir, PORT: String(port) });
      await ready(port, child, output);
      child.kill("SIGINT");
      expect(await exitOf(child), output()).toBe(0);
      expect(await listening(port)).toBe(false);
    }
  });

  it.runIf(process.env.TEST_DATABASE_URL)("on SIGTERM finishes the export in flight, whole, then exits 0", async () => {
    const database = await scratchPostgres(process.env.TEST_DATABASE_URL!, "tracker_e2e_shutdown");
    const port = await freePort();
    const { child, output } = npmStart({ DATABASE_URL: database.url, PORT: String(port) });
    try {
      await ready(port, child, output);
      await sql(
        database.url,
        `INSERT INTO "ProgressUpdate" ("milestoneId", "statusBefore", "statusAfter", "progressBefore", "progressAfter", note, "noteIsPublic", "happenedOn")
         SELECT m.id, 'planned', 'planned', 0, 0, 'SYNTHETIC note ' || g || repeat(' padding', 20), true, date '2025-01-01' + g % 300
         FROM generate_series(1, 200000) g, LATERAL (SELECT id FROM "Milestone" WHERE "isPublic" ORDER BY id OFFSET g % 20 LIMIT 1) m`,
      );
      const response = await fetch(`http://127.0.0.1:${port}/api/v1/exports/progress.csv`);
      const reader = response.body!.getReader();
      let text = new TextDecoder().decode((await reader.read()).value);
      child.kill("SIGTERM");
      for (;;) {
        const chunk = await reader.read();
        if (chunk.done) break;
        text += new TextDecoder().decode(chunk.value, { stream: true });
      }
      // Header, every update (200,000 and the seed's), each record ended.
      expect(text.split("\r\n").length - 2).toBeGreaterThanOrEqual(200_000);
      expect(text.endsWith("\r\n")).toBe(true);
      expect(await exitOf(child), output()).toBe(0);
      expect(await listening(port)).toBe(false);
      expect(output()).toContain("SIGTERM: no new connections; finishing 1 request(s) in flight");
    } finally {
      child.kill("SIGKILL");
      await database.drop();
    }
  });
});
