import "server-only";
import { currentDatabase, DatabaseUnavailableError } from "./db";
import { ConfigurationError, readAuthSettings, readEnvironment } from "./env";
import { readMailSettings } from "./mail";
import { applyMigrations, MigrationError, readLocalMigrations } from "./migrations";
import { ensureFirstAdmin, isEmpty, seedRoadmap } from "./seed";

type Log = (line: string) => void;

/** Migrates the database and checks it answers; used by start-up and `npm run db:migrate`. */
export async function migrateDatabase(log: Log = console.log): Promise<void> {
  const current = currentDatabase();
  const session = await current.session();
  try {
    const applied = await applyMigrations(session, await readLocalMigrations());
    for (const name of applied) log(`Applied migration ${name} to the ${current.description}`);
  } finally {
    await session.release();
  }
}

/**
 * Everything the tracker needs before it serves a request: migrations, the
 * seed on an empty database, and the first administrator.
 */
export async function prepareDatabase(log: Log = console.log): Promise<void> {
  const environment = readEnvironment();
  await migrateDatabase(log);
  const current = currentDatabase();
  if (await isEmpty(current.prisma)) {
    const outcome = await seedRoadmap(current.prisma);
    log(`Seeded the Road Map: ${outcome.pillarsCreated} pillars, ${outcome.milestonesCreated} milestones`);
  }
  const admin = await ensureFirstAdmin(current.prisma, environment, { generateIfMissing: current.embedded });
  if (admin.kind === "generated") {
    log(
      `First administrator created: ${admin.email} with password ${admin.password}\n` +
        "  (shown only this once: sign in and change it under My account, or set ADMIN_EMAIL and ADMIN_PASSWORD before the first start)",
    );
  } else if (admin.kind === "from-environment" && admin.created) {
    log(`Administrator ${admin.email} created from ADMIN_EMAIL`);
  } else if (admin.kind === "missing") {
    log("No administrator yet: set ADMIN_EMAIL and ADMIN_PASSWORD and restart to create one");
  }
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
  } catch (error) {
    console.error(startupFailure(error) ?? error);
    process.exit(1);
  }
}
