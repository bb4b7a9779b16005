import "server-only";
import type { Prisma } from "./generated/prisma/client";

/** A Prisma transaction client: every write and its audit event share one. */
export type Tx = Prisma.TransactionClient;

/** What an audit event is about: the history views read these names. */
export type AuditEntity = "Milestone" | "ProgressUpdate" | "Reschedule" | "Snapshot" | "User" | "SignIn";

/** What happened. */
export type AuditAction =
  | "milestone.seeded"
  | "milestone.seed-correction"
  | "milestone.create"
  | "milestone.update"
  | "milestone.progress"
  | "milestone.reschedule"
  | "milestone.archive"
  | "milestone.restore"
  | "progress.log"
  | "progress.seeded"
  | "snapshot.freeze"
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
  /** When it was recorded (`recordingMoment`), for history that "as known on" reports read; else now. */
  at?: Date;
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
      ...(event.at ? { at: event.at } : {}),
    },
  });
}

/** The advisory lock that orders the recording of history against the freezing of snapshots. */
const historyLock = 0x7261_636b; // "rack": any constant the tracker uses for nothing else

/**
 * The moment a transaction records history (progress updates, reschedules,
 * milestone changes), taken under a shared lock that freezing a snapshot takes
 * exclusively (`knownUntilNow`). So everything recorded before a snapshot's
 * moment has committed when it is frozen, and everything committed after it is
 * recorded later: a frozen report never gains a row. The database's clock, so
 * that every instance of the tracker agrees.
 */
export async function recordingMoment(tx: Tx): Promise<Date> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock_shared(${historyLock}::bigint)`;
  const [row] = await tx.$queryRaw<{ now: Date }[]>`SELECT clock_timestamp() AS now`;
  return row!.now;
}

/**
 * The moment before which all history has been recorded and committed: waits
 * for the transactions recording history now to finish, and keeps new ones
 * waiting until it has the moment (see `recordingMoment`).
 */
export async function knownUntilNow(tx: Tx): Promise<Date> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${historyLock}::bigint)`;
  const [row] = await tx.$queryRaw<{ now: Date }[]>`SELECT clock_timestamp() AS now`;
  return row!.now;
}
