import "server-only";
import { z } from "zod";
import { recordAuditEvent, type AuditAction } from "../audit";
import { db } from "../db";
import { NotFoundError, ValidationError } from "../errors";
import { fieldError, parseFields } from "../forms/fields";
import { Role } from "../generated/prisma/enums";
import { hashPassword, minimumPasswordLength, verifyPassword } from "./passwords";
import { normalizeEmail } from "./sign-in";
import { requireRole, type Actor, type Viewer } from "./roles";
import { endSessionsOf } from "./sessions";

// Staff accounts, managed by admins (invitations: lib/auth/invitations.ts).

export const emailSchema = z.email({ error: fieldError.invalidEmail }).max(320, fieldError.tooLong).transform(normalizeEmail);
export const roleSchema = z.enum(Role, { error: fieldError.unknownValue });

/** A new password, typed twice: at least 12 characters, and the same both times. */
export const newPasswordFields = {
  password: z.string({ error: fieldError.required }).min(minimumPasswordLength, fieldError.passwordTooShort).max(1024, fieldError.tooLong),
  confirmation: z.string({ error: fieldError.required }),
};
export const typedTwiceAlike = (input: { password: string; confirmation: string }) => input.password === input.confirmation;
export const differentTwice = { path: ["confirmation"], message: fieldError.passwordsDiffer };

export const passwordChangeSchema = z
  .object({
    currentPassword: z.string({ error: fieldError.required }).min(1, fieldError.required).max(1024, fieldError.tooLong),
    ...newPasswordFields,
  })
  .refine(typedTwiceAlike, differentTwice);

export type StaffUser = {
  id: string;
  email: string;
  name: string | null;
  role: Role;
  active: boolean;
  hasPassword: boolean;
  invitationExpiresAt: Date | null;
};

export async function listUsers(viewer: Viewer): Promise<StaffUser[]> {
  requireRole(viewer, "admin");
  const now = new Date();
  const users = await db().user.findMany({
    orderBy: { email: "asc" },
    select: {
      id: true,
      email: true,
      name: true,
      role: true,
      active: true,
      passwordHash: true,
      invitations: { where: { usedAt: null, expiresAt: { gt: now } }, orderBy: { expiresAt: "desc" }, take: 1, select: { expiresAt: true } },
    },
  });
  return users.map(({ passwordHash, invitations, ...user }) => ({
    ...user,
    hasPassword: passwordHash !== null,
    invitationExpiresAt: invitations[0]?.expiresAt ?? null,
  }));
}

/** Whether the signed-in user has a password here (single-sign-on accounts have none). */
export async function hasOwnPassword(viewer: Viewer): Promise<boolean> {
  const user = requireRole(viewer, "viewer");
  const stored = await db().user.findUnique({ where: { id: user.id }, select: { passwordHash: true } });
  return Boolean(stored?.passwordHash);
}

/**
 * Any signed-in staff member changes their own password, proving they know the
 * current one. Single-sign-on accounts have none to change.
 */
export async function changeOwnPassword(viewer: Viewer, input: unknown): Promise<void> {
  const user = requireRole(viewer, "viewer");
  const { currentPassword, password } = parseFields(passwordChangeSchema, input);
  const stored = await db().user.findUnique({ where: { id: user.id }, select: { passwordHash: true } });
  if (!stored?.passwordHash || !(await verifyPassword(currentPassword, stored.passwordHash))) {
    throw new ValidationError({ currentPassword: [fieldError.currentPasswordWrong] });
  }
  const passwordHash = await hashPassword(password);
  await db().$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { passwordHash }, select: { id: true } });
    // Every other browser signed in with the old password is signed out; this one stays.
    const ended = await endSessionsOf(tx, user.id, "password-changed", user.sessionId);
    await recordAuditEvent(tx, { actorId: user.id, action: "user.password-changed", entityType: "User", entityId: user.id, after: { sessionsEnded: ended } });
  });
}

async function changeUser(admin: Actor, userId: string, action: AuditAction, data: { role?: Role; active?: boolean }): Promise<void> {
  // An admin cannot lock themselves out (and so cannot remove the last admin by accident).
  if (userId === admin.id) throw new ValidationError({ form: [fieldError.cannotChangeOwnAccount] });
  await db().$transaction(async (tx) => {
    const before = await tx.user.findUnique({ where: { id: userId }, select: { role: true, active: true } });
    if (!before) throw new NotFoundError(`No user ${userId}`);
    const after = await tx.user.update({ where: { id: userId }, data, select: { role: true, active: true } });
    // The person's sessions end: they sign in again, with the new role or not at all.
    const ended =
      after.active !== before.active || after.role !== before.role
        ? await endSessionsOf(tx, userId, data.active === false ? "deactivated" : "role-changed")
        : 0;
    await recordAuditEvent(tx, { actorId: admin.id, action, entityType: "User", entityId: userId, before, after: { ...after, sessionsEnded: ended } });
  });
}

export async function changeUserRole(viewer: Viewer, userId: string, role: unknown): Promise<void> {
  const admin = requireRole(viewer, "admin");
  const parsed = parseFields(z.object({ role: roleSchema }), { role });
  await changeUser(admin, userId, "user.role", { role: parsed.role });
}

/** Deactivating takes effect on the user's next request: lib/auth/session.ts reads `active` every time. */
export async function setUserActive(viewer: Viewer, userId: string, active: boolean): Promise<void> {
  const admin = requireRole(viewer, "admin");
  await changeUser(admin, userId, active ? "user.reactivate" : "user.deactivate", { active });
}
