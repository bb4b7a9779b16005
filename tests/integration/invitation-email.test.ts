import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigurationError } from "@/lib/env";
import { readMailSettings, sendStaffEmail } from "@/lib/mail";
import { startSmtpServer } from "../support/smtp";
import { freePort } from "../../scripts/tracker-process.mjs";

let smtp: Awaited<ReturnType<typeof startSmtpServer>>;

beforeAll(async () => {
  smtp = await startSmtpServer();
});

afterAll(() => smtp.close());

const invitation = (locale: "en" | "es" | "ja") => ({
  to: "nueva.editora@example.org",
  link: "https://tracker.example.org/es/set-password?token=abc123",
  expiresAt: new Date("2026-11-30T15:00:00Z"),
  locale,
});

/** The decoded text of a received message (nodemailer encodes non-ASCII text as quoted-printable or base64). */
function decodedBody(raw: string): string {
  const body = raw.slice(raw.search(/\r?\n\r?\n/)).trim();
  if (/Content-Transfer-Encoding: base64/i.test(raw)) return Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
  if (/Content-Transfer-Encoding: quoted-printable/i.test(raw)) {
    const bytes = body.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    return Buffer.from(bytes, "latin1").toString("utf8");
  }
  return body;
}

describe("invitation emails", () => {
  it("are sent only when SMTP is configured", async () => {
    expect(readMailSettings({})).toBeNull();
    expect(await sendStaffEmail("invitationEmail", invitation("en"), null)).toBe("not-configured");
    expect(smtp.received).toHaveLength(0);
  });

  it("carry the one-time link in the admin's language to the invited address", async () => {
    const settings = readMailSettings({ SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, MAIL_FROM: "Road Map tracker <tracker@example.org>" });
    expect(await sendStaffEmail("invitationEmail", invitation("es"), settings)).toBe("sent");
    expect(smtp.received).toHaveLength(1);
    const [message] = smtp.received;
    expect(message!.from).toBe("tracker@example.org");
    expect(message!.to).toEqual(["nueva.editora@example.org"]);
    const text = decodedBody(message!.raw);
    expect(text).toContain("https://tracker.example.org/es/set-password?token=abc123");
    expect(text).toContain("Elija su contraseña");
    expect(text).toContain("30 de noviembre de 2026");
  });

  it("report a failure without throwing, so the admin still passes the link on", async () => {
    const closed = await freePort();
    const settings = readMailSettings({ SMTP_URL: `smtp://127.0.0.1:${closed}`, MAIL_FROM: "tracker@example.org" });
    expect(await sendStaffEmail("invitationEmail", invitation("ja"), settings)).toBe("failed");
  });

  it("refuse a malformed SMTP configuration at start-up with a clear message", () => {
    expect(() => readMailSettings({ SMTP_URL: "mail.example.org" })).toThrow(ConfigurationError);
    expect(() => readMailSettings({ SMTP_URL: "smtp://mail.example.org:587" })).toThrow("Set MAIL_FROM (the sender's address) together with SMTP_URL");
  });
});
