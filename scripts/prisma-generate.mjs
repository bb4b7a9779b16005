// Runs `prisma generate` without the native schema engine, which cannot be
// downloaded everywhere: generate never executes it, it only checks that the
// file named by PRISMA_SCHEMA_ENGINE_BINARY exists.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: "1" };
env.PRISMA_SCHEMA_ENGINE_BINARY ??= fileURLToPath(import.meta.url);
const result = spawnSync("npx", ["prisma", "generate"], { stdio: "inherit", env });
process.exit(result.status ?? 1);
