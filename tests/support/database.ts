import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";
import { closeDatabase, db } from "@/lib/db";
import { seedRoadmap } from "@/lib/seed";
import { migrateDatabase } from "@/lib/startup";
import { scratchPostgres, sql } from "../../scripts/tracker-process.mjs";

export type TestDatabase = { kind: "pglite"; dataDir: string } | { kind: "postgres"; url: string; name: string };

/** A connection string for another database on the TEST_DATABASE_URL server. */
export function postgresUrl(database: string): string {
  const url = new URL(process.env.TEST_DATABASE_URL!);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function createScratchDatabase(): Promise<TestDatabase> {
  if (process.env.TEST_DB === "postgres") {
    const { url, name } = await scratchPostgres(process.env.TEST_DATABASE_URL!, "tracker_test");
    return { kind: "postgres", url, name };
  }
  return { kind: "pglite", dataDir: await mkdtemp(path.join(tmpdir(), "tracker-test-")) };
}

export async function dropScratchDatabase(database: TestDatabase): Promise<void> {
  if (database.kind === "postgres") {
    await sql(process.env.TEST_DATABASE_URL!, `DROP DATABASE IF EXISTS "${database.name}" WITH (FORCE)`);
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

/** Migrates and seeds the selected database with the Road Map, as a first start does. */
export async function migrateAndSeed(): Promise<void> {
  await migrateDatabase(() => {});
  await seedRoadmap(db());
}

/** `freshDatabasePerFile`, migrated and loaded with the Road Map before the file's own set-up runs. */
export function seededDatabasePerFile(): { current: TestDatabase } {
  const holder = freshDatabasePerFile();
  beforeAll(migrateAndSeed);
  return holder;
}
