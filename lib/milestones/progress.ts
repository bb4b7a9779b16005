import "server-only";
import { z } from "zod";
import { recordAuditEvent, recordingMoment, type Tx } from "../audit";
import { db } from "../db";
import { ValidationError } from "../errors";
import { dayLimits, isoDay } from "../dates";
import { calendarDay, checkbox, fieldError, limitError, optionalHttpUrl, parseFields, progressPercent, requiredParagraphs, version } from "../forms/fields";
import type { Prisma } from "../generated/prisma/client";
import { MilestoneStatus } from "../generated/prisma/enums";
import { findForProgress, writeMilestoneChange, type MilestoneRow } from "./edits";
import { spanOfPillar } from "./roadmap";
import { seesUpdate } from "../public/visibility";
import { requireRole, type Actor, type Viewer } from "../auth/roles";

// The one path by which a milestone's status, progress and completion date
// change: a progress update, with its author (none for the seed), the day it
// happened, a note and optional evidence. The milestone's stored status is
// always the state after its last update in the history's order.

/** The history's order: by the day it happened, then when it was recorded. A late record of an earlier event takes its place by date. */
export const historyOrder = [{ happenedOn: "asc" }, { recordedAt: "asc" }, { id: "asc" }] satisfies Prisma.ProgressUpdateOrderByWithRelationInput[];

export type ProgressState = { status: MilestoneStatus; progress: number; completedOn: Date | null };

/** A milestone with no progress update yet. */
export const initialState: ProgressState = { status: "planned", progress: 0, completedOn: null };

type HistoryStep = { statusAfter: MilestoneStatus; progressAfter: number; happenedOn: Date };

/**
 * The state after a history in its order: the last update's status and
 * progress; completed since the day it last became completed.
 */
export function stateAfter(history: readonly HistoryStep[]): ProgressState {
  let state = initialState;
  for (const step of history) {
    const completedOn = step.statusAfter !== "completed" ? null : state.status === "completed" ? state.completedOn : step.happenedOn;
    state = { status: step.statusAfter, progress: step.progressAfter, completedOn };
  }
  return state;
}

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
    happenedOn: calendarDay,
  })
  .superRefine((update, context) => {
    if (update.status === "completed" && update.progress < 100) {
      context.addIssue({ code: "custom", path: ["progress"], message: fieldError.completedNeedsFullProgress });
    }
  });

export type ProgressUpdateInput = z.input<typeof progressUpdateSchema>;

/** What a progress update records, once checked. */
export type ProgressEntry = {
  status: MilestoneStatus;
  progress: number;
  note: string;
  /** The note's translations, which the seed writes. */
  noteEs?: string | null;
  noteJa?: string | null;
  noteIsPublic: boolean;
  evidenceUrl: string | null;
  happenedOn: Date;
  /** The seed's stable key for the event (lib/seed.ts). */
  seedKey?: string;
};

export type LoggedProgress = { progressUpdateId: number; milestone: string; version: number };

/**
 * Records a progress update inside the caller's transaction: the update, the
 * milestone's new state and the audit events commit together. The update's
 * "before" is the state as of its own day; the milestone takes the state after
 * its last update in the history's order, so an update dated before the
 * latest one is placed in the history and does not change today's state.
 * `author` null is the seed (lib/seed.ts), whose updates count in public on
 * the day they happened rather than the day the seed ran.
 */
export async function recordProgress(
  tx: Tx,
  author: Actor | null,
  milestone: MilestoneRow,
  expectedVersion: number | null,
  entry: ProgressEntry,
): Promise<LoggedProgress> {
  const { happened } = dayLimits(await spanOfPillar(tx, milestone.pillar.id));
  if (entry.happenedOn < happened.min) throw new ValidationError({ happenedOn: [limitError("dateTooEarly", happened.min)] });
  if (entry.happenedOn > happened.max) throw new ValidationError({ happenedOn: [limitError("dateInFuture", happened.max)] });
  if (entry.status === "completed" && entry.progress < 100) throw new ValidationError({ progress: [fieldError.completedNeedsFullProgress] });

  const at = await recordingMoment(tx);
  const history = await tx.progressUpdate.findMany({
    where: { milestoneId: milestone.id },
    orderBy: historyOrder,
    select: { statusAfter: true, progressAfter: true, happenedOn: true },
  });
  // Recorded now, the update comes after every other of its day.
  const position = history.filter((step) => step.happenedOn <= entry.happenedOn).length;
  const before = stateAfter(history.slice(0, position));
  const step = { statusAfter: entry.status, progressAfter: entry.progress, happenedOn: entry.happenedOn };
  const after = stateAfter([...history.slice(0, position), step, ...history.slice(position)]);
  const update = {
    statusBefore: before.status,
    statusAfter: entry.status,
    progressBefore: before.progress,
    progressAfter: entry.progress,
    noteIsPublic: entry.noteIsPublic,
  };
  const seenByPublic = milestone.isPublic && seesUpdate(null, update);
  // The seed's facts count in public on the day they happened, never earlier than what is there.
  const publicChangedAt = author
    ? at
    : new Date(
        Math.max(
          entry.happenedOn.getTime(),
          (await tx.milestone.findUniqueOrThrow({ where: { id: milestone.id }, select: { publicChangedAt: true } })).publicChangedAt.getTime(),
        ),
      );
  const changed = await writeMilestoneChange(
    tx,
    author?.id ?? null,
    "milestone.progress",
    milestone,
    expectedVersion,
    {
      ...after,
      ...(seenByPublic ? { publicChangedAt } : {}),
    },
    at,
  );
  const logged = await tx.progressUpdate.create({
    data: {
      milestoneId: milestone.id,
      authorId: author?.id ?? null,
      ...update,
      note: entry.note,
      noteEs: entry.noteEs ?? null,
      noteJa: entry.noteJa ?? null,
      evidenceUrl: entry.evidenceUrl,
      happenedOn: entry.happenedOn,
      recordedAt: at,
      seedKey: entry.seedKey ?? null,
    },
    select: { id: true },
  });
  await recordAuditEvent(tx, {
    actorId: author?.id ?? null,
    action: author ? "progress.log" : "progress.seeded",
    entityType: "ProgressUpdate",
    entityId: String(logged.id),
    after: {
      milestone: milestone.slug,
      ...update,
      note: entry.note,
      evidenceUrl: entry.evidenceUrl,
      happenedOn: isoDay(entry.happenedOn),
      seedKey: entry.seedKey,
    },
    at,
  });
  return { progressUpdateId: logged.id, milestone: milestone.slug, version: changed.version };
}

/** Logs progress inside the caller's transaction, for an editor (the form and bulk import). */
export async function applyProgressUpdate(tx: Tx, actor: Actor, input: unknown): Promise<LoggedProgress> {
  requireRole(actor, "editor");
  const { expectedVersion, milestone, ...entry } = parseFields(progressUpdateSchema, input);
  return recordProgress(tx, actor, await findForProgress(tx, milestone), expectedVersion, entry);
}

export async function logProgress(viewer: Viewer, input: unknown): Promise<LoggedProgress> {
  const actor = requireRole(viewer, "editor");
  const logged = await db().$transaction((tx) => applyProgressUpdate(tx, actor, input));
  return logged;
}
