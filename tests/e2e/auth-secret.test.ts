import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { freePort, spawnTracker } from "../../scripts/tracker-process.mjs";

const root = path.resolve(import.meta.dirname, "../..");

/** Runs the README's first command (`npm start`, i.e. scripts/start.mjs) with the given environment. */
function npmStart(env: Record<string, string>, port: number) {
  const child = spawn(process.execPath, [path.join(root, "scripts/start.mjs")], {
    cwd: root,
    env: { ...process.env, NODE_ENV: "production", PORT: String(port), ADMIN_EMAIL: "", ADMIN_PASSWORD: "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  return { child, output: () => output };
}

async function waitForPage(url: string, child: ReturnType<typeof spawn>, output: () => string): Promise<number> {
  for (let attempt = 0; attempt < 240; attempt++) {
    if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode}:\n${output()}`);
    const status = await fetch(url).then(
      (response) => response.status,
      () => 0,
    );
    if (status > 0) return status;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`no answer from ${url}:\n${output()}`);
}

async function stop(child: ReturnType<typeof spawn>) {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await exited;
}

describe("start-up without AUTH_SECRET in production", () => {
  it("stops the server itself with one line saying what to set", async () => {
    const { child, output } = spawnTracker({ AUTH_SECRET: "", DATABASE_URL: "" }, await freePort());
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    const lines = output()
      .trim()
      .split("\n")
      .filter((line) => line.includes("Cannot start"));
    expect(code).not.toBe(0);
    expect(lines).toEqual(["Cannot start the tracker: AUTH_SECRET is required in production (try: openssl rand -base64 32)"]);
  });

  it("stops `npm start` on PostgreSQL, where several instances must share one secret", async () => {
    const { child, output } = npmStart({ AUTH_SECRET: "", DATABASE_URL: "postgresql://tracker@127.0.0.1:1/tracker" }, await freePort());
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    expect(code).not.toBe(0);
    expect(output()).toContain("Cannot start the tracker: AUTH_SECRET is required in production");
  });

  it("lets a new user's `npm start` on the embedded database run with a secret generated once and kept", async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), "tracker-npm-start-"));
    try {
      const port = await freePort();
      const first = npmStart({ AUTH_SECRET: "", DATABASE_URL: "", DATA_DIR: dataDir }, port);
      expect(await waitForPage(`http://127.0.0.1:${port}/en`, first.child, first.output)).toBe(200);
      await stop(first.child);
      const secret = await readFile(path.join(dataDir, "auth-secret"), "utf8");
      expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(first.output()).toContain("AUTH_SECRET is not set: generated one for the embedded database");

      // A restart keeps the same secret, so sessions survive it.
      const second = npmStart({ AUTH_SECRET: "", DATABASE_URL: "", DATA_DIR: dataDir }, port);
      expect(await waitForPage(`http://127.0.0.1:${port}/en`, second.child, second.output)).toBe(200);
      await stop(second.child);
      expect(await readFile(path.join(dataDir, "auth-secret"), "utf8")).toBe(secret);
      expect(second.output()).not.toContain("generated one");
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
