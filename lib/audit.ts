import "server-only";
import type { Prisma } from "./generated/prisma/client";

/** A Prisma transaction client: every write and its audit event share one. */
export type Tx = Prisma.TransactionClient;

export type AuditEventInput = {
  /** Null when no one is signed in (a failed sign-in). */
  actorId: string | null;
  /** What happened, e.g. "milestone.update", "progress.log", "signin.failure". */
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
};

/** Plain JSON, dates as ISO strings. */
function toJson(value: unknown): Prisma.InputJsonValue {
  return JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue;
}

/** Appends one audit event inside the caller's transaction, so the change and its record commit together. */
export async function recordAuditEvent(tx: Tx, event: AuditEventInput): Promise<void> {
  await tx.auditEvent.create({
    data: {
      actorId: event.actorId,
      action: event.action,
      entityType: event.entityType,
      entityId: event.entityId,
      ...(event.before == null ? {} : { before: toJson(event.before) }),
      ...(event.after == null ? {} : { after: toJson(event.after) }),
    },
  });
}
