// npm start — builds if needed, then serves the tracker (http://localhost:3000 unless PORT is set).
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { buildIfNeeded } from "./build-if-needed.mjs";
import { serverEnvironment, serverScript } from "./next-server.mjs";

/**
 * The embedded database serves one process on one machine, so a first start
 * needs no configuration: its session secret is generated once and kept beside
 * the data. With DATABASE_URL (a deployment, perhaps of several instances)
 * AUTH_SECRET must be set, and the server refuses to start without it.
 */
function embeddedAuthSecret() {
  const dataDir = path.resolve(process.env.DATA_DIR?.trim() || ".data");
  const file = path.join(dataDir, "auth-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, secret, { mode: 0o600 });
  console.log(`AUTH_SECRET is not set: generated one for the embedded database in ${path.relative(process.cwd(), file)}`);
  return secret;
}

buildIfNeeded();
const env = { ...process.env };
if (!env.AUTH_SECRET?.trim() && !env.DATABASE_URL?.trim()) env.AUTH_SECRET = embeddedAuthSecret();
const server = spawn(process.execPath, [serverScript], {
  stdio: "inherit",
  env: serverEnvironment({ ...env, PORT: env.PORT ?? "3000", TRACKER_PARENT_PID: String(process.pid) }),
});
// A stop signal goes to the server, which drains and exits 0; this process then exits with it.
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(signal, () => server.kill(signal === "SIGHUP" ? "SIGTERM" : signal));
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
