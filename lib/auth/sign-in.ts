import "server-only";
import { recordAuditEvent, type Tx } from "../audit";
import { db } from "../db";
import { hashPassword, verifyPassword } from "./passwords";

// Password checks and the lock-out. Failures are counted per email and per
// client address in the database, so every instance of the tracker shares them.

export const lockout = {
  windowMinutes: 15,
  lockMinutes: 15,
  failuresPerEmail: 5,
  failuresPerAddress: 20,
};

export type SignInRefusal = "invalid" | "locked";

export type SignInResult = { ok: true; user: { id: string; email: string; name: string | null } } | { ok: false; reason: SignInRefusal };

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

const emailKey = (email: string) => `email:${email}`;
const addressKey = (address: string) => `address:${address}`;

// Compared against when no account matches, so a missing email costs the same time as a wrong password.
let decoyHash: Promise<string> | undefined;

async function isLocked(tx: Tx, keys: string[], now: Date): Promise<boolean> {
  const locked = await tx.signInThrottle.count({ where: { key: { in: keys }, lockedUntil: { gt: now } } });
  return locked > 0;
}

/**
 * Counts one failure against `key`; returns true when this failure locks it.
 * One statement, so concurrent failures from several instances all count.
 */
async function countFailure(tx: Tx, key: string, limit: number, now: Date): Promise<boolean> {
  const windowStart = new Date(now.getTime() - lockout.windowMinutes * 60_000);
  const lockedUntil = new Date(now.getTime() + lockout.lockMinutes * 60_000);
  const [row] = await tx.$queryRaw<{ failures: number }[]>`
    INSERT INTO "SignInThrottle" ("key", "failures", "windowStartedAt")
    VALUES (${key}, 1, ${now})
    ON CONFLICT ("key") DO UPDATE SET
      "failures" = CASE WHEN "SignInThrottle"."windowStartedAt" < ${windowStart} THEN 1 ELSE "SignInThrottle"."failures" + 1 END,
      "windowStartedAt" = CASE WHEN "SignInThrottle"."windowStartedAt" < ${windowStart} THEN ${now} ELSE "SignInThrottle"."windowStartedAt" END
    RETURNING "failures"`;
  if (!row || row.failures < limit) return false;
  // Locked: the count starts again when the lock ends.
  await tx.signInThrottle.update({ where: { key }, data: { lockedUntil, failures: 0, windowStartedAt: lockedUntil } });
  return true;
}

/** A failure's audit events: the failure itself, and a lock-out when it caused one. */
async function recordFailure(email: string, address: string, userId: string | null, now: Date): Promise<void> {
  await db().$transaction(async (tx) => {
    const emailLocked = await countFailure(tx, emailKey(email), lockout.failuresPerEmail, now);
    const addressLocked = await countFailure(tx, addressKey(address), lockout.failuresPerAddress, now);
    const entity = { entityType: "SignIn" as const, entityId: email };
    await recordAuditEvent(tx, { actorId: null, action: "signin.failure", ...entity, after: { email, address, userId } });
    if (emailLocked || addressLocked) {
      await recordAuditEvent(tx, {
        actorId: null,
        action: "signin.lockout",
        ...entity,
        after: { email, address, lockedBy: emailLocked ? "email" : "address", minutes: lockout.lockMinutes },
      });
    }
  });
}

/**
 * Checks an email and password. The refusal never says whether the email
 * exists; it says "locked" only while the email or address is locked out.
 */
export async function checkPassword(rawEmail: string, password: string, address: string, now = new Date()): Promise<SignInResult> {
  const email = normalizeEmail(rawEmail).slice(0, 320);
  const locked = await db().$transaction(async (tx) => {
    if (!(await isLocked(tx, [emailKey(email), addressKey(address)], now))) return false;
    await recordAuditEvent(tx, { actorId: null, action: "signin.refused-locked", entityType: "SignIn", entityId: email, after: { email, address } });
    return true;
  });
  if (locked) return { ok: false, reason: "locked" };

  const user = await db().user.findUnique({
    where: { email },
    select: { id: true, email: true, name: true, active: true, passwordHash: true },
  });
  decoyHash ??= hashPassword("decoy password that matches nothing");
  const matches = await verifyPassword(password.slice(0, 1024), user?.passwordHash ?? (await decoyHash));
  if (!user || !user.active || !user.passwordHash || !matches) {
    await recordFailure(email, address, user?.id ?? null, now);
    return { ok: false, reason: "invalid" };
  }
  await db().signInThrottle.deleteMany({ where: { key: emailKey(email) } });
  return { ok: true, user: { id: user.id, email: user.email, name: user.name } };
}

/**
 * Single sign-on: the provider vouched for the email; the tracker lets in
 * only an active user an admin added. A refusal is audited.
 */
export async function findSingleSignOnUser(rawEmail: string | null | undefined, provider: string): Promise<{ id: string } | null> {
  const email = normalizeEmail(rawEmail ?? "");
  const user = email ? await db().user.findUnique({ where: { email }, select: { id: true, active: true } }) : null;
  if (user?.active) return { id: user.id };
  await db().$transaction((tx) =>
    recordAuditEvent(tx, { actorId: null, action: "signin.sso-refused", entityType: "SignIn", entityId: email || "(no email)", after: { email, provider } }),
  );
  return null;
}
