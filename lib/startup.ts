import "server-only";
import { fulfilBackupRequests } from "./backup";
import { currentDatabase, DatabaseUnavailableError, type SqlSession } from "./db";
import { ConfigurationError, readAuthSettings, readEnvironment } from "./env";
import { readMailSettings } from "./mail";
import { applyMigrations, MigrationError, PRISMA_ADVISORY_LOCK_KEY, readLocalMigrations } from "./migrations";
import { followPublicChanges } from "./public/change-feed";
import { ensureFirstAdmin, isEmpty, seedRoadmap } from "./seed";

type Log = (line: string) => void;

/**
 * Runs `work` holding the start-up lock (Prisma's migration advisory lock,
 * which the migrations take again, as locks nest within one session), so that
 * instances started together take turns: the first migrates and seeds, the
 * others then find it done.
 */
async function underStartupLock<Result>(work: (session: SqlSession) => Promise<Result>): Promise<Result> {
  const session = await currentDatabase().session();
  try {
    await session.query("SELECT pg_advisory_lock($1)", [PRISMA_ADVISORY_LOCK_KEY]);
    try {
      return await work(session);
    } finally {
      await session.query("SELECT pg_advisory_unlock($1)", [PRISMA_ADVISORY_LOCK_KEY]);
    }
  } finally {
    await session.release();
  }
}

async function applyPendingMigrations(session: SqlSession, log: Log): Promise<void> {
  const applied = await applyMigrations(session, await readLocalMigrations());
  for (const name of applied) log(`Applied migration ${name} to the ${currentDatabase().description}`);
}

/** Migrates the database and checks it answers; used by `npm run db:migrate`. */
export async function migrateDatabase(log: Log = console.log): Promise<void> {
  await underStartupLock((session) => applyPendingMigrations(session, log));
}

/**
 * Everything the tracker needs before it serves a request, under the start-up
 * lock: migrations, the Road Map on an empty database (or, with `onlyWhenEmpty`
 * false, whatever of it is missing: `npm run db:seed`), and the first administrator.
 */
export async function prepareDatabase(log: Log = console.log, { onlyWhenEmpty = true } = {}): Promise<void> {
  const current = currentDatabase();
  await underStartupLock(async (session) => {
    await applyPendingMigrations(session, log);
    if (!onlyWhenEmpty || (await isEmpty(current.prisma))) {
      const outcome = await seedRoadmap(current.prisma);
      log(`Seeded the Road Map: ${outcome.pillarsCreated} pillars and ${outcome.milestonesCreated} milestones added`);
    }
    const admin = await ensureFirstAdmin(current.prisma, readEnvironment(), { generateIfMissing: current.embedded });
    if (admin.kind === "generated") {
      log(
        `First administrator created: ${admin.email} with password ${admin.password}\n` +
          "  (shown only this once: sign in and change it under My account, or set ADMIN_EMAIL and ADMIN_PASSWORD before the first start)",
      );
    } else if (admin.kind === "from-environment" && admin.created) {
      log(`Administrator ${admin.email} created from ADMIN_EMAIL`);
    } else if (admin.kind === "missing") {
      log("No administrator yet: set ADMIN_EMAIL and ADMIN_PASSWORD and start again to create one");
    }
  });
  log(`Database ready: ${current.description}`);
}

/** The one line to print when start-up fails for a reason the operator can fix, else null. */
export function startupFailure(error: unknown): string | null {
  if (error instanceof DatabaseUnavailableError || error instanceof MigrationError || error instanceof ConfigurationError) {
    return `Cannot start the tracker: ${error.message}`;
  }
  return null;
}

/** Server start: prepares the database, or stops the process with one clear line. */
export async function prepareDatabaseOrExit(): Promise<void> {
  try {
    // Checked before the database so a missing AUTH_SECRET stops the server at once.
    readAuthSettings();
    readMailSettings();
    await prepareDatabase();
    await followPublicChanges();
    // `npm run db:backup` asks the running tracker for a copy with SIGUSR2 (scripts/server.mjs).
    if (currentDatabase().embedded) {
      (globalThis as Record<symbol, unknown>)[Symbol.for("roadmap-tracker.backup")] = () => fulfilBackupRequests(readEnvironment().DATA_DIR);
    }
  } catch (error) {
    console.error(startupFailure(error) ?? error);
    process.exit(1);
  }
}
