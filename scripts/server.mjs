// The tracker's HTTP server: Next's request handler behind Node's own server,
// so that what Next cannot do for itself is done before it sees a request,
// and a stop signal drains instead of cutting:
// - the client's address comes from the socket, or from X-Forwarded-For only
//   through the proxies named in TRUSTED_PROXIES (lib/http/client-address.js);
// - an address whose percent-encoding is broken, or a body over the limit, is
//   refused with a page in the visitor's language (lib/http/refusals.js);
// - SIGTERM or SIGINT stops accepting connections, lets requests in flight
//   finish (up to SHUTDOWN_TIMEOUT_SECONDS, for long exports), closes the
//   database and exits 0.
// Started by npm start, the end-to-end tests and the benchmarks (scripts/next-server.mjs).
import http from "node:http";
import path from "node:path";
import next from "next";
import { clientAddress, trustedProxies } from "../lib/http/client-address.js";
import { isReadablePath, refusal } from "../lib/http/refusals.js";
import { isHttps } from "../lib/security-headers.js";

// As `next start` does: the built tracker runs in production mode.
process.env.NODE_ENV ??= "production";
const root = path.resolve(import.meta.dirname, "..");
const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOSTNAME?.trim() || undefined;
const shutdownSeconds = Number(process.env.SHUTDOWN_TIMEOUT_SECONDS ?? 30);
/** The largest body any request may have: the bulk import's 5 MB file with its form (lib/import/limits.ts, next.config.js). */
const maxBodyMegabytes = 6;

let trusted;
try {
  trusted = trustedProxies(process.env.TRUSTED_PROXIES);
} catch (error) {
  console.error(`Cannot start the tracker: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

const app = next({ dev: false, dir: root, port, hostname: hostname ?? "localhost" });
await app.prepare();
const handle = app.getRequestHandler();

let stopping = false;
let inFlight = 0;
const drained = new Set();

function answer(response, { status, headers, body }) {
  response.writeHead(status, { ...headers, "Content-Length": Buffer.byteLength(body), ...(stopping ? { Connection: "close" } : {}) });
  response.end(body);
}

const server = http.createServer((request, response) => {
  inFlight++;
  response.once("close", () => {
    inFlight--;
    for (const resolve of drained) resolve();
  });
  // While draining, every answer closes its connection so keep-alive clients move to another instance.
  if (stopping) response.setHeader("Connection", "close");
  const target = request.url ?? "/";
  const https = isHttps(new URL("http://tracker.invalid"), new Headers({ "x-forwarded-proto": String(request.headers["x-forwarded-proto"] ?? "") }));
  if (!isReadablePath(target)) return answer(response, refusal({ target, status: 400, https }));
  if (Number(request.headers["content-length"] ?? 0) > maxBodyMegabytes * 1024 * 1024) {
    request.resume();
    return answer(response, refusal({ target, status: 413, https, limitMegabytes: maxBodyMegabytes }));
  }
  // The one address every part of the tracker reads (the sign-in lock-out among them).
  const address = clientAddress(request.socket.remoteAddress, request.headers["x-forwarded-for"], trusted);
  request.headers["x-forwarded-for"] = address;
  handle(request, response);
});
server.keepAliveTimeout = 65_000;

server.listen(port, hostname, () => {
  console.log(`Tracker listening on http://${hostname ?? "localhost"}:${port}`);
});
server.on("error", (error) => {
  console.error(`Cannot start the tracker: ${error.message}`);
  process.exit(1);
});

async function stop(signal) {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: no new connections; finishing ${inFlight} request(s) in flight`);
  server.close();
  server.closeIdleConnections();
  const deadline = Date.now() + shutdownSeconds * 1000;
  while (inFlight > 0 && Date.now() < deadline) {
    await new Promise((resolve) => {
      drained.add(resolve);
      setTimeout(resolve, 250);
    }).finally(() => drained.clear());
  }
  if (inFlight > 0) console.log(`${inFlight} request(s) still running after ${shutdownSeconds} s: closing them`);
  server.closeAllConnections();
  // The data layer registers how to close the database (lib/db.ts); it is not loaded here.
  await globalThis[Symbol.for("roadmap-tracker.shutdown")]?.().catch((error) => console.error(error));
  await app.close?.();
  process.exit(0);
}

for (const signal of ["SIGTERM", "SIGINT"]) process.on(signal, () => void stop(signal));
// Started by `npm start` (scripts/start.mjs): if that process is killed outright, this one stops too
// rather than keep the port and the database as an orphan.
if (process.env.TRACKER_PARENT_PID) {
  const parent = Number(process.env.TRACKER_PARENT_PID);
  setInterval(() => {
    if (process.ppid !== parent) void stop("parent process gone");
  }, 1000).unref();
}
// `npm run db:backup` (lib/backup.ts): the embedded database is copied by the process that holds it.
process.on("SIGUSR2", () => void globalThis[Symbol.for("roadmap-tracker.backup")]?.());
