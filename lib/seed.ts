import "server-only";
import { recordAuditEvent, recordingMoment, type Tx } from "./audit";
import type { Environment } from "./env";
import type { PrismaClient } from "./generated/prisma/client";
import { generatePassword, hashPassword } from "./auth/passwords";
import { milestoneSnapshotSelect, snapshotOf, writeMilestoneChange } from "./milestones/edits";
import { recordProgress } from "./milestones/progress";
import { milestones, pillars, roadmap } from "../prisma/seed/japan-peru";
import { afterAdoptionEvents, afterAdoptionMilestones, type SeedProgressEvent } from "../prisma/seed/japan-peru-after-adoption";
import { seedCorrections } from "../prisma/seed/japan-peru-corrections";
import type { SeedMilestone } from "../prisma/seed/types";
import type { TranslatedText } from "./translations";

// Seeds the Japan–Peru Road Map. It only adds what is missing and never
// overwrites what editors changed, so running it again changes nothing. What
// happened after the adoption is recorded through the one path for status
// (lib/milestones/progress.ts), each event under a stable key.

export type SeedOutcome = {
  roadmapCreated: boolean;
  pillarsCreated: number;
  milestonesCreated: number;
  /** Events recorded as progress updates, and those left out because staff already log progress on their milestone. */
  eventsRecorded: number;
  eventsSkipped: string[];
  /** Fields set right that an earlier release of the seed wrote wrongly. */
  fieldsCorrected: number;
};

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
/** { titleEn, titleEs, titleJa } from { en, es, ja }: the columns of one translated text. */
function columns<Prefix extends string>(prefix: Prefix, text: TranslatedText) {
  return {
    [`${prefix}En`]: text.en,
    [`${prefix}Es`]: text.es ?? null,
    [`${prefix}Ja`]: text.ja ?? null,
  } as { [K in `${Prefix}En`]: string } & { [K in `${Prefix}Es` | `${Prefix}Ja`]: string | null };
}

/** Every seeded milestone is a commitment of the Road Map since its adoption, so "as of" reports for any day after it include it. */
const adoption = day(roadmap.adoptedOn);

function milestoneColumns(milestone: SeedMilestone, pillarId: number, recordedAt: Date) {
  const targetDate = milestone.targetDate ? day(milestone.targetDate) : null;
  return {
    pillarId,
    slug: milestone.slug,
    ...columns("title", milestone.title),
    ...columns("summary", milestone.summary),
    kind: milestone.kind,
    targetDate,
    baselineTargetDate: targetDate,
    leadAgencyA: milestone.leadAgencyA ?? null,
    leadAgencyB: milestone.leadAgencyB ?? null,
    location: milestone.location ?? null,
    sourceUrl: milestone.sourceUrl,
    createdAt: adoption,
    recordedAt,
    // Public since the adoption, not since the day the seed ran.
    publicChangedAt: adoption,
  };
}

/** The note of the seeded completions on the day of the adoption. */
const adoptionNote = {
  en: "Signed or adopted in Lima at the Japan–Peru summit, as reported by the source.",
  es: "Firmado o adoptado en Lima en la cumbre Japón-Perú, según la fuente.",
  ja: "日・ペルー首脳会談の際にリマで署名又は採択された（出典による）。",
};

/** What the seed records as done: the milestones completed at the adoption, then the events after it, in the order they happened. */
function seededEvents(): (SeedProgressEvent & { evidenceUrl: string })[] {
  const atAdoption = allMilestones
    .filter((milestone) => milestone.status === "completed" && milestone.completedOn)
    .map((milestone) => ({
      key: `${milestone.completedOn}-${milestone.slug}-completed`,
      milestone: milestone.slug,
      happenedOn: milestone.completedOn!,
      status: "completed" as const,
      progress: 100,
      note: adoptionNote,
      evidenceUrl: milestone.sourceUrl,
    }));
  return [...atAdoption, ...afterAdoptionEvents]
    .map((event, index) => ({ event, index }))
    .sort((a, b) => a.event.happenedOn.localeCompare(b.event.happenedOn) || a.index - b.index)
    .map(({ event }) => event);
}

const allMilestones = [...milestones, ...afterAdoptionMilestones];

/** Sets right, through audited changes, what an earlier release wrote wrongly, where no one has changed it since. */
async function applyCorrections(tx: Tx): Promise<number> {
  let corrected = 0;
  for (const slug of new Set(seedCorrections.map((correction) => correction.slug))) {
    const row = await tx.milestone.findUnique({ where: { slug }, select: milestoneSnapshotSelect });
    const seeded = allMilestones.find((milestone) => milestone.slug === slug);
    if (!row || !seeded) continue;
    const current: Record<string, string | null> = {
      ...milestoneColumns(seeded, row.pillar.id, adoption),
    } as unknown as Record<string, string | null>;
    const changes: Record<string, string | null> = {};
    for (const { field, was } of seedCorrections.filter((correction) => correction.slug === slug)) {
      if (row[field] === was && current[field] !== was) changes[field] = current[field] ?? null;
    }
    if (Object.keys(changes).length === 0) continue;
    await writeMilestoneChange(tx, null, "milestone.seed-correction", row, null, changes, await recordingMoment(tx));
    corrected += Object.keys(changes).length;
  }
  return corrected;
}

export async function seedRoadmap(prisma: PrismaClient): Promise<SeedOutcome> {
  return prisma.$transaction(
    async (tx) => {
      const existing = await tx.roadmap.findUnique({ where: { slug: roadmap.slug }, select: { id: true } });
      const roadmapId =
        existing?.id ??
        (
          await tx.roadmap.create({
            data: {
              slug: roadmap.slug,
              ...columns("title", roadmap.title),
              ...columns("summary", roadmap.summary),
              ...columns("partyA", roadmap.partyA),
              ...columns("partyB", roadmap.partyB),
              adoptedOn: adoption,
              firstYear: roadmap.firstYear,
              lastYear: roadmap.lastYear,
              sourceUrl: roadmap.sourceUrl,
            },
            select: { id: true },
          })
        ).id;

      const knownPillars = await tx.pillar.findMany({ where: { roadmapId }, select: { id: true, slug: true } });
      const pillarIds = new Map(knownPillars.map((pillar) => [pillar.slug, pillar.id]));
      let pillarsCreated = 0;
      for (const pillar of pillars) {
        if (pillarIds.has(pillar.slug)) continue;
        const created = await tx.pillar.create({
          data: {
            roadmapId,
            position: pillar.position,
            slug: pillar.slug,
            ...columns("name", pillar.name),
          },
          select: { id: true },
        });
        pillarIds.set(pillar.slug, created.id);
        pillarsCreated++;
      }

      const knownSlugs = new Set(
        (
          await tx.milestone.findMany({
            where: { slug: { in: allMilestones.map((milestone) => milestone.slug) } },
            select: { slug: true },
          })
        ).map((milestone) => milestone.slug),
      );
      let milestonesCreated = 0;
      for (const milestone of allMilestones) {
        if (knownSlugs.has(milestone.slug)) continue;
        const pillarId = pillarIds.get(milestone.pillar);
        if (pillarId === undefined) throw new Error(`Seed milestone ${milestone.slug} names unknown pillar ${milestone.pillar}`);
        const at = await recordingMoment(tx);
        // Planned at 0 % like every new milestone: what happened to it is recorded below, as progress.
        const created = await tx.milestone.create({ data: milestoneColumns(milestone, pillarId, at), select: milestoneSnapshotSelect });
        await recordAuditEvent(tx, {
          actorId: null,
          action: "milestone.seeded",
          entityType: "Milestone",
          entityId: String(created.id),
          after: snapshotOf(created),
          at,
        });
        milestonesCreated++;
      }

      const fieldsCorrected = await applyCorrections(tx);

      const events = seededEvents();
      const recorded = new Set(
        (await tx.progressUpdate.findMany({ where: { seedKey: { in: events.map((event) => event.key) } }, select: { seedKey: true } })).map(
          (update) => update.seedKey,
        ),
      );
      let eventsRecorded = 0;
      const eventsSkipped: string[] = [];
      for (const event of events) {
        if (recorded.has(event.key)) continue;
        const milestone = await tx.milestone.findUnique({ where: { slug: event.milestone }, select: milestoneSnapshotSelect });
        if (!milestone) throw new Error(`Seed event ${event.key} names unknown milestone ${event.milestone}`);
        // Releases before the keys wrote the completions at the adoption without one.
        const writtenBefore = await tx.progressUpdate.count({
          where: {
            milestoneId: milestone.id,
            authorId: null,
            seedKey: null,
            happenedOn: day(event.happenedOn),
            statusAfter: event.status,
            progressAfter: event.progress,
          },
        });
        if (writtenBefore > 0) continue;
        // Where staff log progress, the milestone's status is theirs: the seed never writes over it.
        const loggedByStaff = await tx.progressUpdate.count({ where: { milestoneId: milestone.id, authorId: { not: null } } });
        if (milestone.archivedAt || loggedByStaff > 0) {
          eventsSkipped.push(event.key);
          continue;
        }
        await recordProgress(tx, null, milestone, null, {
          status: event.status,
          progress: event.progress,
          note: event.note.en,
          noteEs: event.note.es,
          noteJa: event.note.ja,
          noteIsPublic: true,
          evidenceUrl: event.evidenceUrl,
          happenedOn: day(event.happenedOn),
          seedKey: event.key,
        });
        eventsRecorded++;
      }
      return { roadmapCreated: !existing, pillarsCreated, milestonesCreated, eventsRecorded, eventsSkipped, fieldsCorrected };
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
}

export async function isEmpty(prisma: PrismaClient): Promise<boolean> {
  return (await prisma.roadmap.count()) === 0;
}

export type FirstAdmin =
  | { kind: "from-environment"; email: string; created: boolean }
  | { kind: "generated"; email: string; password: string }
  | { kind: "none" }
  /** No administrator exists and none may be generated here (a PostgreSQL server). */
  | { kind: "missing" };

export const generatedAdminEmail = "admin@tracker.local";

async function createAdministrator(tx: Tx, email: string, passwordHash: string) {
  const admin = await tx.user.create({ data: { email, name: "Administrator", role: "admin", passwordHash }, select: { id: true, email: true, role: true } });
  await recordAuditEvent(tx, {
    actorId: null,
    action: "user.created",
    entityType: "User",
    entityId: admin.id,
    after: { email: admin.email, role: admin.role },
  });
  return admin;
}

/**
 * The first administrator: from ADMIN_EMAIL/ADMIN_PASSWORD when set, or on an
 * embedded database with no administrator, one with a random password that the
 * caller prints once. Never a fixed default password.
 */
export async function ensureFirstAdmin(
  prisma: PrismaClient,
  environment: Pick<Environment, "ADMIN_EMAIL" | "ADMIN_PASSWORD">,
  { generateIfMissing }: { generateIfMissing: boolean },
): Promise<FirstAdmin> {
  if (environment.ADMIN_EMAIL && environment.ADMIN_PASSWORD) {
    const email = environment.ADMIN_EMAIL.toLowerCase();
    const passwordHash = await hashPassword(environment.ADMIN_PASSWORD);
    const created = await prisma.$transaction(async (tx) => {
      if (await tx.user.findUnique({ where: { email }, select: { id: true } })) return false;
      await createAdministrator(tx, email, passwordHash);
      return true;
    });
    return { kind: "from-environment", email, created };
  }
  if ((await prisma.user.count({ where: { role: "admin" } })) > 0) return { kind: "none" };
  if (!generateIfMissing) return { kind: "missing" };
  const password = generatePassword();
  const passwordHash = await hashPassword(password);
  const user = await prisma.$transaction((tx) => createAdministrator(tx, generatedAdminEmail, passwordHash));
  return { kind: "generated", email: user.email, password };
}
