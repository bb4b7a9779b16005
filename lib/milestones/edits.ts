import "server-only";
import { z } from "zod";
import { recordAuditEvent, recordingMoment, type AuditAction, type Tx } from "../audit";
import { dayLimits, isoDay, isoDayOrNull, type RoadmapSpan } from "../dates";
import { db } from "../db";
import { ConflictError, NotFoundError, ValidationError } from "../errors";
import {
  checkbox,
  fieldError,
  httpUrl,
  limitError,
  optionalCalendarDay,
  optionalParagraphs,
  optionalText,
  parseFields,
  requiredParagraphs,
  requiredText,
  version,
} from "../forms/fields";
import type { Prisma } from "../generated/prisma/client";
import { MilestoneKind } from "../generated/prisma/enums";
import { milestoneFieldsSelect } from "./list";
import { spanOfPillar } from "./roadmap";
import { translatedColumns, type TranslatedText } from "../translations";
import { requireRole, type Actor, type Viewer } from "../auth/roles";

/**
 * Every field of a milestone a person edits, as the edit form and bulk import
 * send them. Status, progress and completion date are not among them: they
 * change only as a progress update (lib/milestones/progress.ts).
 */
export const milestoneFieldsSchema = z.object({
  pillar: z.string({ error: fieldError.required }).trim().min(1, fieldError.required).max(80, fieldError.unknownValue),
  titleEn: requiredText(300),
  titleEs: optionalText(300),
  titleJa: optionalText(300),
  summaryEn: requiredParagraphs(4000),
  summaryEs: optionalParagraphs(4000),
  summaryJa: optionalParagraphs(4000),
  kind: z.enum(MilestoneKind, { error: fieldError.unknownValue }),
  targetDate: optionalCalendarDay,
  leadAgencyA: optionalText(200),
  leadAgencyB: optionalText(200),
  location: optionalText(200),
  isPublic: checkbox,
  sourceUrl: httpUrl,
});

export type MilestoneFields = z.output<typeof milestoneFieldsSchema>;

const slugSchema = z
  .string({ error: fieldError.required })
  .trim()
  .min(1, fieldError.required)
  .max(80, fieldError.tooLong)
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, fieldError.slugFormat);

/** A new milestone: its URL slug and every field. */
export const milestoneInputSchema = milestoneFieldsSchema.extend({ slug: slugSchema });

/** An edit: any subset of the fields, the version the editor loaded, and why the target date moved when it did. */
export const milestoneUpdateSchema = milestoneFieldsSchema.partial().extend({ expectedVersion: version, rescheduleReason: optionalParagraphs(2000) });

export type MilestoneInput = z.input<typeof milestoneInputSchema>;
export type MilestoneUpdateInput = z.input<typeof milestoneUpdateSchema> & Record<string, unknown>;

/** What the history and conflict messages compare, field by field. */
export const milestoneSnapshotSelect = {
  id: true,
  version: true,
  ...milestoneFieldsSelect,
  baselineTargetDate: true,
  archivedAt: true,
  archiveReason: true,
  pillar: { select: { id: true, slug: true } },
} satisfies Prisma.MilestoneSelect;

export type MilestoneRow = Prisma.MilestoneGetPayload<{ select: typeof milestoneSnapshotSelect }>;

/** The milestone as it is stored in audit events: flat, JSON-ready, every field (the "as known on" reports read them back). */
export type MilestoneSnapshot = Omit<MilestoneRow, "pillar" | "targetDate" | "baselineTargetDate" | "completedOn" | "archivedAt"> & {
  pillar: string;
  targetDate: string | null;
  baselineTargetDate: string | null;
  completedOn: string | null;
  archivedAt: string | null;
};

export function snapshotOf(row: MilestoneRow): MilestoneSnapshot {
  const { pillar, targetDate, baselineTargetDate, completedOn, archivedAt, ...rest } = row;
  return {
    ...rest,
    pillar: pillar.slug,
    targetDate: isoDayOrNull(targetDate),
    baselineTargetDate: isoDayOrNull(baselineTargetDate),
    completedOn: isoDayOrNull(completedOn),
    archivedAt: archivedAt?.toISOString() ?? null,
  };
}

export type FieldChange = { field: string; before: unknown; after: unknown };

/** The fields that differ between two snapshots, leaving out the version counter. */
export function changedFields(before: Partial<Record<string, unknown>> | null, after: Partial<Record<string, unknown>> | null): FieldChange[] {
  const fields = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  fields.delete("version");
  return [...fields]
    .filter((field) => JSON.stringify(before?.[field] ?? null) !== JSON.stringify(after?.[field] ?? null))
    .map((field) => ({ field, before: before?.[field] ?? null, after: after?.[field] ?? null }));
}

async function pillarIdOf(tx: Tx, slug: string): Promise<number> {
  const pillar = await tx.pillar.findFirst({ where: { slug }, select: { id: true } });
  if (!pillar) throw new ValidationError({ pillar: [fieldError.unknownValue] });
  return pillar.id;
}

/** The milestone for a write; an archived one can only be restored. */
async function findEditable(tx: Tx, slug: string, { archived = false } = {}): Promise<MilestoneRow> {
  const row = await tx.milestone.findUnique({ where: { slug }, select: milestoneSnapshotSelect });
  if (!row || (row.archivedAt !== null) !== archived) throw new NotFoundError(`No milestone ${slug}`);
  return row;
}

/** Loads a milestone for a change of its status (lib/milestones/progress.ts); unknown and archived ones are refused. */
export async function findForProgress(tx: Tx, slug: string): Promise<MilestoneRow> {
  const row = await tx.milestone.findUnique({ where: { slug }, select: milestoneSnapshotSelect });
  if (!row || row.archivedAt) throw new ValidationError({ milestone: [fieldError.unknownValue] });
  return row;
}

/**
 * The refusal for an edit based on `expectedVersion` when someone saved since:
 * what they changed, from the version the editor loaded to the current one.
 */
export async function conflictSince(tx: Tx, current: MilestoneRow, expectedVersion: number): Promise<ConflictError> {
  const events = await tx.auditEvent.findMany({
    where: { entityType: "Milestone", entityId: String(current.id) },
    orderBy: { id: "asc" },
    select: { before: true },
  });
  const loaded = events.map((event) => event.before as Partial<MilestoneSnapshot> | null).find((before) => before?.version === expectedVersion);
  return new ConflictError(current.version, loaded ? changedFields(loaded, snapshotOf(current)) : []);
}

/**
 * Writes `changes` to the milestone if it is still at `expectedVersion`, with
 * the audit event (full snapshots before and after), recorded at `at`; throws
 * ConflictError otherwise. The conditional UPDATE makes two concurrent saves of
 * one version end with exactly one winner. `expectedVersion` null is the
 * seed's: it writes what it checked in the same transaction.
 */
export async function writeMilestoneChange(
  tx: Tx,
  actorId: string | null,
  action: AuditAction,
  before: MilestoneRow,
  expectedVersion: number | null,
  changes: Prisma.MilestoneUncheckedUpdateManyInput,
  at: Date,
): Promise<MilestoneSnapshot> {
  const loaded = expectedVersion ?? before.version;
  if (before.version !== loaded) throw await conflictSince(tx, before, loaded);
  const { count } = await tx.milestone.updateMany({
    where: { id: before.id, version: loaded },
    data: { ...changes, version: { increment: 1 } },
  });
  if (count === 0) {
    const current = await tx.milestone.findUniqueOrThrow({ where: { id: before.id }, select: milestoneSnapshotSelect });
    throw await conflictSince(tx, current, loaded);
  }
  const after = await tx.milestone.findUniqueOrThrow({ where: { id: before.id }, select: milestoneSnapshotSelect });
  await recordAuditEvent(tx, {
    actorId,
    action,
    entityType: "Milestone",
    entityId: String(before.id),
    before: snapshotOf(before),
    after: snapshotOf(after),
    at,
  });
  return snapshotOf(after);
}

/** Refuses a target date outside the road map's span (lib/dates.ts), naming the limit. */
function checkTargetDate(targetDate: Date | null | undefined, span: RoadmapSpan): void {
  if (!targetDate) return;
  const { target } = dayLimits(span);
  if (targetDate < target.min) throw new ValidationError({ targetDate: [limitError("targetTooEarly", target.min)] });
  if (targetDate > target.max) throw new ValidationError({ targetDate: [limitError("targetTooLate", target.max)] });
}

/**
 * Status, progress and completion date are not the edit form's: a value for
 * them is refused unless it is what the milestone already has (a form or file
 * that carries them unchanged), so nothing changes them behind the history.
 * These are the refusals, by field.
 */
function progressFieldErrors(input: unknown, current: { status: string; progress: number; completedOn: Date | null }): Record<string, string[]> {
  if (!input || typeof input !== "object") return {};
  const given = input as Record<string, unknown>;
  const text = (value: unknown) => (value === undefined || value === null ? "" : value instanceof Date ? isoDay(value) : String(value).trim());
  const errors: Record<string, string[]> = {};
  if ("status" in given && text(given.status) !== current.status) errors.status = [fieldError.statusThroughProgress];
  if ("progress" in given && text(given.progress) !== String(current.progress)) errors.progress = [fieldError.statusThroughProgress];
  if ("completedOn" in given && text(given.completedOn) !== (isoDayOrNull(current.completedOn) ?? "")) errors.completedOn = [fieldError.statusThroughProgress];
  return errors;
}

/** `parseFields`, with the refusals of status, progress and completion date among the fields' errors. */
function parseEdit<Schema extends z.ZodType>(schema: Schema, input: unknown, current: { status: string; progress: number; completedOn: Date | null }) {
  const refused = progressFieldErrors(input, current);
  let parsed: z.output<Schema>;
  try {
    parsed = parseFields(schema, input);
  } catch (error) {
    if (error instanceof ValidationError) throw new ValidationError({ ...error.fieldErrors, ...refused });
    throw error;
  }
  if (Object.keys(refused).length > 0) throw new ValidationError(refused);
  return parsed;
}

/** Creates a milestone inside the caller's transaction (the form and bulk import): planned, at 0 %, with no history yet. */
export async function applyMilestoneCreate(tx: Tx, actor: Actor, input: unknown): Promise<MilestoneSnapshot> {
  requireRole(actor, "editor");
  const { pillar, ...fields } = parseEdit(milestoneInputSchema, input, { status: "planned", progress: 0, completedOn: null });
  const pillarId = await pillarIdOf(tx, pillar);
  checkTargetDate(fields.targetDate, await spanOfPillar(tx, pillarId));
  if (await tx.milestone.findUnique({ where: { slug: fields.slug }, select: { id: true } })) {
    throw new ValidationError({ slug: [fieldError.slugTaken] });
  }
  const at = await recordingMoment(tx);
  const created = await tx.milestone.create({
    data: { ...fields, pillarId, baselineTargetDate: fields.targetDate, createdAt: at, recordedAt: at, publicChangedAt: at },
    select: milestoneSnapshotSelect,
  });
  await recordAuditEvent(tx, {
    actorId: actor.id,
    action: "milestone.create",
    entityType: "Milestone",
    entityId: String(created.id),
    after: snapshotOf(created),
    at,
  });
  return snapshotOf(created);
}

/** Texts and dates compare as the form writes them: a day as YYYY-MM-DD, nothing as null. */
const comparable = (value: unknown) => (value instanceof Date ? isoDay(value) : (value ?? null));

/**
 * Edits a milestone inside the caller's transaction. Only the fields that
 * differ are written; a save that changes nothing writes nothing and keeps the
 * version. A moved target date needs a reason and becomes a public
 * "rescheduled" entry. Refuses with ConflictError if the milestone changed
 * since `expectedVersion`.
 */
export async function applyMilestoneUpdate(tx: Tx, actor: Actor, slug: string, input: unknown): Promise<MilestoneSnapshot> {
  requireRole(actor, "editor");
  const before = await findEditable(tx, slug);
  const { expectedVersion, rescheduleReason, pillar, ...fields } = parseEdit(milestoneUpdateSchema, input, before);
  const changes: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(fields)) {
    if (value !== undefined && comparable(value) !== comparable(before[field as keyof MilestoneRow])) changes[field] = value;
  }
  if (pillar !== undefined && pillar !== before.pillar.slug) changes.pillarId = await pillarIdOf(tx, pillar);
  if (Object.keys(changes).length === 0) return snapshotOf(before);

  const moved = "targetDate" in changes;
  if (moved) checkTargetDate(fields.targetDate, await spanOfPillar(tx, (changes.pillarId as number | undefined) ?? before.pillar.id));
  // Setting a first target date is not a move; moving or removing one needs its reason.
  if (moved && before.targetDate && !rescheduleReason) throw new ValidationError({ rescheduleReason: [fieldError.rescheduleReasonRequired] });
  const at = await recordingMoment(tx);
  const publicBefore = before.isPublic;
  const after = await writeMilestoneChange(
    tx,
    actor.id,
    "milestone.update",
    before,
    expectedVersion,
    {
      ...changes,
      ...(moved && !before.baselineTargetDate ? { baselineTargetDate: fields.targetDate } : {}),
      ...(publicBefore || fields.isPublic ? { publicChangedAt: at } : {}),
    },
    at,
  );
  if (moved) {
    const reschedule = await tx.reschedule.create({
      data: {
        milestoneId: before.id,
        authorId: actor.id,
        targetDateBefore: before.targetDate,
        targetDateAfter: fields.targetDate ?? null,
        reason: rescheduleReason ?? "",
        recordedAt: at,
      },
      select: { id: true },
    });
    await recordAuditEvent(tx, {
      actorId: actor.id,
      action: "milestone.reschedule",
      entityType: "Reschedule",
      entityId: String(reschedule.id),
      after: { milestone: slug, targetDateBefore: isoDayOrNull(before.targetDate), targetDateAfter: after.targetDate, reason: rescheduleReason ?? "" },
      at,
    });
  }
  return after;
}

export async function createMilestone(viewer: Viewer, input: unknown): Promise<MilestoneSnapshot> {
  const actor = requireRole(viewer, "editor");
  const created = await db().$transaction((tx) => applyMilestoneCreate(tx, actor, input));
  return created;
}

export async function updateMilestone(viewer: Viewer, slug: string, input: unknown): Promise<MilestoneSnapshot> {
  const actor = requireRole(viewer, "editor");
  const updated = await db().$transaction((tx) => applyMilestoneUpdate(tx, actor, slug, input));
  return updated;
}

const archiveSchema = z.object({ expectedVersion: version, reason: requiredParagraphs(2000) });
const restoreSchema = z.object({ expectedVersion: version });

/**
 * Withdraws a milestone from tracking: off every list, page and file; a public
 * one keeps a public page saying when and why. Its history stays, and staff
 * still read it. Only admins may, with a reason.
 */
export async function archiveMilestone(viewer: Viewer, slug: string, input: unknown): Promise<MilestoneSnapshot> {
  const actor = requireRole(viewer, "admin");
  const { expectedVersion, reason } = parseFields(archiveSchema, input);
  const archived = await db().$transaction(async (tx) => {
    const before = await findEditable(tx, slug);
    const at = await recordingMoment(tx);
    return writeMilestoneChange(tx, actor.id, "milestone.archive", before, expectedVersion, { archivedAt: at, archiveReason: reason, publicChangedAt: at }, at);
  });
  return archived;
}

/** Brings an archived milestone back into tracking, as it was. Admins only. */
export async function restoreMilestone(viewer: Viewer, slug: string, input: unknown): Promise<MilestoneSnapshot> {
  const actor = requireRole(viewer, "admin");
  const { expectedVersion } = parseFields(restoreSchema, input);
  const restored = await db().$transaction(async (tx) => {
    const before = await findEditable(tx, slug, { archived: true });
    const at = await recordingMoment(tx);
    return writeMilestoneChange(tx, actor.id, "milestone.restore", before, expectedVersion, { archivedAt: null, archiveReason: null, publicChangedAt: at }, at);
  });
  return restored;
}

/** A milestone as the staff pages load it, archived or not, with the version to send back. Staff only. */
export async function getEditableMilestone(viewer: Viewer, slug: string): Promise<MilestoneSnapshot | null> {
  requireRole(viewer, "viewer");
  const row = await db().milestone.findUnique({ where: { slug }, select: milestoneSnapshotSelect });
  return row ? snapshotOf(row) : null;
}

export type ArchivedMilestone = { slug: string; title: TranslatedText; archivedAt: Date; reason: string | null; version: number };

/** The milestones withdrawn from tracking, latest first. Staff only. */
export async function listArchivedMilestones(viewer: Viewer): Promise<ArchivedMilestone[]> {
  requireRole(viewer, "viewer");
  const rows = await db().milestone.findMany({
    where: { archivedAt: { not: null } },
    orderBy: [{ archivedAt: "desc" }, { id: "desc" }],
    select: { slug: true, titleEn: true, titleEs: true, titleJa: true, archivedAt: true, archiveReason: true, version: true },
  });
  return rows.map((row) => ({
    slug: row.slug,
    title: translatedColumns(row, "title"),
    archivedAt: row.archivedAt!,
    reason: row.archiveReason,
    version: row.version,
  }));
}

/** The pillars a milestone can belong to, in the road map's order. */
export async function listPillarChoices(): Promise<{ slug: string; name: TranslatedText }[]> {
  const pillars = await db().pillar.findMany({
    orderBy: [{ roadmapId: "asc" }, { position: "asc" }],
    select: { slug: true, nameEn: true, nameEs: true, nameJa: true },
  });
  return pillars.map((pillar) => ({ slug: pillar.slug, name: translatedColumns(pillar, "name") }));
}
