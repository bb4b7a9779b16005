// npm run db:restore FILE — replaces the embedded database with a backup from `npm run db:backup`.
// The tracker must be stopped. The data folder it replaces is kept beside it (pgdata.before-restore-<time>).
import { existsSync, readFileSync, renameSync, rmSync } from "node:fs";
import path from "node:path";
import { dataDirHolder } from "../lib/db";
import { openEmbeddedPostgres } from "../lib/embedded-postgres";
import { readEnvironment } from "../lib/env";

const environment = readEnvironment();
const file = process.argv[2];

function stop(message: string): never {
  console.error(`Cannot restore: ${message}`);
  process.exit(1);
}

if (!file) stop("name the backup file: npm run db:restore backups/tracker-….tar.gz");
if (environment.DATABASE_URL) stop("db:restore is for the embedded database; for PostgreSQL use pg_restore (see the README, Deploying › Backups)");
if (!existsSync(file)) stop(`there is no file ${file}`);
const bytes = new Uint8Array(readFileSync(file));
if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) stop(`${file} is not a backup from npm run db:backup (a gzip tarball)`);
const holder = dataDirHolder(environment.DATA_DIR);
if (holder !== null) stop(`the tracker (process ${holder}) has the database open; stop it first`);

const dataDir = path.resolve(environment.DATA_DIR);
const live = path.join(dataDir, "pgdata");
const restoring = path.join(dataDir, "pgdata.restoring");
rmSync(restoring, { recursive: true, force: true });
const restored = openEmbeddedPostgres({ dataDir: restoring, loadDataDir: bytes, workerFile: path.join(process.cwd(), "lib", "pglite-worker.mjs") });
try {
  await restored.ready;
  // A backup of this tracker has its migrations: anything else is refused before the data is swapped.
  const { rows } = await restored.pool.query<{ n: string }>(`SELECT count(*) AS n FROM "_prisma_migrations"`);
  console.log(`The backup holds ${rows[0]?.n ?? 0} applied migrations`);
} catch (error) {
  await restored.close();
  rmSync(restoring, { recursive: true, force: true });
  stop(`${file} could not be opened as the tracker's database (${error instanceof Error ? error.message : String(error)})`);
}
await restored.close();
if (existsSync(live)) {
  const kept = `${live}.before-restore-${new Date().toISOString().replace(/[-:]/g, "").replace(/\..*/, "")}`;
  renameSync(live, kept);
  console.log(`The data it replaces is kept in ${path.relative(process.cwd(), kept)}`);
}
renameSync(restoring, live);
console.log(`Restored ${file}: start the tracker again (npm start)`);
