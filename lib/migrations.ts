import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { SqlSession } from "./db";

// Applies prisma/migrations/* the way `prisma migrate deploy` does, and records
// them in the same `_prisma_migrations` table, so Prisma's CLI agrees with us on
// any machine that has its native engine.

/** Prisma's own advisory-lock key: this runner and `prisma migrate` exclude each other too. */
export const PRISMA_ADVISORY_LOCK_KEY = 72707369;

export const defaultMigrationsDir = path.join(process.cwd(), "prisma", "migrations");

/** A migration problem that stops start-up; `message` names the migration and the reason. */
export class MigrationError extends Error {}

export type LocalMigration = { name: string; sql: string; checksum: string };

type MigrationRecord = {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
};

/** Prisma's checksum: SHA-256 of migration.sql, hex. */
export function checksumOf(sql: string): string {
  return createHash("sha256").update(sql, "utf8").digest("hex");
}

export async function readLocalMigrations(dir = defaultMigrationsDir): Promise<LocalMigration[]> {
  const entries = await readdir(/*turbopackIgnore: true*/ dir, { withFileTypes: true });
  const names = entries
    .filter((entry) => entry.isDirectory() && existsSync(/*turbopackIgnore: true*/ path.join(dir, entry.name, "migration.sql")))
    .map((entry) => entry.name)
    .sort();
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(/*turbopackIgnore: true*/ path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: checksumOf(sql) };
    }),
  );
}

// Prisma's own table definition.
const createMigrationsTable = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

/**
 * Applies every pending migration, each in its own transaction, under
 * Prisma's advisory lock. Returns the names it applied.
 */
export async function applyMigrations(session: SqlSession, migrations: LocalMigration[]): Promise<string[]> {
  await session.query("SELECT pg_advisory_lock($1)", [PRISMA_ADVISORY_LOCK_KEY]);
  try {
    await session.exec(createMigrationsTable);
    const records = await session.query<MigrationRecord>(
      `SELECT migration_name, checksum, finished_at, rolled_back_at
         FROM "_prisma_migrations" WHERE rolled_back_at IS NULL`,
    );
    const applied = new Map(records.map((record) => [record.migration_name, record]));

    for (const record of records) {
      if (record.finished_at === null) {
        throw new MigrationError(
          `Migration ${record.migration_name} failed earlier and is still marked as started; ` +
            `fix the database, then mark it with \`prisma migrate resolve\``,
        );
      }
      const local = migrations.find((migration) => migration.name === record.migration_name);
      if (local && local.checksum !== record.checksum) {
        throw new MigrationError(
          `Migration ${local.name} was changed after it was applied to this database ` +
            `(checksum ${local.checksum.slice(0, 12)}… instead of ${record.checksum.slice(0, 12)}…); ` +
            `restore the original migration.sql and put new changes in a new migration`,
        );
      }
    }

    const appliedNow: string[] = [];
    for (const migration of migrations) {
      if (applied.has(migration.name)) continue;
      await applyOne(session, migration);
      appliedNow.push(migration.name);
    }
    return appliedNow;
  } finally {
    await session.query("SELECT pg_advisory_unlock($1)", [PRISMA_ADVISORY_LOCK_KEY]);
  }
}

async function applyOne(session: SqlSession, migration: LocalMigration): Promise<void> {
  const id = randomUUID();
  await session.exec("BEGIN");
  try {
    await session.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count)
       VALUES ($1, $2, $3, clock_timestamp(), 0)`,
      [id, migration.checksum, migration.name],
    );
    await session.exec(migration.sql);
    await session.query(
      `UPDATE "_prisma_migrations" SET finished_at = clock_timestamp(), applied_steps_count = 1
        WHERE id = $1`,
      [id],
    );
    await session.exec("COMMIT");
  } catch (error) {
    await session.exec("ROLLBACK");
    const detail = error instanceof Error ? error.message.split("\n")[0] : String(error);
    throw new MigrationError(`Migration ${migration.name} failed and was rolled back: ${detail}`);
  }
}
