import { execFileSync, spawnSync } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDatabase, db } from "@/lib/db";
import { prepareDatabase } from "@/lib/startup";
import { scratchPostgres, startTracker } from "../../scripts/tracker-process.mjs";
import { addProgressUpdate } from "../support/builders";
import { migrateAndSeed } from "../support/database";

// A backup restores the history exactly as it was: every progress update and
// audit event, with their ids and times, and nothing written after it.

const root = path.resolve(import.meta.dirname, "../..");
let workDir: string;

beforeAll(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), "tracker-backups-"));
});
afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

/** The history as stored, in a stable order. */
async function history() {
  const [updates, events, milestones] = await Promise.all([
    db().progressUpdate.findMany({ orderBy: { id: "asc" } }),
    db().auditEvent.findMany({ orderBy: { id: "asc" } }),
    db().milestone.findMany({ orderBy: { id: "asc" }, select: { slug: true, status: true, progress: true, version: true, archivedAt: true } }),
  ]);
  return { updates, events, milestones };
}

/** Opens the embedded database in this process for `work`, as a script would while the tracker is stopped. */
async function withEmbedded<Result>(dataDir: string, work: () => Promise<Result>): Promise<Result> {
  delete process.env.DATABASE_URL;
  process.env.DATA_DIR = dataDir;
  try {
    return await work();
  } finally {
    await closeDatabase();
  }
}

const npmRun = (script: string, args: string[], env: Record<string, string>) =>
  spawnSync("npm", ["run", "-s", script, "--", ...args], { cwd: root, env: { ...process.env, ...env }, encoding: "utf8" });

describe("the embedded database's backups", () => {
  it("are taken from the running tracker and restore the history exactly as it was", async () => {
    const dataDir = path.join(workDir, "embedded");
    const file = path.join(workDir, "tracker.tar.gz");
    const env = { DATABASE_URL: "", DATA_DIR: dataDir };
    const before = await withEmbedded(dataDir, async () => {
      // As a first start does, first administrator included, so the tracker started below writes nothing of its own.
      await prepareDatabase(() => {});
      const milestone = await db().milestone.findFirstOrThrow({ where: { slug: "visa-exemption-reintroduction-2026" } });
      await addProgressUpdate(milestone, { note: "Recorded before the backup" });
      return history();
    });

    const tracker = await startTracker({ ...env, ADMIN_EMAIL: "", ADMIN_PASSWORD: "" });
    try {
      const backup = npmRun("db:backup", [file], env);
      expect(backup.stderr).toBe("");
      expect(backup.stdout).toContain("Backup written");
      // Written by the tracker, which holds the database, not by the command.
      await expect.poll(() => tracker.output()).toContain(`Backup written: ${file}`);
      const refused = npmRun("db:restore", [file], env);
      expect(refused.status).not.toBe(0);
      expect(refused.stderr).toContain("has the database open; stop it first");
    } finally {
      await tracker.stop();
    }

    await withEmbedded(dataDir, async () => {
      const milestone = await db().milestone.findFirstOrThrow({ where: { slug: "visa-exemption-reintroduction-2026" } });
      await addProgressUpdate(milestone, { note: "Recorded after the backup" });
      await db().milestone.update({ where: { id: milestone.id }, data: { archivedAt: new Date() } });
    });
    const restore = npmRun("db:restore", [file], env);
    expect(restore.stderr).toBe("");
    expect(restore.status).toBe(0);
    expect(await withEmbedded(dataDir, history)).toEqual(before);
  });

  it("refuse a file that is not a backup, naming it", () => {
    const notBackup = path.join(root, "package.json");
    const refused = npmRun("db:restore", [notBackup], { DATABASE_URL: "", DATA_DIR: path.join(workDir, "other") });
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toContain("is not a backup from npm run db:backup");
  });
});

describe.runIf(process.env.TEST_DATABASE_URL)("PostgreSQL backups, as the README says to take them", () => {
  it("restore with pg_restore the history a pg_dump took", async () => {
    const database = await scratchPostgres(process.env.TEST_DATABASE_URL!, "tracker_e2e_backup");
    const file = path.join(workDir, "tracker.dump");
    try {
      process.env.DATABASE_URL = database.url;
      await migrateAndSeed();
      const before = await history();
      execFileSync("pg_dump", ["--format=custom", `--file=${file}`, database.url]);
      const milestone = await db().milestone.findFirstOrThrow({ orderBy: { id: "asc" } });
      await addProgressUpdate(milestone, { note: "Recorded after the backup" });
      await closeDatabase();
      execFileSync("pg_restore", ["--clean", "--if-exists", "--no-owner", `--dbname=${database.url}`, file]);
      expect(await history()).toEqual(before);
    } finally {
      await closeDatabase();
      delete process.env.DATABASE_URL;
      await database.drop();
    }
  });
});
