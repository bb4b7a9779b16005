import { beforeAll, describe, expect, it } from "vitest";
import { getStaffDashboard } from "@/lib/milestones/dashboard";
import { db } from "@/lib/db";
import { ForbiddenError, NotSignedInError, ValidationError } from "@/lib/errors";
import { getMilestoneHistory, listRecentActivity } from "@/lib/milestones/history";
import { getEditableMilestone } from "@/lib/milestones/edits";
import { hashPassword } from "@/lib/auth/passwords";
import { logProgress } from "@/lib/milestones/progress";
import { endSession, sessionUser, startSession } from "@/lib/auth/sessions";
import { checkPassword, findSingleSignOnUser, lockout } from "@/lib/auth/sign-in";
import { acceptInvitation, invitationIsUsable, inviteUser, resetUserPassword } from "@/lib/auth/invitations";
import { changeOwnPassword, changeUserRole, hasOwnPassword, listUsers, setUserActive } from "@/lib/auth/users";
import type { Viewer } from "@/lib/auth/roles";
import { addStaff } from "../support/builders";
import { seededDatabasePerFile } from "../support/database";

seededDatabasePerFile();

let admin: NonNullable<Viewer>;
let editor: NonNullable<Viewer>;
let viewer: NonNullable<Viewer>;

beforeAll(async () => {
  admin = await addStaff("admin", { email: "admin@example.org", passwordHash: await hashPassword("admin password 123") });
  editor = await addStaff("editor", { email: "editor@example.org", passwordHash: await hashPassword("editor password 123") });
  viewer = await addStaff("viewer", { email: "viewer@example.org" });
});

const eventsWith = (action: string) => db().auditEvent.findMany({ where: { action }, orderBy: { id: "asc" } });

describe("who may manage users and read internal data", () => {
  it("lets only admins list, invite, change roles and deactivate", async () => {
    for (const [caller, error] of [
      [null, NotSignedInError],
      [viewer, ForbiddenError],
      [editor, ForbiddenError],
    ] as const) {
      await expect(listUsers(caller)).rejects.toBeInstanceOf(error);
      await expect(inviteUser(caller, { email: "x@example.org", role: "editor" })).rejects.toBeInstanceOf(error);
      await expect(changeUserRole(caller, viewer.id, "admin")).rejects.toBeInstanceOf(error);
      await expect(setUserActive(caller, viewer.id, false)).rejects.toBeInstanceOf(error);
    }
    expect((await listUsers(admin)).map((user) => user.email)).toEqual(["admin@example.org", "editor@example.org", "viewer@example.org"]);
  });

  it("keeps the dashboard, histories and edit forms from anyone not signed in", async () => {
    await expect(getStaffDashboard(null)).rejects.toBeInstanceOf(NotSignedInError);
    await expect(listRecentActivity(null)).rejects.toBeInstanceOf(NotSignedInError);
    await expect(getMilestoneHistory(null, "road-map-adoption-2024")).rejects.toBeInstanceOf(NotSignedInError);
    await expect(getEditableMilestone(null, "road-map-adoption-2024")).rejects.toBeInstanceOf(NotSignedInError);
    expect(await getEditableMilestone(viewer, "road-map-adoption-2024")).toMatchObject({ slug: "road-map-adoption-2024", status: "completed" });
  });

  it("shows sign-in and user events in recent activity to admins only", async () => {
    await checkPassword("someone@example.org", "wrong password", "203.0.113.9");
    const milestone = await getEditableMilestone(editor, "monitoring-working-group-2025");
    await logProgress(editor, {
      milestone: "monitoring-working-group-2025",
      expectedVersion: milestone!.version,
      status: "in_progress",
      progress: 10,
      note: "Started",
      noteIsPublic: false,
      evidenceUrl: "",
      happenedOn: "2026-01-10",
    });
    const forEditor = await listRecentActivity(editor);
    expect(forEditor.map((entry) => entry.action)).toEqual(expect.arrayContaining(["progress.log", "milestone.progress"]));
    expect(forEditor.some((entry) => entry.action.startsWith("signin."))).toBe(false);
    expect((await listRecentActivity(admin)).some((entry) => entry.action === "signin.failure")).toBe(true);
    const history = await getMilestoneHistory(viewer, "monitoring-working-group-2025");
    expect(history![0]).toMatchObject({ action: "progress.log", actor: "editor@example.org" });
    expect(history![1]!.changes).toEqual(
      expect.arrayContaining([
        { field: "status", before: "planned", after: "in_progress" },
        { field: "progress", before: 0, after: 10 },
      ]),
    );
    const dashboard = await getStaffDashboard(viewer, new Date("2026-02-01T12:00:00Z"));
    expect(dashboard.stale.map((item) => item.slug)).not.toContain("monitoring-working-group-2025");
    expect(dashboard.overdue.map((item) => item.slug)).toContain("monitoring-working-group-2025");
  });
});

describe("invitations", () => {
  it("gives a one-time link stored only as a hash, and a password set through it signs in", async () => {
    const invitation = await inviteUser(admin, { email: "  New.Editor@Example.org ", name: "Ana", role: "editor" });
    expect(invitation.email).toBe("new.editor@example.org");
    const stored = await db().invitation.findFirstOrThrow({ where: { userId: invitation.userId } });
    expect(stored.tokenHash).not.toContain(invitation.token);
    expect(stored.expiresAt.getTime() - Date.now()).toBeGreaterThan(71.9 * 3600_000);
    expect(await invitationIsUsable(invitation.token)).toBe(true);

    const errors = await acceptInvitation({ token: invitation.token, password: "short", confirmation: "different" }).catch(
      (error: ValidationError) => error.fieldErrors,
    );
    expect(errors).toEqual({ password: ["passwordTooShort"], confirmation: ["passwordsDiffer"] });
    await acceptInvitation({ token: invitation.token, password: "a long new password", confirmation: "a long new password" });
    expect(await invitationIsUsable(invitation.token)).toBe(false);
    await expect(acceptInvitation({ token: invitation.token, password: "another long password", confirmation: "another long password" })).rejects.toMatchObject(
      {
        fieldErrors: { token: ["invitationInvalid"] },
      },
    );
    expect(await checkPassword("new.editor@example.org", "a long new password", "198.51.100.1")).toMatchObject({ ok: true });
    expect((await eventsWith("user.invite")).at(-1)).toMatchObject({ actorId: admin.id, entityId: invitation.userId });
    expect((await eventsWith("user.password-set")).at(-1)).toMatchObject({ actorId: invitation.userId });
  });

  it("expires after 72 hours", async () => {
    const invitation = await inviteUser(admin, { email: "late@example.org", role: "viewer" });
    const later = new Date(Date.now() + 72 * 3600_000 + 60_000);
    expect(await invitationIsUsable(invitation.token, later)).toBe(false);
    await expect(
      acceptInvitation({ token: invitation.token, password: "a long new password", confirmation: "a long new password" }, later),
    ).rejects.toBeInstanceOf(ValidationError);
  });

  it("can be used only once even when submitted twice at the same moment", async () => {
    const invitation = await inviteUser(admin, { email: "twice@example.org", role: "viewer" });
    const results = await Promise.allSettled(
      ["first password 123", "second password 123"].map((password) => acceptInvitation({ token: invitation.token, password, confirmation: password })),
    );
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
  });

  it("refuses an email that already has an active account, and bad values", async () => {
    await expect(inviteUser(admin, { email: "editor@example.org", role: "viewer" })).rejects.toMatchObject({ fieldErrors: { email: ["emailTaken"] } });
    await expect(inviteUser(admin, { email: "not an email", role: "owner" })).rejects.toMatchObject({
      fieldErrors: { email: ["invalidEmail"], role: ["unknownValue"] },
    });
  });
});

describe("roles and deactivation", () => {
  it("end the person's sessions, so they apply at the next request", async () => {
    const invitation = await inviteUser(admin, { email: "temp@example.org", role: "editor" });
    const first = await startSession(invitation.userId);
    expect(await sessionUser(first)).toMatchObject({ role: "editor" });
    await changeUserRole(admin, invitation.userId, "viewer");
    expect(await sessionUser(first)).toBeNull();
    const second = await startSession(invitation.userId);
    expect(await sessionUser(second)).toMatchObject({ role: "viewer" });
    await setUserActive(admin, invitation.userId, false);
    expect(await sessionUser(second)).toBeNull();
    expect(await sessionUser(await startSession(invitation.userId))).toBeNull();
    expect((await eventsWith("user.deactivate")).at(-1)).toMatchObject({
      actorId: admin.id,
      before: { active: true, role: "viewer" },
      after: { active: false, role: "viewer", sessionsEnded: 1 },
    });
  });

  it("do not let an admin demote or deactivate themselves", async () => {
    await expect(changeUserRole(admin, admin.id, "viewer")).rejects.toMatchObject({ fieldErrors: { form: ["cannotChangeOwnAccount"] } });
    await expect(setUserActive(admin, admin.id, false)).rejects.toBeInstanceOf(ValidationError);
    await expect(changeUserRole(admin, viewer.id, "superuser")).rejects.toMatchObject({ fieldErrors: { role: ["unknownValue"] } });
  });
});

describe("password sign-in", () => {
  it("gives the same answer for a wrong password and an unknown email", async () => {
    expect(await checkPassword("EDITOR@example.org ", "editor password 123", "192.0.2.1")).toMatchObject({ ok: true, user: { id: editor.id } });
    expect(await checkPassword("editor@example.org", "wrong", "192.0.2.1")).toEqual({ ok: false, reason: "invalid" });
    expect(await checkPassword("ghost@example.org", "wrong", "192.0.2.1")).toEqual({ ok: false, reason: "invalid" });
  });

  it("locks an email for 15 minutes after 5 failures, even with the right password, and audits it", async () => {
    const start = new Date();
    for (let attempt = 0; attempt < lockout.failuresPerEmail; attempt++) {
      expect(await checkPassword("admin@example.org", `wrong ${attempt}`, `192.0.2.${10 + attempt}`, start)).toEqual({ ok: false, reason: "invalid" });
    }
    expect(await checkPassword("admin@example.org", "admin password 123", "192.0.2.50", start)).toEqual({ ok: false, reason: "locked" });
    expect(await checkPassword("admin@example.org", "admin password 123", "192.0.2.50", new Date(start.getTime() + 14 * 60_000))).toEqual({
      ok: false,
      reason: "locked",
    });
    expect(await checkPassword("admin@example.org", "admin password 123", "192.0.2.50", new Date(start.getTime() + 16 * 60_000))).toMatchObject({ ok: true });
    expect((await eventsWith("signin.lockout")).at(-1)).toMatchObject({ actorId: null, entityId: "admin@example.org", after: { lockedBy: "email" } });
    expect((await eventsWith("signin.refused-locked")).length).toBeGreaterThanOrEqual(2);
  });

  it("locks an address after 20 failures across any emails", async () => {
    const address = "198.51.100.77";
    for (let attempt = 0; attempt < lockout.failuresPerAddress; attempt++) {
      await checkPassword(`guess${attempt}@example.org`, "wrong", address);
    }
    expect(await checkPassword("editor@example.org", "editor password 123", address)).toEqual({ ok: false, reason: "locked" });
    expect(await checkPassword("editor@example.org", "editor password 123", "198.51.100.78")).toMatchObject({ ok: true });
    expect((await eventsWith("signin.lockout")).at(-1)).toMatchObject({ after: { lockedBy: "address", address } });
  });

  it("counts failures from several instances at once", async () => {
    await Promise.all(Array.from({ length: 4 }, (_, index) => checkPassword("viewer@example.org", `wrong ${index}`, "203.0.113.50")));
    const throttle = await db().signInThrottle.findUniqueOrThrow({ where: { key: "email:viewer@example.org" } });
    expect(throttle.failures).toBe(4);
  });

  it("refuses a deactivated user", async () => {
    const invitation = await inviteUser(admin, { email: "leaver@example.org", role: "editor" });
    await acceptInvitation({ token: invitation.token, password: "leaver password 1", confirmation: "leaver password 1" });
    await setUserActive(admin, invitation.userId, false);
    expect(await checkPassword("leaver@example.org", "leaver password 1", "192.0.2.99")).toEqual({ ok: false, reason: "invalid" });
  });
});

describe("single sign-on", () => {
  it("admits only active users an admin added, and audits a refusal", async () => {
    expect(await findSingleSignOnUser("Editor@Example.org", "oidc")).toEqual({ id: editor.id });
    expect(await findSingleSignOnUser("stranger@example.org", "oidc")).toBeNull();
    expect(await findSingleSignOnUser(undefined, "oidc")).toBeNull();
    expect((await eventsWith("signin.sso-refused")).map((event) => event.entityId)).toEqual(expect.arrayContaining(["stranger@example.org", "(no email)"]));
  });
});

describe("changing one's own password", () => {
  it("needs the current password, refuses a bad new one and changes nothing then", async () => {
    const passwordHash = await hashPassword("first password 123");
    const user = await db().user.create({ data: { email: "first.admin@example.org", role: "admin", passwordHash }, select: { id: true, role: true } });
    expect(await hasOwnPassword(user)).toBe(true);

    const wrong = await changeOwnPassword(user, { currentPassword: "not it", password: "a new long password", confirmation: "a new long password" }).catch(
      (error: ValidationError) => error.fieldErrors,
    );
    expect(wrong).toEqual({ currentPassword: ["currentPasswordWrong"] });
    const invalid = await changeOwnPassword(user, { currentPassword: "first password 123", password: "short", confirmation: "other" }).catch(
      (error: ValidationError) => error.fieldErrors,
    );
    expect(invalid).toEqual({ password: ["passwordTooShort"], confirmation: ["passwordsDiffer"] });
    expect((await db().user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash).toBe(passwordHash);
    expect(await eventsWith("user.password-changed")).toHaveLength(0);
  });

  it("signs in with the new password afterwards, and records who changed it", async () => {
    const user = await db().user.findUniqueOrThrow({ where: { email: "first.admin@example.org" }, select: { id: true, role: true } });
    await changeOwnPassword(user, { currentPassword: "first password 123", password: "the second password", confirmation: "the second password" });
    expect(await checkPassword("first.admin@example.org", "the second password", "198.51.100.9")).toMatchObject({ ok: true });
    expect(await checkPassword("first.admin@example.org", "first password 123", "198.51.100.9")).toMatchObject({ ok: false });
    expect(await eventsWith("user.password-changed")).toEqual([expect.objectContaining({ actorId: user.id, entityId: user.id })]);
  });

  it("is refused to anyone not signed in, and there is nothing to change for single sign-on", async () => {
    await expect(
      changeOwnPassword(null, { currentPassword: "x", password: "a new long password", confirmation: "a new long password" }),
    ).rejects.toBeInstanceOf(NotSignedInError);
    expect(await hasOwnPassword(viewer)).toBe(false);
    const refused = await changeOwnPassword(viewer, {
      currentPassword: "anything",
      password: "a new long password",
      confirmation: "a new long password",
    }).catch((error: ValidationError) => error.fieldErrors);
    expect(refused).toEqual({ currentPassword: ["currentPasswordWrong"] });
  });
});

describe("sessions that end", () => {
  const password = "a first password 2026";
  async function personWithPassword(email: string) {
    const invitation = await inviteUser(admin, { email, role: "editor" });
    await acceptInvitation({ token: invitation.token, password, confirmation: password });
    return invitation.userId;
  }

  it("end on sign-out, and a replayed cookie's session stays ended", async () => {
    const userId = await personWithPassword("signout@example.org");
    const session = await startSession(userId);
    await endSession(session, "sign-out");
    expect(await sessionUser(session)).toBeNull();
    expect(await db().session.findUniqueOrThrow({ where: { id: session } })).toMatchObject({ endReason: "sign-out" });
  });

  it("end everywhere but here when the person changes their password", async () => {
    const userId = await personWithPassword("changer@example.org");
    const [here, elsewhere] = [await startSession(userId), await startSession(userId)];
    await changeOwnPassword(
      { id: userId, role: "editor", sessionId: here },
      { currentPassword: password, password: "a second password 2026", confirmation: "a second password 2026" },
    );
    expect(await sessionUser(here)).toMatchObject({ id: userId });
    expect(await sessionUser(elsewhere)).toBeNull();
  });

  it("end, with the old password, when an admin resets it; the earlier link dies with the new one", async () => {
    const userId = await personWithPassword("reset@example.org");
    const session = await startSession(userId);
    const first = await resetUserPassword(admin, userId);
    expect(await checkPassword("reset@example.org", password, "192.0.2.50")).toEqual({ ok: false, reason: "invalid" });
    expect(await sessionUser(session)).toBeNull();
    const second = await resetUserPassword(admin, userId);
    expect(await invitationIsUsable(first.token)).toBe(false);
    expect(await invitationIsUsable(second.token)).toBe(true);
    await acceptInvitation({ token: second.token, password: "after the reset 2026", confirmation: "after the reset 2026" });
    expect(await checkPassword("reset@example.org", "after the reset 2026", "192.0.2.50")).toMatchObject({ ok: true });
    expect((await eventsWith("user.password-reset")).at(-1)).toMatchObject({ actorId: admin.id, entityId: userId });
    await expect(resetUserPassword(editor, userId)).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("end, with the old password, when a deactivated person is invited again (the documented reset)", async () => {
    const userId = await personWithPassword("again@example.org");
    const session = await startSession(userId);
    await setUserActive(admin, userId, false);
    await inviteUser(admin, { email: "again@example.org", role: "editor" });
    expect(await checkPassword("again@example.org", password, "192.0.2.51")).toEqual({ ok: false, reason: "invalid" });
    expect(await sessionUser(session)).toBeNull();
  });
});
