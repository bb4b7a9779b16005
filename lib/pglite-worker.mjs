// Runs anywhere Node runs: a worker thread that lib/embedded-postgres.ts
// starts, loaded by Node at run time outside Next's bundles.
// The embedded database's own thread. This worker owns PGlite, so its
// WebAssembly never runs on the server thread, and serves it on a Unix socket
// with @electric-sql/pglite-socket: the server thread reaches it with the
// ordinary `pg` driver, exactly as it reaches a real PostgreSQL.
//
// Plain JavaScript (not TypeScript) on purpose: Next does not bundle it, and
// Node 22.12 (allowed by package.json "engines") cannot run .ts files.
//
// workerData: { dataDir, socketPath, loadDataDir? }
// Messages from the main thread: { id, op: "dump" | "close" }
// Replies: { id, ok: true, result } | { id, ok: false, error: { message, stack } }
// Events:  { type: "ready" } | { type: "failed", error }
import { chmodSync, rmSync } from "node:fs";
import { parentPort, workerData } from "node:worker_threads";
import { PGlite } from "@electric-sql/pglite";
import { unaccent } from "@electric-sql/pglite/contrib/unaccent";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

const extensions = { unaccent };
/** @type {{ dataDir: string, socketPath: string, loadDataDir?: Uint8Array<ArrayBuffer> }} */
const { dataDir, socketPath, loadDataDir } = workerData;
const port = /** @type {import("node:worker_threads").MessagePort} */ (parentPort);

/** @param {unknown} error */
const plain = (error) => ({ message: String(/** @type {Error} */ (error)?.message ?? error), stack: /** @type {Error} */ (error)?.stack });

/** @type {PGlite} */
let db;
/** @type {PGLiteSocketServer} */
let server;
/** @type {Promise<void> | null} */
let closing = null;

async function open() {
  db = await PGlite.create(dataDir, {
    extensions,
    // Only used to create a new data directory from a dumpDataDir() tarball.
    loadDataDir: loadDataDir ? new Blob([loadDataDir]) : undefined,
  });
  rmSync(socketPath, { force: true }); // left by a process that was killed
  server = new PGLiteSocketServer({
    db,
    path: socketPath,
    // ONE connection, never more. pglite-socket multiplexes connections onto
    // PGlite's single session message by message: a second connection's Parse
    // can run between another's Parse and Bind and silently execute the wrong
    // statement (see REPORT.md). A second client is refused.
    maxConnections: 1,
  });
  await server.start();
  chmodSync(socketPath, 0o600); // no password is asked: only this user may connect
}

/**
 * A gzip tarball of PGDATA. PGlite takes its query lock, so no statement runs
 * while the files are read; a transaction may still be open (its changes are
 * not committed, and recovery discards them when the copy is opened).
 */
async function dump() {
  const file = await db.dumpDataDir("gzip");
  return new Uint8Array(await file.arrayBuffer());
}

async function close() {
  closing ??= (async () => {
    // Stops listening and drops the connection; pglite-socket rolls back a
    // transaction the connection left open (e.g. an import cut by SIGTERM).
    await server?.stop();
    if (db && !db.closed) {
      // Nobody else can reach the session now: safe to run SQL here.
      await db.exec("CHECKPOINT").catch(() => {});
      await db.close();
    }
    rmSync(socketPath, { force: true });
  })();
  return closing;
}

/** @type {Record<string, () => Promise<unknown>>} */
const operations = { dump, close };

port.on("message", async (/** @type {{ id: number, op: string }} */ { id, op }) => {
  try {
    const operation = operations[op];
    if (!operation) throw new Error(`unknown operation ${op}`);
    const result = await operation();
    const transfer = result instanceof Uint8Array ? [/** @type {ArrayBuffer} */ (result.buffer)] : [];
    port.postMessage({ id, ok: true, result }, transfer);
    if (op === "close") port.close(); // lets the worker end
  } catch (error) {
    port.postMessage({ id, ok: false, error: plain(error) });
  }
});

open().then(
  () => port.postMessage({ type: "ready" }),
  (error) => port.postMessage({ type: "failed", error: plain(error) }),
);
