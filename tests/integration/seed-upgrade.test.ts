import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { logProgress } from "@/lib/milestones/progress";
import { updateMilestone } from "@/lib/milestones/edits";
import { seedRoadmap } from "@/lib/seed";
import { migrateDatabase } from "@/lib/startup";
import { milestones, pillars, roadmap } from "@/prisma/seed/japan-peru";
import { afterAdoptionEvents, afterAdoptionMilestones } from "@/prisma/seed/japan-peru-after-adoption";
import { seedCorrections } from "@/prisma/seed/japan-peru-corrections";
import { addStaff } from "../support/builders";
import { freshDatabasePerFile } from "../support/database";

// A database seeded by an earlier release (no events after the adoption, the
// Political Dialogue Mechanism's venues reversed) gets the facts and the
// corrections from `npm run db:seed`, and nothing an editor changed moves.

freshDatabasePerFile();

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

/** What the seed of earlier releases wrote: milestones with their status set directly, and a keyless update for each completion. */
async function seedAsEarlierRelease() {
  const prisma = db();
  const { id: roadmapId } = await prisma.roadmap.create({
    data: {
      slug: roadmap.slug,
      titleEn: roadmap.title.en,
      partyAEn: roadmap.partyA.en,
      partyBEn: roadmap.partyB.en,
      adoptedOn: day(roadmap.adoptedOn),
      firstYear: roadmap.firstYear,
      lastYear: roadmap.lastYear,
      sourceUrl: roadmap.sourceUrl,
    },
  });
  for (const pillar of pillars) await prisma.pillar.create({ data: { roadmapId, position: pillar.position, slug: pillar.slug, nameEn: pillar.name.en } });
  for (const milestone of milestones) {
    const was = Object.fromEntries(
      seedCorrections.filter((correction) => correction.slug === milestone.slug).map((correction) => [correction.field, correction.was]),
    );
    const created = await prisma.milestone.create({
      data: {
        pillarId: (await prisma.pillar.findFirstOrThrow({ where: { slug: milestone.pillar } })).id,
        slug: milestone.slug,
        titleEn: milestone.title.en,
        titleEs: milestone.title.es,
        titleJa: milestone.title.ja,
        summaryEn: milestone.summary.en,
        summaryEs: milestone.summary.es,
        summaryJa: milestone.summary.ja,
        location: milestone.location ?? null,
        ...was,
        kind: milestone.kind,
        status: milestone.status,
        progress: milestone.status === "completed" ? 100 : 0,
        targetDate: milestone.targetDate ? day(milestone.targetDate) : null,
        completedOn: milestone.completedOn ? day(milestone.completedOn) : null,
        sourceUrl: milestone.sourceUrl,
        createdAt: day(roadmap.adoptedOn),
      },
    });
    await prisma.auditEvent.create({
      data: {
        action: "milestone.seeded",
        entityType: "Milestone",
        entityId: String(created.id),
        after: { slug: created.slug, status: created.status, progress: created.progress },
      },
    });
    if (milestone.completedOn) {
      await prisma.progressUpdate.create({
        data: {
          milestoneId: created.id,
          statusBefore: "planned",
          statusAfter: "completed",
          progressBefore: 0,
          progressAfter: 100,
          note: "Signed or adopted in Lima at the Japan–Peru summit, as reported by the source.",
          noteIsPublic: true,
          evidenceUrl: milestone.sourceUrl,
          happenedOn: day(milestone.completedOn),
        },
      });
    }
  }
}

let editor: { id: string; role: "editor" };

beforeAll(async () => {
  await migrateDatabase(() => {});
  await seedAsEarlierRelease();
  const user = await addStaff("editor", { email: "editor@cancilleria.example" });
  editor = { id: user.id, role: "editor" };
});

describe("seeding a database seeded by an earlier release", () => {
  it("adds the facts after the adoption and corrects the venues, but leaves what editors changed", async () => {
    // An editor renamed one meeting and logs progress on the navy interoperability.
    await updateMilestone(editor, "political-dialogue-mechanism-2028", { expectedVersion: 1, titleEn: "PDM 2028 (venue to be confirmed)" });
    await logProgress(editor, {
      milestone: "msdf-navy-interoperability-2026",
      expectedVersion: 1,
      status: "in_progress",
      progress: 5,
      note: "Staff talks under way",
      happenedOn: "2025-03-01",
    });
    const completionsBefore = await db().progressUpdate.count({ where: { statusAfter: "completed", happenedOn: day("2024-11-17") } });

    const outcome = await seedRoadmap(db());
    expect(outcome).toMatchObject({ roadmapCreated: false, milestonesCreated: afterAdoptionMilestones.length });
    expect(outcome.eventsSkipped).toEqual(
      afterAdoptionEvents.filter((event) => event.milestone === "msdf-navy-interoperability-2026").map((event) => event.key),
    );
    expect(outcome.eventsRecorded).toBe(afterAdoptionEvents.length - outcome.eventsSkipped.length);
    expect(await db().progressUpdate.count({ where: { statusAfter: "completed", happenedOn: day("2024-11-17") } })).toBe(completionsBefore);

    const venue = (slug: string) => db().milestone.findUniqueOrThrow({ where: { slug }, select: { titleEn: true, titleJa: true, location: true } });
    expect(await venue("political-dialogue-mechanism-2026")).toEqual({
      titleEn: "Political Dialogue Mechanism: vice-ministerial meeting in Lima",
      titleJa: "日・ペルー政治対話メカニズム 外務次官級会合（リマ）",
      location: "Lima",
    });
    expect(await venue("political-dialogue-mechanism-2028")).toMatchObject({ titleEn: "PDM 2028 (venue to be confirmed)", location: "Tokyo" });
    expect(await db().milestone.findUniqueOrThrow({ where: { slug: "msdf-navy-interoperability-2026" } })).toMatchObject({
      status: "in_progress",
      progress: 5,
    });
    expect(await db().milestone.findUniqueOrThrow({ where: { slug: "visa-exemption-reintroduction-2026" } })).toMatchObject({
      status: "completed",
      completedOn: day("2025-07-01"),
    });
    const corrections = await db().auditEvent.count({ where: { action: "milestone.seed-correction" } });
    expect(corrections).toBeGreaterThanOrEqual(4);

    const again = await seedRoadmap(db());
    expect(again).toMatchObject({ milestonesCreated: 0, eventsRecorded: 0, fieldsCorrected: 0 });
  });
});
