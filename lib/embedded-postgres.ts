import "server-only";
// Server-thread side of the embedded database: starts lib/pglite-worker.mjs
// (PGlite on its own thread, served on a private Unix socket) and gives back
// an ordinary pg.Pool to it, for @prisma/adapter-pg and for raw queries: the
// embedded database then goes through the same driver code as PostgreSQL.
import { EventEmitter } from "node:events";
import { createHash } from "node:crypto";
import { lstatSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Worker } from "node:worker_threads";
import pg from "pg";

/** PostgreSQL's socket file name in `host` directory for `port` (what libpq and pg look for). */
const PORT = 5432;

export interface EmbeddedPostgresOptions {
  /** PGDATA directory (created on first start). */
  dataDir: string;
  /** Creates a new dataDir from a dumpDataDir() tarball (restore). */
  loadDataDir?: Uint8Array;
  /** The worker module; give an absolute path when bundled (Next). */
  workerFile?: string | URL;
  /** Called if the worker stops without close() (a crash): the process should exit. */
  onUnexpectedExit?: (code: number) => void;
}

export interface EmbeddedPostgres {
  /** One connection to the embedded database; hand it to PrismaPg and use it for rowsOf. */
  pool: pg.Pool;
  /** Resolves once the worker serves the socket; the pool waits for it by itself. */
  ready: Promise<void>;
  /** Runs `LISTEN channel` (again after any reconnection). */
  listen(channel: string): Promise<void>;
  /** Every NOTIFY on a listened channel, after its transaction commits. */
  onNotification(callback: (channel: string, payload: string) => void): () => void;
  /** gzip tarball of the data directory; restore with `loadDataDir`. */
  dumpDataDir(): Promise<Uint8Array>;
  /** Rolls back what is open, checkpoints, closes PGlite, ends the worker. */
  close(): Promise<void>;
  worker: Worker;
}

/**
 * pg-pool's own query() discards its connection after any query error and
 * reconnects at once. The worker allows exactly one connection, and the
 * reconnect would race the old socket's clean-up there (refused: EPIPE). A
 * query error leaves a PostgreSQL connection usable, so this pool keeps it;
 * and it waits for the worker before its first connection.
 */
class EmbeddedPool extends pg.Pool {
  #ready: Promise<void>;
  constructor(config: pg.PoolConfig, ready: Promise<void>) {
    super(config);
    this.#ready = ready;
    // pg-pool's query() without the connection drop on error
    this.query = (async (text: string | pg.QueryConfig, values?: unknown[]) => {
      const client = await this.connect();
      try {
        return await client.query(text as pg.QueryConfig, values);
      } finally {
        client.release();
      }
    }) as pg.Pool["query"];
  }
  connect(): Promise<pg.PoolClient>;
  connect(callback: (err: Error | undefined, client: pg.PoolClient | undefined, done: (release?: unknown) => void) => void): void;
  connect(callback?: (err: Error | undefined, client: pg.PoolClient | undefined, done: (release?: unknown) => void) => void) {
    const connected = this.#ready.then(() => super.connect());
    if (!callback) return connected;
    connected.then(
      (client) => callback(undefined, client, (release) => client.release(release as Error | undefined)),
      (error: Error) => callback(error, undefined, () => {}),
    );
  }
}

const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * A short private directory for the socket: Unix socket paths are limited to
 * 107 bytes (DATA_DIR may be deeper). One name per data directory, so a
 * process killed with -9 leaves no new litter (the next start reuses it); used
 * only if it is ours and mode 0700, else a fresh mkdtemp directory.
 */
function socketDirectory(dataDir: string): string {
  const dir = path.join(os.tmpdir(), `tracker-db-${createHash("sha256").update(path.resolve(dataDir)).digest("hex").slice(0, 16)}`);
  try {
    mkdirSync(dir, { mode: 0o700 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  const stat = lstatSync(dir);
  const ours = stat.isDirectory() && (stat.mode & 0o077) === 0 && (process.getuid === undefined || stat.uid === process.getuid());
  return ours ? dir : mkdtempSync(path.join(os.tmpdir(), "tracker-db-"));
}

export function openEmbeddedPostgres(options: EmbeddedPostgresOptions): EmbeddedPostgres {
  const socketDir = socketDirectory(options.dataDir);
  const socketPath = path.join(socketDir, `.s.PGSQL.${PORT}`);
  // Not `import { Worker }`: Turbopack (Next 16) rewrites `new Worker(...)` of
  // that import into its own worker bundling, which breaks this worker (it
  // must load @electric-sql/pglite from node_modules at run time).
  const { Worker } = process.getBuiltinModule("node:worker_threads");
  const worker = new Worker(options.workerFile ?? new URL("./pglite-worker.mjs", import.meta.url), {
    workerData: { dataDir: options.dataDir, socketPath, loadDataDir: options.loadDataDir },
    transferList: options.loadDataDir ? [options.loadDataDir.buffer as ArrayBuffer] : [],
    stdin: false,
  });

  let closing = false;
  let nextId = 1;
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  const events = new EventEmitter();
  const channels = new Set<string>();

  const exited = new Promise<number>((resolve) => {
    worker.once("exit", (code) => {
      const error = new Error(`The embedded database has stopped (worker exit code ${code})`);
      for (const p of pending.values()) p.reject(error);
      pending.clear();
      rmSync(socketDir, { recursive: true, force: true });
      if (!closing) options.onUnexpectedExit?.(code);
      resolve(code);
    });
  });
  const ready = new Promise<void>((resolve, reject) => {
    worker.once("error", reject);
    exited.then((code) => reject(new Error(`The embedded database did not start (worker exit code ${code})`)));
    worker.on("message", (message) => {
      if (message.type === "ready") resolve();
      else if (message.type === "failed") reject(Object.assign(new Error(message.error.message), { stack: message.error.stack }));
      else if (typeof message.id === "number") {
        const p = pending.get(message.id);
        pending.delete(message.id);
        if (message.ok) p?.resolve(message.result);
        else p?.reject(Object.assign(new Error(message.error.message), { workerStack: message.error.stack }));
      }
    });
  });
  ready.catch(() => {}); // reported to whoever awaits the pool or `ready`
  worker.on("error", (error) => console.error("The embedded database failed:", error));

  // Asked only once the worker has opened the database.
  const call = async <T>(op: string): Promise<T> => {
    await ready;
    return new Promise<T>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      worker.postMessage({ id, op });
    });
  };

  const pool = new EmbeddedPool(
    {
      host: socketDir,
      port: PORT,
      user: "postgres",
      database: "postgres",
      max: 1, // never more: see lib/pglite-worker.mjs
      idleTimeoutMillis: 0, // keep the one connection (a close/reopen races the server's clean-up)
      // 0 waits as long as the database is busy (PGlite runs one thing at a
      // time: during a long import every other query waits for it anyway).
      connectionTimeoutMillis: 0,
    },
    ready,
  );
  pool.on("error", (error) => {
    if (!closing) console.error(`embedded database connection: ${error.message}`);
  });
  // PGlite is one session: LISTEN holds for it whatever connection ran it, and
  // NOTIFY arrives on the connection that is running when the commit ends.
  pool.on("connect", (client) => {
    client.on("notification", (message) => events.emit("notification", message.channel, message.payload ?? ""));
    for (const channel of channels) client.query(`LISTEN ${quoteIdent(channel)}`).catch(() => {});
  });

  return {
    pool,
    ready,
    worker,
    async listen(channel) {
      channels.add(channel);
      await pool.query(`LISTEN ${quoteIdent(channel)}`);
    },
    onNotification(callback) {
      events.on("notification", callback);
      return () => events.off("notification", callback);
    },
    dumpDataDir: () => call<Uint8Array>("dump"),
    async close() {
      if (closing) return void (await exited);
      closing = true;
      // Worker first: it drops the connection (rolling back an open
      // transaction), so pool.end() does not wait for a long import to finish.
      await call("close").catch(() => {});
      await pool.end().catch(() => {});
      await exited;
    },
  };
}
