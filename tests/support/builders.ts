import { randomBytes } from "node:crypto";
import type { Viewer } from "@/lib/auth/roles";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { MilestoneStatus, Role } from "@/lib/vocabulary";

// Builders for test data, written straight to the database: each fills in
// what a test does not care about, and takes what it does.

/** A signed-in staff member as the data layer sees them, without an account row (reads only). */
export function staffViewer(role: Role = "viewer"): NonNullable<Viewer> {
  return { id: `test-${role}`, role };
}

/** A staff account, for tests that write (audit events name their actor). */
export async function addStaff(role: Role, fields: Partial<Prisma.UserUncheckedCreateInput> = {}) {
  const email = fields.email ?? `${role}-${randomBytes(3).toString("hex")}@ministry.example`;
  return db().user.create({ data: { role, ...fields, email }, select: { id: true, role: true, email: true, name: true } });
}

type MilestoneFields = Partial<Omit<Prisma.MilestoneUncheckedCreateInput, "pillarId">> & { pillar?: string };

/** A milestone in a seeded pillar (`economic` unless named), planned and public unless told otherwise. */
export async function addMilestone({ pillar = "economic", ...fields }: MilestoneFields = {}) {
  const { id: pillarId } = await db().pillar.findFirstOrThrow({ where: { slug: pillar }, select: { id: true } });
  const slug = fields.slug ?? `test-milestone-${randomBytes(4).toString("hex")}`;
  return db().milestone.create({
    data: {
      kind: "other",
      titleEn: `Test milestone ${slug}`,
      summaryEn: "Written by a test",
      sourceUrl: "https://example.org/test",
      ...fields,
      slug,
      pillarId,
    },
  });
}

/** A progress update on a milestone, by default a public note that changes nothing, today. */
export async function addProgressUpdate(
  milestone: { id: number; status: MilestoneStatus; progress: number },
  fields: Partial<Omit<Prisma.ProgressUpdateUncheckedCreateInput, "milestoneId">> = {},
) {
  return db().progressUpdate.create({
    data: {
      statusBefore: milestone.status,
      statusAfter: milestone.status,
      progressBefore: milestone.progress,
      progressAfter: milestone.progress,
      note: "A note written by a test",
      noteIsPublic: true,
      happenedOn: new Date(new Date().toISOString().slice(0, 10)),
      ...fields,
      milestoneId: milestone.id,
    },
  });
}
