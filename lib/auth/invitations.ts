import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import { recordAuditEvent, type Tx } from "../audit";
import { db } from "../db";
import { NotFoundError, ValidationError } from "../errors";
import { fieldError, optionalText, parseFields } from "../forms/fields";
import { readMailSettings, sendStaffEmail, type InvitationEmailOutcome, type StaffEmail } from "../mail";
import type { Locale } from "../translations";
import { hashPassword } from "./passwords";
import { requireRole, type Viewer } from "./roles";
import { endSessionsOf } from "./sessions";
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

/** A new one-time link for a user; any earlier link of theirs dies, so only the newest works. */
async function issueInvitation(tx: Tx, userId: string, invitedById: string | null, now: Date): Promise<{ token: string; expiresAt: Date }> {
  await tx.invitation.updateMany({ where: { userId, usedAt: null }, data: { usedAt: now } });
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + invitationHours * 60 * 60 * 1000);
  await tx.invitation.create({ data: { userId, invitedById, tokenHash: hashToken(token), expiresAt } });
  return { token, expiresAt };
}

/**
 * Adds a user, or invites a deactivated or not-yet-started one again, and
 * returns the one-time token for the admin to pass on. Inviting someone again
 * is a fresh start: their old password and sessions stop working at once.
 * The same email then also works for single sign-on.
 */
export async function inviteUser(viewer: Viewer, input: unknown, now = new Date()): Promise<Invitation> {
  const admin = requireRole(viewer, "admin");
  const { email, name, role } = parseFields(invitationSchema, input);
  return db().$transaction(async (tx) => {
    const existing = await tx.user.findUnique({ where: { email }, select: { id: true, passwordHash: true, active: true } });
    if (existing?.passwordHash && existing.active) throw new ValidationError({ email: [fieldError.emailTaken] });
    const user = existing
      ? await tx.user.update({
          where: { id: existing.id },
          data: { role, name, active: true, passwordHash: null },
          select: { id: true, email: true, role: true },
        })
      : await tx.user.create({ data: { email, name, role }, select: { id: true, email: true, role: true } });
    if (existing) await endSessionsOf(tx, user.id, "invited-again");
    const { token, expiresAt } = await issueInvitation(tx, user.id, admin.id, now);
    await recordAuditEvent(tx, {
      actorId: admin.id,
      action: "user.invite",
      entityType: "User",
      entityId: user.id,
      before: existing ? { active: existing.active, hadPassword: existing.passwordHash !== null } : null,
      after: { email, role, expiresAt },
    });
    return { userId: user.id, email: user.email, token, expiresAt };
  });
}

/**
 * An admin resets someone's password: it stops working at once, every
 * session of theirs ends, and they get a new one-time link to choose another.
 */
export async function resetUserPassword(viewer: Viewer, userId: string, now = new Date()): Promise<Invitation> {
  const admin = requireRole(viewer, "admin");
  if (userId === admin.id) throw new ValidationError({ form: [fieldError.cannotChangeOwnAccount] });
  return db().$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { id: true, email: true, active: true } });
    if (!user) throw new NotFoundError(`No user ${userId}`);
    if (!user.active) throw new ValidationError({ form: [fieldError.userInactive] });
    await tx.user.update({ where: { id: userId }, data: { passwordHash: null }, select: { id: true } });
    const ended = await endSessionsOf(tx, userId, "password-reset");
    const { token, expiresAt } = await issueInvitation(tx, userId, admin.id, now);
    await recordAuditEvent(tx, {
      actorId: admin.id,
      action: "user.password-reset",
      entityType: "User",
      entityId: userId,
      after: { sessionsEnded: ended, expiresAt },
    });
    return { userId, email: user.email, token, expiresAt };
  });
}

/** Whether a set-password link can still be used, for the page that shows the form. */
export async function invitationIsUsable(token: string, now = new Date()): Promise<boolean> {
  const invitation = await db().invitation.findUnique({ where: { tokenHash: hashToken(token) }, select: { usedAt: true, expiresAt: true } });
  return invitation !== null && invitation.usedAt === null && invitation.expiresAt > now;
}

/** How often one email can be sent a reset link through "forgot password". */
const resetRequestMinutes = 15;

/**
 * "Forgot password" (only when email is configured): an active person with a
 * password gets a one-time link by email. The answer never says whether the
 * email is known. Unlike an admin's reset, the old password keeps working
 * until the link is used: an anonymous request must not be able to lock
 * anyone out. At most one link per email every 15 minutes.
 */
export async function requestPasswordReset(input: unknown, { origin, locale }: { origin: string; locale: Locale }, now = new Date()): Promise<void> {
  const parsed = z.object({ email: invitationSchema.shape.email }).safeParse(input);
  if (!parsed.success || !readMailSettings()) return;
  const issued = await db().$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { email: parsed.data.email }, select: { id: true, email: true, active: true, passwordHash: true } });
    if (!user?.active || !user.passwordHash) return null;
    const recent = await tx.invitation.count({ where: { userId: user.id, createdAt: { gt: new Date(now.getTime() - resetRequestMinutes * 60_000) } } });
    if (recent > 0) return null;
    const invitation = await issueInvitation(tx, user.id, null, now);
    await recordAuditEvent(tx, {
      actorId: null,
      action: "user.password-reset-requested",
      entityType: "User",
      entityId: user.id,
      after: { expiresAt: invitation.expiresAt },
    });
    return { ...invitation, email: user.email };
  });
  if (issued) {
    await sendStaffEmail("resetEmail", {
      to: issued.email,
      link: `${origin}/${locale}/set-password?token=${issued.token}`,
      expiresAt: issued.expiresAt,
      locale,
    });
  }
}

export type SentInvitation = { email: string; link: string; expiresAt: Date; emailOutcome: InvitationEmailOutcome };

/**
 * Invites a person and emails them the link, in the inviting admin's language,
 * when SMTP is configured. `origin` is the tracker's own address the admin
 * used (Next has checked a server action's Origin).
 */
export async function inviteStaffMember(viewer: Viewer, input: unknown, where: { origin: string; locale: Locale }): Promise<SentInvitation> {
  return sendLink("invitationEmail", await inviteUser(viewer, input), where);
}

/** An admin's reset: the link shown to the admin and, when SMTP is configured, emailed to the person. */
export async function resetStaffPassword(viewer: Viewer, userId: string, where: { origin: string; locale: Locale }): Promise<SentInvitation> {
  return sendLink("resetEmail", await resetUserPassword(viewer, userId), where);
}

async function sendLink(kind: StaffEmail, invitation: Invitation, { origin, locale }: { origin: string; locale: Locale }): Promise<SentInvitation> {
  const link = `${origin}/${locale}/set-password?token=${invitation.token}`;
  const emailOutcome = await sendStaffEmail(kind, { to: invitation.email, link, expiresAt: invitation.expiresAt, locale });
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
    // A new password: anyone still signed in as this person is signed out.
    await endSessionsOf(tx, user.id, "password-reset");
    await recordAuditEvent(tx, { actorId: user.id, action: "user.password-set", entityType: "User", entityId: user.id, after: { invitation: invitation.id } });
    return { email: user.email };
  });
}
