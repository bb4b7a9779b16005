import "server-only";
import { currentDatabase } from "./db";
import { readLocalMigrations } from "./migrations";
import { publicCacheStats } from "./public/page-cache.js";

// What load balancers and orchestrators ask: is the process up (/healthz), and
// may it take traffic (/readyz): the database answers, every migration this
// build carries is applied, and changes to public pages are being heard.

export type Readiness = {
  ready: boolean;
  database: "ok" | "unreachable";
  migrations: "ok" | "pending" | "unknown";
  changeFeed: "hearing" | "not hearing";
  cache: ReturnType<typeof publicCacheStats>;
};

let expectedMigrations: Promise<string[]> | undefined;

export async function readiness(): Promise<Readiness> {
  const cache = publicCacheStats();
  let database: Readiness["database"] = "ok";
  let migrations: Readiness["migrations"] = "unknown";
  try {
    expectedMigrations ??= readLocalMigrations().then((local) => local.map((migration) => migration.name));
    const applied = await currentDatabase().prisma.$queryRaw<{ migration_name: string }[]>`
      SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;
    const names = new Set(applied.map((row) => row.migration_name));
    migrations = (await expectedMigrations).every((name) => names.has(name)) ? "ok" : "pending";
  } catch {
    database = "unreachable";
  }
  const changeFeed = cache.hearing ? "hearing" : "not hearing";
  return { ready: database === "ok" && migrations === "ok" && cache.hearing, database, migrations, changeFeed, cache };
}
