import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll } from "vitest";
import { closeDatabase } from "@/lib/db";

export type TestDatabase = { kind: "pglite"; dataDir: string } | { kind: "postgres"; url: string; name: string };

/** A connection string for another database on the TEST_DATABASE_URL server. */
export function postgresUrl(database: string): string {
  const url = new URL(process.env.TEST_DATABASE_URL!);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function createScratchDatabase(): Promise<TestDatabase> {
  if (process.env.TEST_DB === "postgres") {
    const name = `tracker_test_${randomBytes(6).toString("hex")}`;
    const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    return { kind: "postgres", url: postgresUrl(name), name };
  }
  return { kind: "pglite", dataDir: await mkdtemp(path.join(tmpdir(), "tracker-test-")) };
}

export async function dropScratchDatabase(database: TestDatabase): Promise<void> {
  if (database.kind === "postgres") {
    const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${database.name}" WITH (FORCE)`);
    await admin.end();
  } else {
    await rm(database.dataDir, { recursive: true, force: true });
  }
}

/** Points the tracker's one database switch (DATABASE_URL / DATA_DIR) at a scratch database. */
export function selectDatabase(database: TestDatabase): void {
  if (database.kind === "postgres") {
    process.env.DATABASE_URL = database.url;
  } else {
    delete process.env.DATABASE_URL;
    process.env.DATA_DIR = database.dataDir;
  }
}

/**
 * Gives the test file its own fresh, empty database, selected the way the
 * tracker selects it, and removes it afterwards. The returned object is
 * filled in before the file's tests run.
 */
export function freshDatabasePerFile(): { current: TestDatabase } {
  const holder = {} as { current: TestDatabase };
  beforeAll(async () => {
    holder.current = await createScratchDatabase();
    selectDatabase(holder.current);
  });
  afterAll(async () => {
    await closeDatabase();
    if (holder.current) await dropScratchDatabase(holder.current);
  });
  return holder;
}
