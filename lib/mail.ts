import "server-only";
// use-intl is next-intl's own core, free of React, so scripts that load this module run outside Next.
import { createTranslator } from "use-intl/core";
import nodemailer from "nodemailer";
import { z } from "zod";
import { ConfigurationError } from "./env";
import type { Locale } from "./translations";
import en from "../messages/en/staff.json";
import es from "../messages/es/staff.json";
import ja from "../messages/ja/staff.json";

// Email is optional: without SMTP_URL the admin passes invitation links on
// themselves. A failed send never undoes the invitation; the admin still has
// the link.

const staffMessages = { en, es, ja };

const mailSchema = z.object({
  SMTP_URL: z.url({ protocol: /^smtps?$/, error: "SMTP_URL must look like smtp://user:password@mail.example.org:587 (or smtps://)" }).optional(),
  MAIL_FROM: z.string().trim().min(3, "MAIL_FROM must be the sender's address, e.g. Road Map tracker <tracker@example.org>").optional(),
});

export type MailSettings = { url: string; from: string } | null;

export function readMailSettings(source: Record<string, string | undefined> = process.env): MailSettings {
  const parsed = mailSchema.safeParse({ SMTP_URL: source.SMTP_URL?.trim() || undefined, MAIL_FROM: source.MAIL_FROM?.trim() || undefined });
  if (!parsed.success) throw new ConfigurationError(parsed.error.issues.map((issue) => issue.message).join("; "));
  if (!parsed.data.SMTP_URL) return null;
  if (!parsed.data.MAIL_FROM) throw new ConfigurationError("Set MAIL_FROM (the sender's address) together with SMTP_URL");
  return { url: parsed.data.SMTP_URL, from: parsed.data.MAIL_FROM };
}

/** Whether the tracker can send email (SMTP_URL and MAIL_FROM set). */
export function emailIsConfigured(): boolean {
  return readMailSettings() !== null;
}

export type InvitationEmailOutcome = "sent" | "not-configured" | "failed";

/** The emails staff get: an invitation, or a password reset, each with a one-time link. */
export type StaffEmail = "invitationEmail" | "resetEmail";

/** Emails a one-time link in the sender's language, when SMTP is configured. */
export async function sendStaffEmail(
  kind: StaffEmail,
  invitation: { to: string; link: string; expiresAt: Date; locale: Locale },
  settings: MailSettings = readMailSettings(),
): Promise<InvitationEmailOutcome> {
  if (!settings) return "not-configured";
  const t = createTranslator({ locale: invitation.locale, messages: staffMessages[invitation.locale], namespace: `Staff.${kind}` });
  const expires = new Intl.DateTimeFormat(invitation.locale, { dateStyle: "long", timeStyle: "short", timeZone: "UTC" }).format(invitation.expiresAt);
  try {
    await nodemailer.createTransport(settings.url).sendMail({
      from: settings.from,
      to: invitation.to,
      subject: t("subject"),
      text: t("body", { link: invitation.link, date: `${expires} UTC` }),
    });
    return "sent";
  } catch (error) {
    // The admin sees that the email failed and passes the link on; the reason goes to the server log.
    console.error(`Invitation email to ${invitation.to} failed: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
    return "failed";
  }
}
