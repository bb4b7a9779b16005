// npm run db:migrate — applies pending migrations to DATABASE_URL, or to the embedded database.
import { closeDatabase } from "../lib/db";
import { migrateDatabase, startupFailure } from "../lib/startup";

try {
  await migrateDatabase();
  console.log("Migrations are up to date");
} catch (error) {
  console.error(startupFailure(error) ?? error);
  process.exitCode = 1;
} finally {
  await closeDatabase();
}
