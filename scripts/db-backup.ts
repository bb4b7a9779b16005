// npm run db:backup [FILE] — a consistent copy of the embedded database (a gzip tarball of its data
// folder), taken by the running tracker when there is one, else here. Default file: backups/tracker-<time>.tar.gz.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { backupRequestsFolder, writeBackup } from "../lib/backup";
import { closeDatabase, dataDirHolder, DatabaseUnavailableError } from "../lib/db";
import { readEnvironment } from "../lib/env";
import { startupFailure } from "../lib/startup";

const environment = readEnvironment();
const stamp = new Date().toISOString().replace(/[-:]/g, "").replace(/\..*/, "").replace("T", "-");
const file = path.resolve(process.argv[2] ?? path.join("backups", `tracker-${stamp}.tar.gz`));

async function askTheTracker(pid: number): Promise<void> {
  const folder = backupRequestsFolder(environment.DATA_DIR);
  mkdirSync(folder, { recursive: true });
  const request = path.join(folder, `${process.pid}-${Date.now()}.request`);
  writeFileSync(request, file);
  process.kill(pid, "SIGUSR2");
  const deadline = Date.now() + 10 * 60_000;
  while (Date.now() < deadline) {
    if (existsSync(`${request}.failed`)) throw new Error(`The tracker could not write the backup: ${readFileSync(`${request}.failed`, "utf8")}`);
    if (!existsSync(request) && existsSync(file)) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`The tracker (process ${pid}) did not write the backup within 10 minutes`);
}

try {
  if (environment.DATABASE_URL) {
    throw new DatabaseUnavailableError("db:backup copies the embedded database; for PostgreSQL use pg_dump -Fc (see the README, Deploying › Backups)");
  }
  const holder = dataDirHolder(environment.DATA_DIR);
  if (holder !== null) await askTheTracker(holder);
  else await writeBackup(file);
  console.log(`Backup written: ${path.relative(process.cwd(), file)}`);
} catch (error) {
  console.error(startupFailure(error) ?? `Cannot back up: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await closeDatabase();
}
