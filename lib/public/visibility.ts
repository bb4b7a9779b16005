import "server-only";
import { db } from "../db";
import { Prisma } from "../generated/prisma/client";
import { seesInternal, type Viewer } from "../auth/roles";

// What the public may see, stated once. Staff (any role) see everything that
// is not archived. The public sees public milestones, and of their progress
// updates those that say something public: a public note, or a change of
// status or progress; an internal note and its evidence stay internal. Every
// move of a visible milestone's target date is public. Of a public milestone
// withdrawn from tracking (archived), the public sees only that it was
// withdrawn, when and why; nothing else of it, in any page, list or file. Each
// rule has its query form (Prisma, or SQL for the exports that read rows
// straight from the driver) and its form for one row in memory, side by side;
// tests/integration/visibility.test.ts feeds the same rows to every form.

/** Milestones the viewer may see. */
export function visibleMilestones(viewer: Viewer): Prisma.MilestoneWhereInput {
  return seesInternal(viewer) ? { archivedAt: null } : { archivedAt: null, isPublic: true };
}

export function visibleMilestonesSql(viewer: Viewer, alias: string): Prisma.Sql {
  const m = Prisma.raw(`"${alias}"`);
  return seesInternal(viewer) ? Prisma.sql`${m}."archivedAt" IS NULL` : Prisma.sql`${m}."archivedAt" IS NULL AND ${m}."isPublic"`;
}

export function seesMilestone(viewer: Viewer, milestone: { archivedAt: Date | null; isPublic: boolean }): boolean {
  return milestone.archivedAt === null && (seesInternal(viewer) || milestone.isPublic);
}

/** Archived milestones whose withdrawal the public is told of: those that were public. */
export function withdrawnMilestones(): Prisma.MilestoneWhereInput {
  return { archivedAt: { not: null }, isPublic: true };
}

export function seesWithdrawal(milestone: { archivedAt: Date | null; isPublic: boolean }): boolean {
  return milestone.archivedAt !== null && milestone.isPublic;
}

type UpdateFacts = { noteIsPublic: boolean; statusBefore: string; statusAfter: string; progressBefore: number; progressAfter: number };

/** Progress updates the viewer may see (of milestones they may see). */
export function visibleUpdates(viewer: Viewer): Prisma.ProgressUpdateWhereInput {
  if (seesInternal(viewer)) return {};
  const fields = db().progressUpdate.fields;
  return {
    OR: [{ noteIsPublic: true }, { NOT: { statusBefore: { equals: fields.statusAfter } } }, { NOT: { progressBefore: { equals: fields.progressAfter } } }],
  };
}

export function visibleUpdatesSql(viewer: Viewer, alias: string): Prisma.Sql {
  const p = Prisma.raw(`"${alias}"`);
  return seesInternal(viewer)
    ? Prisma.sql`true`
    : Prisma.sql`(${p}."noteIsPublic" OR ${p}."statusBefore" <> ${p}."statusAfter" OR ${p}."progressBefore" <> ${p}."progressAfter")`;
}

export function seesUpdate(viewer: Viewer, update: UpdateFacts): boolean {
  return seesInternal(viewer) || update.noteIsPublic || update.statusBefore !== update.statusAfter || update.progressBefore !== update.progressAfter;
}

/** Whether the viewer may read an update's note, and its evidence, which may be as internal as the note. */
export function readableNoteSql(viewer: Viewer, alias: string): Prisma.Sql {
  return seesInternal(viewer) ? Prisma.sql`true` : Prisma.sql`${Prisma.raw(`"${alias}"`)}."noteIsPublic"`;
}

export function readsNote(viewer: Viewer, update: Pick<UpdateFacts, "noteIsPublic">): boolean {
  return seesInternal(viewer) || update.noteIsPublic;
}

type NoteFields = { note: string; noteEs?: string | null; noteJa?: string | null; evidenceUrl: string | null };

/** An update's note, its translations and evidence as the viewer may read them: blanked when internal. */
export function noteFor<Update extends { noteIsPublic: boolean } & NoteFields>(
  viewer: Viewer,
  update: Update,
): Omit<Update, keyof NoteFields> & { note: string | null; noteEs: string | null; noteJa: string | null; evidenceUrl: string | null } {
  const readable = readsNote(viewer, update);
  return {
    ...update,
    note: readable ? update.note : null,
    noteEs: readable ? (update.noteEs ?? null) : null,
    noteJa: readable ? (update.noteJa ?? null) : null,
    evidenceUrl: readable ? update.evidenceUrl : null,
  };
}
