import "server-only";
import { db } from "../db";
import type { Prisma } from "../generated/prisma/client";
import { changedFields, type FieldChange } from "./edits";
import { requireRole, type Viewer } from "../auth/roles";

// The audit trail as staff read it: who did what, when, field by field.

export type HistoryEntry = {
  id: number;
  at: Date;
  action: string;
  actor: string | null;
  /** The milestone the entry is about, when it is about one. */
  milestone: string | null;
  changes: FieldChange[];
};

type EventRow = {
  id: number;
  at: Date;
  action: string;
  entityType: string;
  entityId: string;
  before: Prisma.JsonValue;
  after: Prisma.JsonValue;
  actor: { email: string } | null;
};

const eventSelect = {
  id: true,
  at: true,
  action: true,
  entityType: true,
  entityId: true,
  before: true,
  after: true,
  actor: { select: { email: true } },
} satisfies Prisma.AuditEventSelect;

type JsonObject = Record<string, unknown>;
const asObject = (value: Prisma.JsonValue): JsonObject | null => (value && typeof value === "object" && !Array.isArray(value) ? (value as JsonObject) : null);

function toEntry(event: EventRow, milestoneSlugs: Map<string, string>): HistoryEntry {
  const before = asObject(event.before);
  const after = asObject(event.after);
  const milestone =
    event.entityType === "Milestone"
      ? (milestoneSlugs.get(event.entityId) ?? (after?.slug as string | undefined) ?? null)
      : event.entityType === "ProgressUpdate" || event.entityType === "Reschedule"
        ? ((after?.milestone as string | undefined) ?? null)
        : null;
  return { id: event.id, at: event.at, action: event.action, actor: event.actor?.email ?? null, milestone, changes: changedFields(before, after) };
}

/** Every change to one milestone and every progress update on it, newest first. Staff only. */
export async function getMilestoneHistory(viewer: Viewer, slug: string): Promise<HistoryEntry[] | null> {
  requireRole(viewer, "viewer");
  const milestone = await db().milestone.findUnique({
    where: { slug },
    select: { id: true, progressUpdates: { select: { id: true } }, reschedules: { select: { id: true } } },
  });
  if (!milestone) return null;
  const events = await db().auditEvent.findMany({
    where: {
      OR: [
        { entityType: "Milestone", entityId: String(milestone.id) },
        { entityType: "ProgressUpdate", entityId: { in: milestone.progressUpdates.map((update) => String(update.id)) } },
        { entityType: "Reschedule", entityId: { in: milestone.reschedules.map((reschedule) => String(reschedule.id)) } },
      ],
    },
    orderBy: { id: "desc" },
    select: eventSelect,
  });
  const slugs = new Map([[String(milestone.id), slug]]);
  return events.map((event) => toEntry(event, slugs));
}

/** The latest changes across the tracker. Sign-in and user events are for admins only. */
export async function listRecentActivity(viewer: Viewer, take = 20): Promise<HistoryEntry[]> {
  const staff = requireRole(viewer, "viewer");
  const entityTypes =
    staff.role === "admin"
      ? ["Milestone", "ProgressUpdate", "Reschedule", "Snapshot", "User", "SignIn"]
      : ["Milestone", "ProgressUpdate", "Reschedule", "Snapshot"];
  const events = await db().auditEvent.findMany({
    where: { entityType: { in: entityTypes } },
    orderBy: { id: "desc" },
    take,
    select: eventSelect,
  });
  const milestoneIds = events.filter((event) => event.entityType === "Milestone").map((event) => Number(event.entityId));
  const milestones = await db().milestone.findMany({ where: { id: { in: milestoneIds } }, select: { id: true, slug: true } });
  const slugs = new Map(milestones.map((milestone) => [String(milestone.id), milestone.slug]));
  return events.map((event) => toEntry(event, slugs));
}
