import { cp, mkdtemp, mkdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { currentDatabase, openDatabase, type SqlSession } from "@/lib/db";
import { applyMigrations, defaultMigrationsDir, MigrationError, readLocalMigrations } from "@/lib/migrations";
import { createScratchDatabase, dropScratchDatabase, freshDatabasePerFile } from "../support/database";

const fresh = freshDatabasePerFile();

async function withSession<T>(work: (session: SqlSession) => Promise<T>): Promise<T> {
  const session = await currentDatabase().session();
  try {
    return await work(session);
  } finally {
    await session.release();
  }
}

type Row = {
  id: string;
  checksum: string;
  migration_name: string;
  started_at: Date;
  finished_at: Date | null;
  rolled_back_at: Date | null;
  logs: string | null;
  applied_steps_count: number;
};

const records = (session: SqlSession) => session.query<Row>(`SELECT * FROM "_prisma_migrations" ORDER BY migration_name`);

/** A copy of the project's migrations that a test may change. */
async function migrationsCopy(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "tracker-migrations-"));
  await cp(defaultMigrationsDir, dir, { recursive: true });
  return dir;
}

describe("migrations", () => {
  it("builds the schema on an empty database and records each migration as Prisma does", async () => {
    const local = await readLocalMigrations();
    expect(local.length).toBeGreaterThan(0);
    await withSession(async (session) => {
      expect(await applyMigrations(session, local)).toEqual(local.map((migration) => migration.name));
      const tables = await session.query<{ table_name: string }>(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY table_name`,
      );
      expect(tables.map((table) => table.table_name)).toEqual(
        expect.arrayContaining(["Roadmap", "Pillar", "Milestone", "ProgressUpdate", "User", "AuditEvent", "_prisma_migrations"]),
      );
      const rows = await records(session);
      expect(rows.map((row) => row.migration_name)).toEqual(local.map((migration) => migration.name));
      for (const row of rows) {
        const sql = await readFile(path.join(defaultMigrationsDir, row.migration_name, "migration.sql"));
        expect(row.checksum).toBe(createHash("sha256").update(sql).digest("hex"));
        expect(row.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
        expect(row.finished_at).not.toBeNull();
        expect(row.finished_at!.getTime()).toBeGreaterThanOrEqual(row.started_at.getTime());
        expect(row.rolled_back_at).toBeNull();
        expect(row.logs).toBeNull();
        expect(row.applied_steps_count).toBe(1);
      }
    });
  });

  it("applies nothing the second time", async () => {
    await withSession(async (session) => {
      const before = await records(session);
      expect(await applyMigrations(session, await readLocalMigrations())).toEqual([]);
      expect(await records(session)).toEqual(before);
    });
  });

  it("refuses to start when an applied migration's file was changed", async () => {
    const dir = await migrationsCopy();
    const [first] = await readLocalMigrations(dir);
    await writeFile(path.join(dir, first!.name, "migration.sql"), `${first!.sql}\n-- edited later\n`);
    await withSession(async (session) => {
      const attempt = applyMigrations(session, await readLocalMigrations(dir));
      await expect(attempt).rejects.toThrow(MigrationError);
      await expect(attempt).rejects.toThrow(`Migration ${first!.name} was changed after it was applied`);
    });
  });

  it("rolls back a failing migration completely and names it", async () => {
    const dir = await migrationsCopy();
    await mkdir(path.join(dir, "29990101000000_broken"));
    await writeFile(
      path.join(dir, "29990101000000_broken", "migration.sql"),
      `CREATE TABLE "HalfDone" ("id" INTEGER);\nALTER TABLE "NoSuchTable" ADD COLUMN "x" INTEGER;\n`,
    );
    await withSession(async (session) => {
      const attempt = applyMigrations(session, await readLocalMigrations(dir));
      await expect(attempt).rejects.toThrow(/Migration 29990101000000_broken failed and was rolled back: .*NoSuchTable/);
      const halfDone = await session.query(`SELECT 1 FROM information_schema.tables WHERE table_name = 'HalfDone'`);
      expect(halfDone).toHaveLength(0);
      const rows = await records(session);
      expect(rows.map((row) => row.migration_name)).not.toContain("29990101000000_broken");
    });
  });
});

describe.runIf(process.env.TEST_DB === "postgres")("two instances starting together", () => {
  it("migrate once: the second waits for Prisma's advisory lock", async () => {
    const scratch = await createScratchDatabase();
    if (scratch.kind !== "postgres") throw new Error("postgres only");
    const environment = { DATA_DIR: ".data", DATABASE_POOL_SIZE: 2, DATABASE_URL: scratch.url };
    const instances = [openDatabase(environment), openDatabase(environment), openDatabase(environment)];
    try {
      const [holder, first, second] = await Promise.all(instances.map((instance) => instance.session()));
      // Someone (Prisma's CLI, another instance) holds the lock: nobody may migrate yet.
      await holder!.query("SELECT pg_advisory_lock(72707369)");
      const local = await readLocalMigrations();
      let settled = false;
      const runs = Promise.all([applyMigrations(first!, local), applyMigrations(second!, local)]).finally(() => {
        settled = true;
      });
      await new Promise((resolve) => setTimeout(resolve, 750));
      expect(settled).toBe(false);
      await holder!.query("SELECT pg_advisory_unlock(72707369)");
      const [appliedByFirst, appliedBySecond] = await runs;
      expect([...appliedByFirst, ...appliedBySecond].sort()).toEqual(local.map((migration) => migration.name));
      const rows = await holder!.query<{ migration_name: string }>(`SELECT migration_name FROM "_prisma_migrations"`);
      expect(rows).toHaveLength(local.length);
      await Promise.all([holder, first, second].map((session) => session!.release()));
    } finally {
      await Promise.all(instances.map((instance) => instance.close()));
      await dropScratchDatabase(scratch);
    }
  });
});

describe.runIf(process.env.TEST_DB === "pglite")("the embedded database's folder", () => {
  it("is refused to a second process while the first has it open", async () => {
    const { spawnSync } = await import("node:child_process");
    await withSession(async (session) => session.query("SELECT 1"));
    const dataDir = fresh.current.kind === "pglite" ? fresh.current.dataDir : "";
    const result = spawnSync("npx", ["tsx", "--conditions=react-server", "scripts/db-migrate.ts"], {
      env: { ...process.env, DATABASE_URL: "", DATA_DIR: dataDir },
      encoding: "utf8",
    });
    expect(result.status).not.toBe(0);
    expect(result.stderr.trim()).toMatch(new RegExp(`^Cannot start the tracker: The embedded PostgreSQL in .* is in use by process ${process.pid}`));
  });

  it("is not blocked by a lock file naming some other live process, or a pid written by hand", async () => {
    const { spawnSync } = await import("node:child_process");
    const dataDir = await mkdtemp(path.join(tmpdir(), "tracker-stale-lock-"));
    for (const stale of [JSON.stringify({ pid: 1, started: "1" }), String(process.pid), JSON.stringify({ pid: process.ppid, started: "0" })]) {
      await writeFile(path.join(dataDir, "tracker.pid"), stale);
      const result = spawnSync("npx", ["tsx", "--conditions=react-server", "scripts/db-migrate.ts"], {
        env: { ...process.env, DATABASE_URL: "", DATA_DIR: dataDir },
        encoding: "utf8",
      });
      expect(result.stderr, stale).toBe("");
      expect(result.status, stale).toBe(0);
    }
  });
});
