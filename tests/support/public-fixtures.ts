import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { MilestoneStatus } from "@/lib/generated/prisma/enums";

/** Words of the internal milestone and notes that must never appear on a public page, feed or API answer. */
export const internalWords = ["Confidential copper negotiation", "internal-negotiation-copper", "Internal remark", "internal-memo"];

/** Adds an internal (not public) dialogue in the Economic pillar, due on `targetDate`. */
export async function addInternalMilestone(prisma: PrismaClient, targetDate: Date) {
  const pillar = await prisma.pillar.findFirstOrThrow({ where: { slug: "economic" } });
  return prisma.milestone.create({
    data: {
      pillarId: pillar.id,
      slug: "internal-negotiation-copper",
      titleEn: "Confidential copper negotiation",
      summaryEn: "Internal only",
      kind: "ministerial_dialogue",
      status: "in_progress",
      progress: 40,
      targetDate,
      leadAgencyA: "Secret Agency",
      isPublic: false,
      sourceUrl: "https://example.org/internal",
    },
  });
}

/** Adds an internal note on a milestone that changes nothing: the public must not see it at all. */
export async function addInternalNote(prisma: PrismaClient, milestone: { id: number; status: MilestoneStatus; progress: number }, happenedOn: Date) {
  return prisma.progressUpdate.create({
    data: {
      milestoneId: milestone.id,
      statusBefore: milestone.status,
      statusAfter: milestone.status,
      progressBefore: milestone.progress,
      progressAfter: milestone.progress,
      note: "Internal remark about the delegation",
      noteIsPublic: false,
      evidenceUrl: "https://example.org/internal-memo",
      happenedOn,
    },
  });
}
