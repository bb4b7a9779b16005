import "server-only";
import type { Prisma } from "./generated/prisma/client";

/** A Prisma transaction client: every write and its audit event share one. */
export type Tx = Prisma.TransactionClient;

/** What an audit event is about: the history views read these names. */
export type AuditEntity = "Milestone" | "ProgressUpdate" | "User" | "SignIn";

/** What happened. */
export type AuditAction =
  | "milestone.seeded"
  | "milestone.create"
  | "milestone.update"
  | "milestone.progress"
  | "milestone.archive"
  | "progress.log"
  | "user.created"
  | "user.invite"
  | "user.role"
  | "user.deactivate"
  | "user.reactivate"
  | "user.password-set"
  | "user.password-changed"
  | "user.password-reset"
  | "user.password-reset-requested"
  | "signin.failure"
  | "signin.lockout"
  | "signin.refused-locked"
  | "signin.sso-refused";

export type AuditEventInput = {
  /** Null when no one is signed in (a failed sign-in), or for the seed. */
  actorId: string | null;
  action: AuditAction;
  entityType: AuditEntity;
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
