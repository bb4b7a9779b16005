import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import path from "node:path";
import { nextCli, serverEnvironment } from "../../scripts/next-server.mjs";

const root = path.resolve(import.meta.dirname, "../..");

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

export type RunningTracker = { url: string; output: () => string; stop: () => Promise<void>; process: ChildProcess };

/** Spawns the built tracker (`next start`) with the given environment. */
export function spawnTracker(env: Record<string, string>, port: number): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, [nextCli, "start", "--port", String(port)], {
    cwd: root,
    // A fixed secret for test servers only; production requires its own AUTH_SECRET.
    env: serverEnvironment({ ...process.env, AUTH_SECRET: "test-only-secret-0123456789abcdef0123456789abcdef", ...env, NODE_ENV: "production" }),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  return { child, output: () => output };
}

/** Starts the built tracker (on `port`, or a free one) and waits until it answers on `/`. */
export async function startTracker(env: Record<string, string>, timeoutMs = 90_000, port?: number): Promise<RunningTracker> {
  port ??= await freePort();
  const { child, output } = spawnTracker(env, port);
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    await exited;
  };
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The tracker exited with ${child.exitCode}:\n${output()}`);
    try {
      const response = await fetch(url, { redirect: "manual" });
      if (response.status < 500) return { url, output, stop, process: child };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await stop();
  throw new Error(`The tracker did not answer within ${timeoutMs} ms:\n${output()}`);
}
