import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import { recordAuditEvent } from "../audit";
import { db } from "../db";
import { NotFoundError, ValidationError } from "../errors";
import { fieldError, optionalText, parseFields } from "../forms/fields";
import { Role } from "../generated/prisma/enums";
import { hashPassword, minimumPasswordLength, verifyPassword } from "./passwords";
import { normalizeEmail } from "./sign-in";
import { requireRole, type Actor, type Viewer } from "./roles";

// Staff accounts, managed by admins. An invitation is a one-time link to set a
// password, valid 72 hours; only its SHA-256 is stored, so a database copy
// cannot be used to sign in.

export const invitationHours = 72;

const emailSchema = z.email({ error: fieldError.invalidEmail }).max(320, fieldError.tooLong).transform(normalizeEmail);
const roleSchema = z.enum(Role, { error: fieldError.unknownValue });

export const invitationSchema = z.object({
  email: z.preprocess((value) => (typeof value === "string" ? value.trim() : value), emailSchema),
  name: optionalText(120),
  role: roleSchema,
});

/** A new password, typed twice: at least 12 characters, and the same both times. */
const newPasswordFields = {
  password: z.string({ error: fieldError.required }).min(minimumPasswordLength, fieldError.passwordTooShort).max(1024, fieldError.tooLong),
  confirmation: z.string({ error: fieldError.required }),
};
const typedTwiceAlike = (input: { password: string; confirmation: string }) => input.password === input.confirmation;
const differentTwice = { path: ["confirmation"], message: fieldError.passwordsDiffer };

export const passwordSchema = z
  .object({
    token: z.string({ error: fieldError.invitationInvalid }).min(1, fieldError.invitationInvalid).max(200, fieldError.invitationInvalid),
    ...newPasswordFields,
  })
  .refine(typedTwiceAlike, differentTwice);

export const passwordChangeSchema = z
  .object({
    currentPassword: z.string({ error: fieldError.required }).min(1, fieldError.required).max(1024, fieldError.tooLong),
    ...newPasswordFields,
  })
  .refine(typedTwiceAlike, differentTwice);

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

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

export type Invitation = { userId: string; email: string; token: string; expiresAt: Date };

/**
 * Adds a user (or invites an existing one again, e.g. to reset a password)
 * and returns the one-time token for the admin to pass on. The same email
 * then also works for single sign-on.
 */
export async function inviteUser(viewer: Viewer, input: unknown, now = new Date()): Promise<Invitation> {
  const admin = requireRole(viewer, "admin");
  const { email, name, role } = parseFields(invitationSchema, input);
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + invitationHours * 60 * 60 * 1000);
  return db().$transaction(async (tx) => {
    const existing = await tx.user.findUnique({ where: { email }, select: { id: true, passwordHash: true, active: true } });
    if (existing?.passwordHash && existing.active) throw new ValidationError({ email: [fieldError.emailTaken] });
    const user = existing
      ? await tx.user.update({ where: { id: existing.id }, data: { role, name, active: true }, select: { id: true, email: true, role: true } })
      : await tx.user.create({ data: { email, name, role }, select: { id: true, email: true, role: true } });
    await tx.invitation.create({ data: { userId: user.id, invitedById: admin.id, tokenHash: hashToken(token), expiresAt } });
    await recordAuditEvent(tx, {
      actorId: admin.id,
      action: "user.invite",
      entityType: "User",
      entityId: user.id,
      before: existing ? { active: existing.active } : null,
      after: { email, role, expiresAt },
    });
    return { userId: user.id, email: user.email, token, expiresAt };
  });
}

/** Whether a set-password link can still be used, for the page that shows the form. */
export async function invitationIsUsable(token: string, now = new Date()): Promise<boolean> {
  const invitation = await db().invitation.findUnique({ where: { tokenHash: hashToken(token) }, select: { usedAt: true, expiresAt: true } });
  return invitation !== null && invitation.usedAt === null && invitation.expiresAt > now;
}

/** Sets the password of an invited user; the link works once and for 72 hours. */
export async function acceptInvitation(input: unknown, now = new Date()): Promise<{ email: string }> {
  const { token, password } = parseFields(passwordSchema, input);
  const passwordHash = await hashPassword(password);
  return db().$transaction(async (tx) => {
    const invitation = await tx.invitation.findUnique({ where: { tokenHash: hashToken(token) }, select: { id: true, userId: true } });
    // Used and expired links get the same answer, and a link is claimed only once even when submitted twice at once.
    const claimed = invitation
      ? await tx.invitation.updateMany({ where: { id: invitation.id, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } })
      : { count: 0 };
    if (!invitation || claimed.count === 0) throw new ValidationError({ token: [fieldError.invitationInvalid] });
    await tx.invitation.updateMany({ where: { userId: invitation.userId, usedAt: null }, data: { usedAt: now } });
    const user = await tx.user.update({ where: { id: invitation.userId }, data: { passwordHash }, select: { id: true, email: true } });
    await recordAuditEvent(tx, { actorId: user.id, action: "user.password-set", entityType: "User", entityId: user.id, after: { invitation: invitation.id } });
    return { email: user.email };
  });
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
    await recordAuditEvent(tx, { actorId: user.id, action: "user.password-changed", entityType: "User", entityId: user.id });
  });
}

async function changeUser(admin: Actor, userId: string, action: string, data: { role?: Role; active?: boolean }): Promise<void> {
  // An admin cannot lock themselves out (and so cannot remove the last admin by accident).
  if (userId === admin.id) throw new ValidationError({ form: [fieldError.cannotChangeOwnAccount] });
  await db().$transaction(async (tx) => {
    const before = await tx.user.findUnique({ where: { id: userId }, select: { role: true, active: true } });
    if (!before) throw new NotFoundError(`No user ${userId}`);
    const after = await tx.user.update({ where: { id: userId }, data, select: { role: true, active: true } });
    await recordAuditEvent(tx, { actorId: admin.id, action, entityType: "User", entityId: userId, before, after });
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
