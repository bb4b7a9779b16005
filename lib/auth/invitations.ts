import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import { recordAuditEvent } from "../audit";
import { db } from "../db";
import { ValidationError } from "../errors";
import { fieldError, optionalText, parseFields } from "../forms/fields";
import { sendInvitationEmail, type InvitationEmailOutcome } from "../mail";
import type { Locale } from "../translations";
import { hashPassword } from "./passwords";
import { requireRole, type Viewer } from "./roles";
import { differentTwice, emailSchema, newPasswordFields, roleSchema, typedTwiceAlike } from "./users";

// Invitations: an admin adds a person (or invites them again), who sets a
// password through a one-time link, valid 72 hours. Only the link's SHA-256 is
// stored, so a database copy cannot be used to sign in. The link is emailed
// when SMTP is configured; the admin always sees it too.

export const invitationHours = 72;

export const invitationSchema = z.object({
  email: z.preprocess((value) => (typeof value === "string" ? value.trim() : value), emailSchema),
  name: optionalText(120),
  role: roleSchema,
});

export const passwordSchema = z
  .object({
    token: z.string({ error: fieldError.invitationInvalid }).min(1, fieldError.invitationInvalid).max(200, fieldError.invitationInvalid),
    ...newPasswordFields,
  })
  .refine(typedTwiceAlike, differentTwice);

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

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

export type SentInvitation = { email: string; link: string; expiresAt: Date; emailOutcome: InvitationEmailOutcome };

/**
 * Invites a person and emails them the link, in the inviting admin's language,
 * when SMTP is configured. `origin` is the tracker's own address the admin
 * used (Next has checked a server action's Origin).
 */
export async function inviteStaffMember(viewer: Viewer, input: unknown, { origin, locale }: { origin: string; locale: Locale }): Promise<SentInvitation> {
  const invitation = await inviteUser(viewer, input);
  const link = `${origin}/${locale}/set-password?token=${invitation.token}`;
  const emailOutcome = await sendInvitationEmail({ to: invitation.email, link, expiresAt: invitation.expiresAt, locale });
  return { email: invitation.email, link, expiresAt: invitation.expiresAt, emailOutcome };
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
