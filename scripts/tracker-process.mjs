// One way to run a built tracker as a separate process, for the end-to-end
// tests and the benchmarks: a free port, the server started the way
// `npm start` starts it (scripts/next-server.mjs), a wait until it answers,
// a stop that waits for it to exit, and scratch PostgreSQL databases.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { rm } from "node:fs/promises";
import { createServer } from "node:net";
import path from "node:path";
import pg from "pg";
import { serverEnvironment, serverScript } from "./next-server.mjs";

const root = path.resolve(import.meta.dirname, "..");

/** A TCP port nothing listens on at the moment. */
export function freePort() {
  return /** @type {Promise<number>} */ (
    new Promise((resolve, reject) => {
      const server = createServer();
      server.on("error", reject);
      server.listen(0, "127.0.0.1", () => {
        const address = server.address();
        server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
      });
    })
  );
}

/**
 * Empties the page and data cache that `next start` keeps beside the build, so
 * a tracker started on a fresh database does not serve pages rendered from an
 * earlier run's database.
 */
export async function clearCaches() {
  await rm(path.join(root, ".next/server/route-cache"), { recursive: true, force: true });
  await rm(path.join(root, ".next/cache/fetch-cache"), { recursive: true, force: true });
}

/**
 * Spawns the built tracker on `port` with `env` added to this process's
 * environment (a fixed test-only AUTH_SECRET unless `env` sets one).
 * @param {Record<string, string>} env
 * @param {number} port
 */
export function spawnTracker(env, port) {
  const child = spawn(process.execPath, [serverScript], {
    cwd: root,
    env: serverEnvironment({
      ...process.env,
      AUTH_SECRET: "test-only-secret-0123456789abcdef0123456789abcdef",
      ...env,
      PORT: String(port),
      NODE_ENV: "production",
    }),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  return { child, output: () => output };
}

/**
 * @typedef {{ url: string; port: number; process: import("node:child_process").ChildProcess; output: () => string; stop: (signal?: NodeJS.Signals) => Promise<void> }} RunningTracker
 */

/**
 * Starts the built tracker and waits until it is ready (`/readyz` answers 200).
 * @param {Record<string, string>} env
 * @param {{ port?: number; timeoutMs?: number; clearCaches?: boolean }} [options]
 * @returns {Promise<RunningTracker>}
 */
export async function startTracker(env, options = {}) {
  const port = options.port ?? (await freePort());
  const timeoutMs = options.timeoutMs ?? 90_000;
  if (options.clearCaches ?? true) await clearCaches();
  const { child, output } = spawnTracker(env, port);
  const url = `http://127.0.0.1:${port}`;
  /** @param {NodeJS.Signals} [signal] */
  const stop = async (signal = "SIGTERM") => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill(signal);
    await exited;
  };
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The tracker exited with ${child.exitCode}:\n${output()}`);
    try {
      const response = await fetch(`${url}/readyz`);
      if (response.status === 200) return { url, port, process: child, output, stop };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await stop();
  throw new Error(`The tracker did not answer within ${timeoutMs} ms:\n${output()}`);
}

/**
 * Runs one SQL statement on a PostgreSQL URL with a connection of its own.
 * @param {string} url
 * @param {string} text
 * @param {unknown[]} [params]
 */
export async function sql(url, text, params) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, params)).rows;
  } finally {
    await client.end();
  }
}

/**
 * Creates an empty database on the PostgreSQL server at `serverUrl`, for one test file or benchmark run.
 * @param {string} serverUrl
 * @param {string} [prefix]
 * @returns {Promise<{ url: string; name: string; drop: () => Promise<void> }>}
 */
export async function scratchPostgres(serverUrl, prefix = "tracker_scratch") {
  const name = `${prefix}_${randomBytes(6).toString("hex")}`;
  await sql(serverUrl, `CREATE DATABASE "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), name, drop: async () => void (await sql(serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)) };
}
