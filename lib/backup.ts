import "server-only";
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { currentDatabase } from "./db";

// Backups of the embedded database. `npm run db:backup` asks the running
// tracker (which alone may open the data folder) by writing a request file
// and sending it SIGUSR2; the tracker copies the data folder from inside the
// database's own thread, consistent even while it works, and writes the file
// asked for. With no tracker running, the command opens the folder itself.

/** Where backup requests wait for the running tracker. */
export function backupRequestsFolder(dataDir: string): string {
  return path.join(path.resolve(dataDir), "backup-requests");
}

/** Writes a backup of the open embedded database to `file`, atomically (a reader never sees half a file). */
export async function writeBackup(file: string): Promise<number> {
  const backup = currentDatabase().backup;
  if (!backup) throw new Error("Backups are for the embedded database; on PostgreSQL use pg_dump (see the README)");
  const bytes = await backup();
  mkdirSync(path.dirname(file), { recursive: true });
  const partial = `${file}.partial`;
  writeFileSync(partial, bytes, { mode: 0o600 });
  renameSync(partial, file);
  return bytes.byteLength;
}

/** Carries out every waiting request: each names the file to write. Called on SIGUSR2 (scripts/server.mjs). */
export async function fulfilBackupRequests(dataDir: string): Promise<void> {
  const folder = backupRequestsFolder(dataDir);
  let requests: string[] = [];
  try {
    requests = readdirSync(folder).filter((name) => name.endsWith(".request"));
  } catch {
    return;
  }
  for (const name of requests) {
    const request = path.join(folder, name);
    try {
      const file = readFileSync(request, "utf8").trim();
      const size = await writeBackup(file);
      console.log(`Backup written: ${file} (${size} bytes)`);
    } catch (error) {
      writeFileSync(`${request}.failed`, error instanceof Error ? error.message : String(error));
      console.error(`Backup failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      rmSync(request, { force: true });
    }
  }
}
