import "server-only";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { openEmbeddedPostgres } from "./embedded-postgres";
import { readEnvironment } from "./env";
import { PrismaClient } from "./generated/prisma/client";

// The one module that knows which database the tracker runs on:
// PostgreSQL when DATABASE_URL is set, embedded PostgreSQL (PGlite) otherwise.

/** One connection, for work that must stay in one session (migrations under an advisory lock). */
export interface SqlSession {
  query<Row>(sql: string, params?: unknown[]): Promise<Row[]>;
  /** Runs a script of several statements. */
  exec(script: string): Promise<void>;
  release(): Promise<void>;
}

/** A query with PostgreSQL's numbered parameters, as `Prisma.sql` builds it. */
export type SqlQuery = { text: string; values: unknown[] };

/** What a listener on a notification channel hears: each payload, and whether it may have missed some. */
export type ChannelListener = {
  notified(payload: string): void;
  /** The channel is heard from now on (after a start or a reconnection); anything before may have been missed. */
  listening(): void;
  /** The channel is not heard until `listening` is called again. */
  lost(): void;
};

export interface Database {
  prisma: PrismaClient;
  embedded: boolean;
  /**
   * Rows as arrays, straight from the driver: for the exports that run to
   * millions of rows, where the query builder's per-row mapping costs more
   * than the database itself (scripts/bench/exports.bench.mjs).
   */
  rowsOf(query: SqlQuery): Promise<unknown[][]>;
  /** Where the data lives, for log lines; never includes a password. */
  description: string;
  session(): Promise<SqlSession>;
  /** Hears NOTIFY on `channel` (delivered after each commit); returns a function that stops listening. */
  listen(channel: string, listener: ChannelListener): Promise<() => Promise<void>>;
  /** The embedded database only: a consistent copy of its data folder (a gzip tarball), taken while it runs. */
  backup?(): Promise<Uint8Array>;
  close(): Promise<void>;
}

/** The database cannot be used; `message` is one line fit for the console. */
export class DatabaseUnavailableError extends Error {}

function describePostgresUrl(raw: string): { url: URL; description: string } {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new DatabaseUnavailableError("DATABASE_URL is not a valid URL (expected postgresql://user:password@host:5432/database)");
  }
  if (url.protocol !== "postgresql:" && url.protocol !== "postgres:") {
    throw new DatabaseUnavailableError(`DATABASE_URL must start with postgresql:// (got ${url.protocol}//)`);
  }
  const host = url.hostname || url.searchParams.get("host") || "localhost";
  const database = decodeURIComponent(url.pathname.replace(/^\//, "")) || "(default database)";
  return { url, description: `PostgreSQL at ${host}:${url.port || "5432"}/${database}` };
}

function openPostgres(raw: string, poolSize: number): Database {
  const { description } = describePostgresUrl(raw);
  const pool = new pg.Pool({
    connectionString: raw,
    max: poolSize,
    connectionTimeoutMillis: 10_000,
    idleTimeoutMillis: 30_000,
  });
  // An idle client that loses its server must not crash the process.
  pool.on("error", (error) => console.error(`${description}: ${error.message}`));
  return {
    prisma: new PrismaClient({ adapter: new PrismaPg(pool) }),
    embedded: false,
    description,
    rowsOf: async ({ text, values }) => (await pool.query<unknown[]>({ text, values, rowMode: "array" })).rows,
    async session() {
      const client = await pool.connect().catch((error: unknown) => {
        throw new DatabaseUnavailableError(`Cannot reach ${description}: ${reason(error)}`);
      });
      return {
        query: async <Row>(sql: string, params?: unknown[]) => (await client.query(sql, params)).rows as Row[],
        exec: async (script) => {
          await client.query(script);
        },
        release: async () => client.release(),
      };
    },
    listen: (channel, listener) => listenOnPostgres(raw, description, channel, listener),
    async close() {
      await this.prisma.$disconnect();
      await pool.end();
    },
  };
}

/**
 * LISTEN on a connection of its own, kept open: reconnected with backoff when
 * it fails, and checked every few seconds, since a connection that silently
 * died would otherwise hear nothing and say nothing.
 */
async function listenOnPostgres(url: string, description: string, channel: string, listener: ChannelListener): Promise<() => Promise<void>> {
  let client: pg.Client | null = null;
  let stopped = false;
  let retryMs = 250;
  let timer: NodeJS.Timeout | undefined;
  const drop = (current: pg.Client, error?: Error) => {
    if (client !== current) return;
    client = null;
    listener.lost();
    if (error && !stopped) console.error(`${description}: listening for changes failed (${error.message}); retrying`);
    void current.end().catch(() => {});
    if (!stopped) timer = setTimeout(connect, retryMs);
    retryMs = Math.min(retryMs * 2, 5_000);
  };
  const connect = async () => {
    const current = new pg.Client({ connectionString: url, keepAlive: true, connectionTimeoutMillis: 5_000 });
    client = current;
    current.on("error", (error) => drop(current, error));
    current.on("end", () => drop(current));
    current.on("notification", (message) => {
      if (message.channel === channel) listener.notified(message.payload ?? "");
    });
    try {
      await current.connect();
      await current.query(`LISTEN "${channel.replaceAll('"', '""')}"`);
      retryMs = 250;
      listener.listening();
    } catch (error) {
      drop(current, error as Error);
    }
  };
  await connect();
  const heartbeat = setInterval(() => {
    const current = client;
    current?.query("SELECT 1").catch((error: Error) => drop(current, error));
  }, 2_000);
  heartbeat.unref();
  return async () => {
    stopped = true;
    clearInterval(heartbeat);
    clearTimeout(timer);
    const current = client;
    client = null;
    await current?.end().catch(() => {});
  };
}

/**
 * When a process started, as the kernel counts it (clock ticks since boot,
 * field 22 of /proc/<pid>/stat), or null where there is no /proc or no such
 * process. A pid alone is not enough: the kernel reuses them.
 */
function processStart(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name in parentheses may hold spaces; the fields after it are fixed.
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19] ?? null;
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

type DataDirLock = { pid: number; started: string | null };

/** The live process holding an embedded data folder, or null when none does (a stale lock file counts as none). */
export function dataDirHolder(directory: string): number | null {
  let holder: DataDirLock | null = null;
  try {
    const parsed = JSON.parse(readFileSync(path.join(path.resolve(directory), "tracker.pid"), "utf8")) as Partial<DataDirLock>;
    if (Number.isInteger(parsed.pid)) holder = { pid: parsed.pid!, started: typeof parsed.started === "string" ? parsed.started : null };
  } catch {
    // no lock file, or not one this tracker wrote: the directory is free
  }
  const alive = holder !== null && isAlive(holder.pid) && (holder.started === null || processStart(holder.pid) === holder.started);
  return alive ? holder!.pid : null;
}

/**
 * PGlite files must be opened by one process at a time; a second would
 * corrupt them. The lock file names the holder by pid and start time, so a
 * stale file (a crash, a reused pid, a pid written by hand) never blocks a start.
 */
function claimDataDir(directory: string, description: string): () => void {
  const holder = dataDirHolder(directory);
  if (holder !== null && holder !== process.pid) {
    throw new DatabaseUnavailableError(`The ${description} is in use by process ${holder}; stop it first, or set DATA_DIR to another folder`);
  }
  const lockFile = path.join(directory, "tracker.pid");
  writeFileSync(lockFile, JSON.stringify({ pid: process.pid, started: processStart(process.pid) } satisfies DataDirLock));
  return () => rmSync(lockFile, { force: true });
}

function openEmbedded(dataDir: string): Database {
  const directory = path.resolve(dataDir);
  const description = `embedded PostgreSQL in ${path.relative(process.cwd(), directory) || "."}`;
  mkdirSync(directory, { recursive: true });
  const releaseDataDir = claimDataDir(directory, description);
  process.once("exit", releaseDataDir);
  // PGlite runs on a worker thread of its own, served on a private socket, so
  // its WebAssembly never holds up the requests this thread serves.
  const embedded = openEmbeddedPostgres({
    dataDir: path.join(directory, "pgdata"),
    // Next bundles this module; the worker is loaded by Node from the project itself.
    workerFile: path.join(process.cwd(), "lib", "pglite-worker.mjs"),
    onUnexpectedExit: (code) => {
      console.error(`The ${description} stopped unexpectedly (code ${code}); the tracker stops too, to be restarted`);
      process.exit(1);
    },
  });
  const { pool } = embedded;
  const opened = embedded.ready.catch((error: unknown) => {
    throw new DatabaseUnavailableError(`Cannot open ${description}: ${reason(error)}`);
  });
  return {
    prisma: new PrismaClient({ adapter: new PrismaPg(pool) }),
    embedded: true,
    description,
    rowsOf: async ({ text, values }) => (await pool.query<unknown[]>({ text, values, rowMode: "array" })).rows,
    // The embedded database has one connection, which is also its one session.
    async session() {
      await opened;
      return {
        query: async <Row>(sql: string, params?: unknown[]) => (await pool.query(sql, params)).rows as Row[],
        exec: async (script) => {
          await pool.query(script);
        },
        release: async () => {},
      };
    },
    // One process owns the embedded database: notifications cannot be missed.
    async listen(channel, listener) {
      await opened;
      const stop = embedded.onNotification((heard, payload) => {
        if (heard === channel) listener.notified(payload);
      });
      await embedded.listen(channel);
      listener.listening();
      return async () => stop();
    },
    backup: () => embedded.dumpDataDir(),
    async close() {
      await this.prisma.$disconnect();
      await embedded.close();
      releaseDataDir();
    },
  };
}

/** A short, human reason for a connection failure, without a stack. */
export function reason(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return reason(error.errors[0]);
  const code = (error as { code?: string } | null)?.code;
  const known: Record<string, string> = {
    ECONNREFUSED: "connection refused",
    ENOTFOUND: "host not found",
    EAI_AGAIN: "host name could not be resolved",
    ETIMEDOUT: "connection timed out",
    EHOSTUNREACH: "host unreachable",
    "28P01": "password authentication failed",
    "3D000": "the database does not exist",
  };
  if (code && known[code]) return known[code];
  return error instanceof Error ? error.message.split("\n")[0]! : String(error);
}

export function openDatabase(environment = readEnvironment()): Database {
  return environment.DATABASE_URL ? openPostgres(environment.DATABASE_URL, environment.DATABASE_POOL_SIZE) : openEmbedded(environment.DATA_DIR);
}

// Kept on globalThis: Next bundles instrumentation and routes separately, and
// dev-mode reloads re-evaluate modules; all must share one connection pool.
const globalKey = Symbol.for("roadmap-tracker.database");
const shutdownKey = Symbol.for("roadmap-tracker.shutdown");
type GlobalWithDatabase = typeof globalThis & { [globalKey]?: Database; [shutdownKey]?: () => Promise<void> };

export function currentDatabase(): Database {
  const holder = globalThis as GlobalWithDatabase;
  if (!holder[globalKey]) {
    holder[globalKey] = openDatabase();
    // The server (scripts/server.mjs) calls this once requests have drained on a stop signal.
    holder[shutdownKey] = closeDatabase;
  }
  return holder[globalKey];
}

/** The Prisma client for the `lib/` domain modules. */
export function db(): PrismaClient {
  return currentDatabase().prisma;
}

export async function closeDatabase(): Promise<void> {
  const holder = globalThis as GlobalWithDatabase;
  const current = holder[globalKey];
  delete holder[globalKey];
  await current?.close();
}
