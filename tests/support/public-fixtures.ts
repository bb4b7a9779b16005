import type { MilestoneStatus } from "@/lib/vocabulary";
import { addMilestone, addProgressUpdate } from "./builders";

/** Words of the internal milestone and notes that must never appear on a public page, feed or API answer. */
export const internalWords = ["Confidential copper negotiation", "internal-negotiation-copper", "Internal remark", "internal-memo"];

/** Adds an internal (not public) dialogue in the Economic pillar, due on `targetDate`. */
export async function addInternalMilestone(targetDate: Date) {
  return addMilestone({
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
  });
}

/** Adds an internal note on a milestone that changes nothing: the public must not see it at all. */
export async function addInternalNote(milestone: { id: number; status: MilestoneStatus; progress: number }, happenedOn: Date) {
  return addProgressUpdate(milestone, {
    note: "Internal remark about the delegation",
    noteIsPublic: false,
    evidenceUrl: "https://example.org/internal-memo",
    happenedOn,
  });
}
