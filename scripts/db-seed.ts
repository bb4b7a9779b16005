// npm run db:seed — adds what is missing of the Road Map and the first administrator; never overwrites.
import { closeDatabase } from "../lib/db";
import { prepareDatabase, startupFailure } from "../lib/startup";

try {
  await prepareDatabase(console.log, { onlyWhenEmpty: false });
} catch (error) {
  console.error(startupFailure(error) ?? error);
  process.exitCode = 1;
} finally {
  await closeDatabase();
}
