// npm run db:seed — adds what is missing of the Road Map and the first administrator; never overwrites.
import { closeDatabase, currentDatabase } from "../lib/db";
import { readEnvironment } from "../lib/env";
import { ensureFirstAdmin, seedRoadmap } from "../lib/seed";
import { migrateDatabase, startupFailure } from "../lib/startup";

try {
  await migrateDatabase();
  const { prisma, embedded } = currentDatabase();
  const outcome = await seedRoadmap(prisma);
  console.log(
    `Seed: road map ${outcome.roadmapCreated ? "created" : "already present"}, ` +
      `${outcome.pillarsCreated} pillars and ${outcome.milestonesCreated} milestones added, ` +
      `${outcome.eventsRecorded} events recorded as progress, ${outcome.fieldsCorrected} seeded texts corrected`,
  );
  if (outcome.eventsSkipped.length > 0) {
    console.log(`Left to the editors, who log progress on their milestones: ${outcome.eventsSkipped.join(", ")}`);
  }
  const admin = await ensureFirstAdmin(prisma, readEnvironment(), { generateIfMissing: embedded });
  if (admin.kind === "generated") {
    console.log(`First administrator created: ${admin.email} with password ${admin.password} (shown only this once)`);
  } else if (admin.kind === "from-environment") {
    console.log(`Administrator ${admin.email} ${admin.created ? "created" : "already present"}`);
  } else if (admin.kind === "missing") {
    console.log("No administrator yet: set ADMIN_EMAIL and ADMIN_PASSWORD and run this again");
  }
} catch (error) {
  console.error(startupFailure(error) ?? error);
  process.exitCode = 1;
} finally {
  await closeDatabase();
}
