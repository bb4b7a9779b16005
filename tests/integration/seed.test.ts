import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { verifyPassword } from "@/lib/auth/passwords";
import { getMilestoneHistory } from "@/lib/milestones/history";
import { ensureFirstAdmin, generatedAdminEmail, seedRoadmap } from "@/lib/seed";
import { migrateDatabase } from "@/lib/startup";
import { afterAdoptionEvents } from "@/prisma/seed/japan-peru-after-adoption";
import { milestones as seedMilestones } from "@/prisma/seed/japan-peru";
import { staffViewer } from "../support/builders";
import { freshDatabasePerFile } from "../support/database";

freshDatabasePerFile();

const quiet = () => {};

/** Everything the seed writes, in a stable order, to compare two runs. */
async function snapshot() {
  const prisma = db();
  return {
    roadmaps: await prisma.roadmap.findMany({ orderBy: { id: "asc" } }),
    pillars: await prisma.pillar.findMany({ orderBy: { id: "asc" } }),
    milestones: await prisma.milestone.findMany({ orderBy: { id: "asc" } }),
    progressUpdates: await prisma.progressUpdate.findMany({ orderBy: { id: "asc" } }),
    auditEvents: await prisma.auditEvent.count(),
  };
}

describe("the Road Map seed", () => {
  it("loads the Road Map, its five pillars and their milestones in three languages", async () => {
    await migrateDatabase(quiet);
    const outcome = await seedRoadmap(db());
    expect(outcome.roadmapCreated).toBe(true);
    expect(outcome.pillarsCreated).toBe(5);
    expect(outcome.milestonesCreated).toBeGreaterThanOrEqual(25);

    const roadmap = await db().roadmap.findUniqueOrThrow({
      where: { slug: "japan-peru-2024-2033" },
      include: { pillars: { orderBy: { position: "asc" }, include: { milestones: true } } },
    });
    expect(roadmap.adoptedOn.toISOString().slice(0, 10)).toBe("2024-11-17");
    expect([roadmap.firstYear, roadmap.lastYear]).toEqual([2024, 2033]);
    expect([roadmap.partyAEn, roadmap.partyBEn]).toEqual(["Japan", "Peru"]);
    expect(roadmap.pillars.map((pillar) => [pillar.nameEn, pillar.nameEs, pillar.nameJa])).toEqual([
      ["Political-Diplomatic", "Político-Diplomático", "政治・外交"],
      ["Economic", "Económico", "経済"],
      ["Bilateral Cooperation", "Cooperación Bilateral", "二国間協力"],
      ["Social and People-to-People", "Social y Pueblo a Pueblo", "社会・人的交流"],
      ["Defense and Security", "Defensa y Seguridad", "防衛・安全保障"],
    ]);

    const milestones = roadmap.pillars.flatMap((pillar) => pillar.milestones);
    for (const pillar of roadmap.pillars) expect(pillar.milestones.length).toBeGreaterThan(0);
    const years = new Set(milestones.map((milestone) => (milestone.completedOn ?? milestone.targetDate)!.getUTCFullYear()));
    for (let year = 2024; year <= 2033; year++) expect(years, `a milestone in ${year}`).toContain(year);
    for (const milestone of milestones) {
      expect(milestone.sourceUrl).toMatch(/^https:\/\//);
      expect(milestone.titleEs && milestone.titleJa && milestone.summaryEs && milestone.summaryJa).toBeTruthy();
    }
  });

  it("writes its audit events under the names the history views read", async () => {
    const staff = staffViewer();
    const history = await getMilestoneHistory(staff, "road-map-adoption-2024");
    expect(history?.map((entry) => entry.action)).toContain("milestone.seeded");
    expect(await db().auditEvent.count({ where: { entityType: { in: ["milestone", "user"] } } })).toBe(0);
  });

  it("marks as done only what FACTS.md says happened, each step a dated, sourced public progress update", async () => {
    const milestones = await db().milestone.findMany({ include: { progressUpdates: { orderBy: [{ happenedOn: "asc" }, { id: "asc" }] } } });
    const events = [...afterAdoptionEvents].sort((a, b) => a.happenedOn.localeCompare(b.happenedOn));
    const completed = milestones.filter((milestone) => milestone.status === "completed");
    const atAdoption = seedMilestones.filter((milestone) => milestone.status === "completed").map((milestone) => milestone.slug);
    expect(completed.map((milestone) => milestone.slug).sort()).toEqual([...atAdoption, "visa-exemption-reintroduction-2026"].sort());
    for (const milestone of milestones) {
      const seeded = atAdoption.includes(milestone.slug) ? [{ happenedOn: "2024-11-17", status: "completed", progress: 100 }] : [];
      const expected = [...seeded, ...events.filter((event) => event.milestone === milestone.slug)];
      expect(
        milestone.progressUpdates.map((update) => ({
          happenedOn: update.happenedOn.toISOString().slice(0, 10),
          status: update.statusAfter,
          progress: update.progressAfter,
        })),
        milestone.slug,
      ).toEqual(expected.map(({ happenedOn, status, progress }) => ({ happenedOn, status, progress })));
      const last = expected.at(-1);
      expect(milestone, milestone.slug).toMatchObject({ status: last?.status ?? "planned", progress: last?.progress ?? 0 });
      for (const update of milestone.progressUpdates) {
        expect(update).toMatchObject({ noteIsPublic: true, authorId: null, seedKey: expect.any(String) });
        expect(update.evidenceUrl).toMatch(/^https:\/\//);
        expect(update.noteEs && update.noteJa, update.seedKey!).toBeTruthy();
      }
    }
    expect(milestones.find((milestone) => milestone.slug === "visa-exemption-reintroduction-2026")!.completedOn).toEqual(new Date("2025-07-01"));
  });

  it("never calls a signatory the current leader", async () => {
    const updates = await db().progressUpdate.findMany({ select: { note: true, noteEs: true, noteJa: true } });
    const milestones = await db().milestone.findMany({ select: { titleEn: true, summaryEn: true, summaryEs: true, summaryJa: true } });
    const text = JSON.stringify([updates, milestones]);
    for (const phrase of [/current(ly)? (Prime Minister|President)/i, /(actual|vigente) (primer ministro|presidenta?)/i, /現(職の)?(総理|首相|大統領)/]) {
      expect(text).not.toMatch(phrase);
    }
  });

  it("changes nothing when run again", async () => {
    const before = await snapshot();
    expect(await seedRoadmap(db())).toEqual({
      roadmapCreated: false,
      pillarsCreated: 0,
      milestonesCreated: 0,
      eventsRecorded: 0,
      eventsSkipped: [],
      fieldsCorrected: 0,
    });
    expect(await snapshot()).toEqual(before);
  });

  it("never overwrites what an editor changed", async () => {
    const milestone = await db().milestone.findFirstOrThrow({ where: { status: "planned" } });
    await db().milestone.update({ where: { id: milestone.id }, data: { titleEn: "Renamed by an editor", version: { increment: 1 } } });
    await seedRoadmap(db());
    expect((await db().milestone.findUniqueOrThrow({ where: { id: milestone.id } })).titleEn).toBe("Renamed by an editor");
  });
});

describe("the first administrator", () => {
  it("comes from ADMIN_EMAIL and ADMIN_PASSWORD, once", async () => {
    const environment = { ADMIN_EMAIL: "Chief@Example.org", ADMIN_PASSWORD: "a long enough secret" };
    expect(await ensureFirstAdmin(db(), environment, { generateIfMissing: true })).toEqual({
      kind: "from-environment",
      email: "chief@example.org",
      created: true,
    });
    const admin = await db().user.findUniqueOrThrow({ where: { email: "chief@example.org" } });
    expect(admin.role).toBe("admin");
    expect(await verifyPassword("a long enough secret", admin.passwordHash!)).toBe(true);
    expect(await verifyPassword("a long enough secreT", admin.passwordHash!)).toBe(false);

    const again = await ensureFirstAdmin(db(), { ...environment, ADMIN_PASSWORD: "another password here" }, { generateIfMissing: true });
    expect(again).toMatchObject({ created: false });
    expect((await db().user.findUniqueOrThrow({ where: { email: "chief@example.org" } })).passwordHash).toBe(admin.passwordHash);
  });

  it("is not generated while an administrator exists", async () => {
    expect(await ensureFirstAdmin(db(), {}, { generateIfMissing: true })).toEqual({ kind: "none" });
    expect(await db().user.count({ where: { email: generatedAdminEmail } })).toBe(0);
  });

  it("gets a random password on an embedded database with none, never a fixed one", async () => {
    await db().user.updateMany({ data: { role: "editor" } });
    const first = await ensureFirstAdmin(db(), {}, { generateIfMissing: true });
    if (first.kind !== "generated") throw new Error(`expected a generated admin, got ${first.kind}`);
    expect(first.password.length).toBeGreaterThanOrEqual(20);
    const stored = await db().user.findUniqueOrThrow({ where: { email: first.email } });
    expect(stored.role).toBe("admin");
    expect(await verifyPassword(first.password, stored.passwordHash!)).toBe(true);
    expect(await ensureFirstAdmin(db(), {}, { generateIfMissing: true })).toEqual({ kind: "none" });
  });

  it("is never generated on a PostgreSQL server without ADMIN_EMAIL", async () => {
    await db().user.updateMany({ data: { role: "editor" } });
    expect(await ensureFirstAdmin(db(), {}, { generateIfMissing: false })).toEqual({ kind: "missing" });
    expect(await db().user.count({ where: { role: "admin" } })).toBe(0);
  });
});
