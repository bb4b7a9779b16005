import "server-only";
import { recordAuditEvent, type Tx } from "./audit";
import type { Environment } from "./env";
import type { PrismaClient } from "./generated/prisma/client";
import { generatePassword, hashPassword } from "./auth/passwords";
import { milestones, pillars, roadmap } from "../prisma/seed/japan-peru";
import type { SeedMilestone } from "../prisma/seed/types";
import type { TranslatedText } from "./translations";

// Seeds the Japan–Peru Road Map. It only adds what is missing and never
// overwrites what editors changed, so running it again changes nothing.

export type SeedOutcome = { roadmapCreated: boolean; pillarsCreated: number; milestonesCreated: number };

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
/** { titleEn, titleEs, titleJa } from { en, es, ja }: the columns of one translated text. */
function columns<Prefix extends string>(prefix: Prefix, text: TranslatedText) {
  return {
    [`${prefix}En`]: text.en,
    [`${prefix}Es`]: text.es ?? null,
    [`${prefix}Ja`]: text.ja ?? null,
  } as { [K in `${Prefix}En`]: string } & { [K in `${Prefix}Es` | `${Prefix}Ja`]: string | null };
}

function milestoneColumns(milestone: SeedMilestone, pillarId: number) {
  const completed = milestone.status === "completed";
  return {
    pillarId,
    slug: milestone.slug,
    ...columns("title", milestone.title),
    ...columns("summary", milestone.summary),
    kind: milestone.kind,
    status: milestone.status,
    progress: completed ? 100 : 0,
    targetDate: milestone.targetDate ? day(milestone.targetDate) : null,
    completedOn: milestone.completedOn ? day(milestone.completedOn) : null,
    leadAgencyA: milestone.leadAgencyA ?? null,
    leadAgencyB: milestone.leadAgencyB ?? null,
    location: milestone.location ?? null,
    sourceUrl: milestone.sourceUrl,
    // Every seeded milestone is a commitment of the Road Map since its adoption,
    // so "as of" reports for any date after adoption include it.
    createdAt: day(roadmap.adoptedOn),
  };
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
              adoptedOn: day(roadmap.adoptedOn),
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
            where: { slug: { in: milestones.map((milestone) => milestone.slug) } },
            select: { slug: true },
          })
        ).map((milestone) => milestone.slug),
      );
      let milestonesCreated = 0;
      for (const milestone of milestones) {
        if (knownSlugs.has(milestone.slug)) continue;
        const pillarId = pillarIds.get(milestone.pillar);
        if (pillarId === undefined) throw new Error(`Seed milestone ${milestone.slug} names unknown pillar ${milestone.pillar}`);
        const created = await tx.milestone.create({
          data: milestoneColumns(milestone, pillarId),
          select: { id: true, slug: true, status: true, progress: true },
        });
        await recordAuditEvent(tx, {
          actorId: null,
          action: "milestone.seeded",
          entityType: "Milestone",
          entityId: String(created.id),
          after: { slug: created.slug, status: created.status, progress: created.progress },
        });
        if (milestone.status === "completed" && milestone.completedOn) {
          // Record what happened as history, so the public page can show when and why.
          await tx.progressUpdate.create({
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
        milestonesCreated++;
      }
      return { roadmapCreated: !existing, pillarsCreated, milestonesCreated };
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
