import "server-only";
import { z } from "zod";
import { recordAuditEvent, type AuditAction, type Tx } from "../audit";
import { isoDayOrNull } from "../dates";
import { db } from "../db";
import { ConflictError, NotFoundError, ValidationError } from "../errors";
import {
  checkbox,
  fieldError,
  httpUrl,
  optionalCalendarDay,
  optionalParagraphs,
  optionalText,
  parseFields,
  progressPercent,
  requiredParagraphs,
  requiredText,
  version,
} from "../forms/fields";
import type { Prisma } from "../generated/prisma/client";
import { MilestoneKind, MilestoneStatus } from "../generated/prisma/enums";
import { milestoneFieldsSelect } from "./list";
import { translatedColumns, type TranslatedText } from "../translations";
import { requireRole, type Actor, type Viewer } from "../auth/roles";

/** Every field of a milestone a person can edit, as the edit form and bulk import send them. */
export const milestoneFieldsSchema = z.object({
  pillar: z.string({ error: fieldError.required }).trim().min(1, fieldError.required).max(80, fieldError.unknownValue),
  titleEn: requiredText(300),
  titleEs: optionalText(300),
  titleJa: optionalText(300),
  summaryEn: requiredParagraphs(4000),
  summaryEs: optionalParagraphs(4000),
  summaryJa: optionalParagraphs(4000),
  kind: z.enum(MilestoneKind, { error: fieldError.unknownValue }),
  status: z.enum(MilestoneStatus, { error: fieldError.unknownValue }),
  progress: progressPercent,
  targetDate: optionalCalendarDay,
  completedOn: optionalCalendarDay,
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
export const milestoneInputSchema = milestoneFieldsSchema.extend({ slug: slugSchema }).superRefine(checkCompletion);

/** An edit: any subset of the fields, plus the version the editor loaded. */
export const milestoneUpdateSchema = milestoneFieldsSchema.partial().extend({ expectedVersion: version });

export type MilestoneInput = z.input<typeof milestoneInputSchema>;
export type MilestoneUpdateInput = z.input<typeof milestoneUpdateSchema>;

type CompletionFields = Pick<MilestoneFields, "status" | "progress" | "completedOn">;

/**
 * A completed milestone is at 100 % and has a completion date; any other has
 * none. We refuse rather than fix silently, so the editor decides.
 */
function checkCompletion(fields: CompletionFields, context: z.RefinementCtx): void {
  if (fields.status === "completed") {
    if (fields.progress < 100) context.addIssue({ code: "custom", path: ["progress"], message: fieldError.completedNeedsFullProgress });
    if (!fields.completedOn) context.addIssue({ code: "custom", path: ["completedOn"], message: fieldError.completedOnRequired });
  } else if (fields.completedOn) {
    context.addIssue({ code: "custom", path: ["completedOn"], message: fieldError.completedOnOnlyWhenCompleted });
  }
}

/** What the history and conflict messages compare, field by field. */
export const milestoneSnapshotSelect = {
  id: true,
  version: true,
  ...milestoneFieldsSelect,
  archivedAt: true,
  pillar: { select: { slug: true } },
} satisfies Prisma.MilestoneSelect;

type MilestoneRow = Prisma.MilestoneGetPayload<{ select: typeof milestoneSnapshotSelect }>;

/** The milestone as it is stored in audit events: flat, JSON-ready. */
export type MilestoneSnapshot = Omit<MilestoneRow, "pillar" | "targetDate" | "completedOn" | "archivedAt"> & {
  pillar: string;
  targetDate: string | null;
  completedOn: string | null;
  archivedAt: string | null;
};

export function snapshotOf(row: MilestoneRow): MilestoneSnapshot {
  const { pillar, targetDate, completedOn, archivedAt, ...rest } = row;
  return {
    ...rest,
    pillar: pillar.slug,
    targetDate: isoDayOrNull(targetDate),
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

async function findEditable(tx: Tx, slug: string): Promise<MilestoneRow> {
  const row = await tx.milestone.findUnique({ where: { slug }, select: milestoneSnapshotSelect });
  if (!row || row.archivedAt) throw new NotFoundError(`No milestone ${slug}`);
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
 * the audit event; throws ConflictError otherwise. The conditional UPDATE makes
 * two concurrent saves of one version end with exactly one winner.
 */
export async function writeMilestoneChange(
  tx: Tx,
  actor: Actor,
  action: AuditAction,
  before: MilestoneRow,
  expectedVersion: number,
  changes: Prisma.MilestoneUncheckedUpdateManyInput,
): Promise<MilestoneSnapshot> {
  if (before.version !== expectedVersion) throw await conflictSince(tx, before, expectedVersion);
  const { count } = await tx.milestone.updateMany({
    where: { id: before.id, version: expectedVersion },
    data: { ...changes, version: { increment: 1 } },
  });
  if (count === 0) throw await conflictSince(tx, await findEditable(tx, before.slug), expectedVersion);
  const after = await tx.milestone.findUniqueOrThrow({ where: { id: before.id }, select: milestoneSnapshotSelect });
  await recordAuditEvent(tx, {
    actorId: actor.id,
    action,
    entityType: "Milestone",
    entityId: String(before.id),
    before: snapshotOf(before),
    after: snapshotOf(after),
  });
  return snapshotOf(after);
}

/** Creates a milestone inside the caller's transaction (the form and bulk import). */
export async function applyMilestoneCreate(tx: Tx, actor: Actor, input: unknown): Promise<MilestoneSnapshot> {
  requireRole(actor, "editor");
  const { pillar, ...fields } = parseFields(milestoneInputSchema, input);
  const pillarId = await pillarIdOf(tx, pillar);
  if (await tx.milestone.findUnique({ where: { slug: fields.slug }, select: { id: true } })) {
    throw new ValidationError({ slug: [fieldError.slugTaken] });
  }
  const created = await tx.milestone.create({ data: { ...fields, pillarId }, select: milestoneSnapshotSelect });
  await recordAuditEvent(tx, {
    actorId: actor.id,
    action: "milestone.create",
    entityType: "Milestone",
    entityId: String(created.id),
    after: snapshotOf(created),
  });
  return snapshotOf(created);
}

/** Edits a milestone inside the caller's transaction; refuses with ConflictError if it changed since `expectedVersion`. */
export async function applyMilestoneUpdate(tx: Tx, actor: Actor, slug: string, input: unknown): Promise<MilestoneSnapshot> {
  requireRole(actor, "editor");
  const { expectedVersion, pillar, ...fields } = parseFields(milestoneUpdateSchema, input);
  const before = await findEditable(tx, slug);
  // The completion rule applies to the milestone as it will be, not only to the fields sent.
  const completion = z.custom<CompletionFields>().superRefine(checkCompletion);
  parseFields(completion, {
    status: fields.status ?? before.status,
    progress: fields.progress ?? before.progress,
    completedOn: fields.completedOn === undefined ? before.completedOn : fields.completedOn,
  });
  const pillarId = pillar === undefined ? undefined : await pillarIdOf(tx, pillar);
  return writeMilestoneChange(tx, actor, "milestone.update", before, expectedVersion, { ...fields, pillarId });
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

/** Takes a milestone off every page and list; only admins may. Its history stays. */
export async function archiveMilestone(viewer: Viewer, slug: string, expectedVersion: number): Promise<MilestoneSnapshot> {
  const actor = requireRole(viewer, "admin");
  const loaded = parseFields(z.object({ expectedVersion: version }), { expectedVersion });
  const archived = await db().$transaction(async (tx) =>
    writeMilestoneChange(tx, actor, "milestone.archive", await findEditable(tx, slug), loaded.expectedVersion, { archivedAt: new Date() }),
  );
  return archived;
}

/** A milestone as the edit and progress forms load it, with the version to send back. Staff only. */
export async function getEditableMilestone(viewer: Viewer, slug: string): Promise<MilestoneSnapshot | null> {
  requireRole(viewer, "viewer");
  const row = await db().milestone.findUnique({ where: { slug }, select: milestoneSnapshotSelect });
  return row && !row.archivedAt ? snapshotOf(row) : null;
}

/** The pillars a milestone can belong to, in the road map's order. */
export async function listPillarChoices(): Promise<{ slug: string; name: TranslatedText }[]> {
  const pillars = await db().pillar.findMany({
    orderBy: [{ roadmapId: "asc" }, { position: "asc" }],
    select: { slug: true, nameEn: true, nameEs: true, nameJa: true },
  });
  return pillars.map((pillar) => ({ slug: pillar.slug, name: translatedColumns(pillar, "name") }));
}
