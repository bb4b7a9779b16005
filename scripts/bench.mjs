// npm run bench — runs every benchmark in scripts/bench/ in name order and
// prints their figures. Benchmarks measure; they never fail a build.
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import path from "node:path";
import { buildIfNeeded } from "./build-if-needed.mjs";

const dir = path.join(import.meta.dirname, "bench");
const only = process.argv[2];
const benchmarks = readdirSync(dir)
  .filter((file) => /\.bench\.(mjs|ts)$/.test(file) && (!only || file.includes(only)))
  .sort();
if (benchmarks.length === 0) {
  console.error(only ? `No benchmark matches "${only}"` : "No benchmarks in scripts/bench/");
  process.exit(1);
}
buildIfNeeded();
let failed = false;
for (const file of benchmarks) {
  console.log(`\n# ${file}`);
  const runner = file.endsWith(".ts") ? ["npx", ["tsx", "--conditions=react-server", path.join(dir, file)]] : ["node", [path.join(dir, file)]];
  const result = spawnSync(runner[0], runner[1], { stdio: "inherit" });
  failed ||= result.status !== 0;
}
process.exit(failed ? 1 : 0);
