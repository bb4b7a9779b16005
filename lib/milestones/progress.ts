import "server-only";
import { z } from "zod";
import { recordAuditEvent, type Tx } from "../audit";
import { db } from "../db";
import { ValidationError } from "../errors";
import { isoDay, latestToday } from "../dates";
import { calendarDay, checkbox, fieldError, optionalHttpUrl, parseFields, progressPercent, requiredParagraphs, version } from "../forms/fields";
import { MilestoneStatus } from "../generated/prisma/enums";
import { milestoneSnapshotSelect, writeMilestoneChange } from "./edits";
import { requireRole, type Actor, type Viewer } from "../auth/roles";

const earliestDay = new Date(Date.UTC(2000, 0, 1));

/**
 * One entry of a milestone's progress: its new status and percentage, a note
 * (public or internal), an evidence link and the day it happened.
 * A completed status needs 100 %: we refuse rather than round up, so the
 * editor confirms the milestone is really done.
 */
export const progressUpdateSchema = z
  .object({
    milestone: z.string({ error: fieldError.required }).trim().min(1, fieldError.required).max(80, fieldError.unknownValue),
    expectedVersion: version,
    status: z.enum(MilestoneStatus, { error: fieldError.unknownValue }),
    progress: progressPercent,
    note: requiredParagraphs(4000),
    noteIsPublic: checkbox,
    evidenceUrl: optionalHttpUrl,
    happenedOn: calendarDay.refine((day) => day >= earliestDay, fieldError.dateTooEarly).refine((day) => day <= latestToday(), fieldError.dateInFuture),
  })
  .superRefine((update, context) => {
    if (update.status === "completed" && update.progress < 100) {
      context.addIssue({ code: "custom", path: ["progress"], message: fieldError.completedNeedsFullProgress });
    }
  });

export type ProgressUpdateInput = z.input<typeof progressUpdateSchema>;

export type LoggedProgress = { progressUpdateId: number; milestone: string; version: number };

/**
 * Logs progress inside the caller's transaction: the milestone's status and
 * percentage, the progress update and the audit event commit together.
 * Completing a milestone sets its completion date to the day it happened;
 * leaving the completed status clears it.
 */
export async function applyProgressUpdate(tx: Tx, actor: Actor, input: unknown): Promise<LoggedProgress> {
  requireRole(actor, "editor");
  const { expectedVersion, ...update } = parseFields(progressUpdateSchema, input);
  const before = await tx.milestone.findUnique({ where: { slug: update.milestone }, select: milestoneSnapshotSelect });
  if (!before || before.archivedAt) throw new ValidationError({ milestone: [fieldError.unknownValue] });
  const completedOn = update.status !== "completed" ? null : before.status === "completed" ? before.completedOn : update.happenedOn;
  const after = await writeMilestoneChange(tx, actor, "milestone.progress", before, expectedVersion, {
    status: update.status,
    progress: update.progress,
    completedOn,
  });
  const logged = await tx.progressUpdate.create({
    data: {
      milestoneId: before.id,
      authorId: actor.id,
      statusBefore: before.status,
      statusAfter: update.status,
      progressBefore: before.progress,
      progressAfter: update.progress,
      note: update.note,
      noteIsPublic: update.noteIsPublic,
      evidenceUrl: update.evidenceUrl,
      happenedOn: update.happenedOn,
    },
    select: { id: true },
  });
  await recordAuditEvent(tx, {
    actorId: actor.id,
    action: "progress.log",
    entityType: "ProgressUpdate",
    entityId: String(logged.id),
    after: { ...update, happenedOn: isoDay(update.happenedOn) },
  });
  return { progressUpdateId: logged.id, milestone: update.milestone, version: after.version };
}

export async function logProgress(viewer: Viewer, input: unknown): Promise<LoggedProgress> {
  const actor = requireRole(viewer, "editor");
  const logged = await db().$transaction((tx) => applyProgressUpdate(tx, actor, input));
  return logged;
}
