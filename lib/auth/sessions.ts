import "server-only";
import { randomBytes } from "node:crypto";
import type { Tx } from "../audit";
import { db } from "../db";
import { readAuthSettings } from "../env";
import type { Role } from "../generated/prisma/enums";

// Sessions the server can end. The encrypted cookie carries a session id; the
// session's row must exist, be unexpired and not ended, and its user active,
// on every request. Ending a row signs that browser out at its next click,
// whichever instance it reaches.

export type SessionEndReason = "sign-out" | "password-changed" | "password-reset" | "deactivated" | "role-changed" | "invited-again";

export type SessionUser = { id: string; role: Role; email: string; name: string | null; sessionId: string };

/** Opens a session for a user who just signed in; returns its id for the cookie. */
export async function startSession(userId: string, now = new Date()): Promise<string> {
  const id = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + readAuthSettings().sessionHours * 60 * 60 * 1000);
  await db().$transaction(async (tx) => {
    // Long-expired rows of this user go when a new one comes.
    await tx.session.deleteMany({ where: { userId, expiresAt: { lt: new Date(now.getTime() - 30 * 86_400_000) } } });
    await tx.session.create({ data: { id, userId, expiresAt }, select: { id: true } });
  });
  return id;
}

/** The user of a live session, as the database has them now; null once it ended, expired or the user was deactivated. */
export async function sessionUser(sessionId: string, now = new Date()): Promise<SessionUser | null> {
  const session = await db().session.findUnique({
    where: { id: sessionId },
    select: { expiresAt: true, endedAt: true, user: { select: { id: true, role: true, email: true, name: true, active: true } } },
  });
  if (!session || session.endedAt || session.expiresAt <= now || !session.user.active) return null;
  const { id, role, email, name } = session.user;
  return { id, role, email, name, sessionId };
}

/** Ends one session (signing out). */
export async function endSession(sessionId: string, reason: SessionEndReason): Promise<void> {
  await db().session.updateMany({ where: { id: sessionId, endedAt: null }, data: { endedAt: new Date(), endReason: reason } });
}

/** Ends every live session of a user, but `keep` (the one making the change), inside the caller's transaction. */
export async function endSessionsOf(tx: Tx, userId: string, reason: SessionEndReason, keep?: string): Promise<number> {
  const { count } = await tx.session.updateMany({
    where: { userId, endedAt: null, ...(keep ? { id: { not: keep } } : {}) },
    data: { endedAt: new Date(), endReason: reason },
  });
  return count;
}
