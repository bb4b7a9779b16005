// Builds the app when there is no build yet or a source file is newer than it,
// so `npm start` and `npm test` always run what is in the tree.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const sources = [
  "app",
  "components",
  "lib",
  "i18n",
  "messages",
  "public",
  "prisma/schema.prisma",
  "instrumentation.ts",
  "proxy.ts",
  "next.config.js",
  "package.json",
  "postcss.config.mjs",
];
const skipped = new Set(["generated", "node_modules"]);

function newestChange(target) {
  if (!existsSync(target)) return 0;
  const stats = statSync(target);
  if (!stats.isDirectory()) return stats.mtimeMs;
  let newest = stats.mtimeMs;
  for (const entry of readdirSync(target)) {
    if (!skipped.has(entry)) newest = Math.max(newest, newestChange(path.join(target, entry)));
  }
  return newest;
}

function run(script) {
  const result = spawnSync("node", [path.join(root, "scripts", script)], { stdio: "inherit", cwd: root });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

export function buildIfNeeded() {
  const client = path.join(root, "lib/generated/prisma/client.ts");
  if (newestChange(client) < newestChange(path.join(root, "prisma/schema.prisma"))) run("prisma-generate.mjs");
  const buildId = path.join(root, ".next", "BUILD_ID");
  const builtAt = existsSync(buildId) ? statSync(buildId).mtimeMs : 0;
  const changedAt = Math.max(...sources.map((source) => newestChange(path.join(root, source))));
  if (builtAt > changedAt) return;
  console.log(builtAt ? "Sources changed since the last build: building…" : "No build yet: building…");
  const result = spawnSync("npx", ["next", "build"], { stdio: "inherit", cwd: root });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
