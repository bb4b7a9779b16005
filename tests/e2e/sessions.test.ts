import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTracker, type RunningTracker } from "../../scripts/tracker-process.mjs";
import { isShown, launchChromium, signInAs } from "../support/browser";

// A session ends on the server when it should: a cookie copied before
// signing out, a password change or reset, a deactivation or a role change
// opens nothing afterwards.

const admin = { email: "admin@ministry.example", password: "admin password 2026" };
let tracker: RunningTracker;
let browser: Browser;
let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), "tracker-sessions-"));
  tracker = await startTracker({ DATABASE_URL: "", DATA_DIR: dataDir, ADMIN_EMAIL: admin.email, ADMIN_PASSWORD: admin.password });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await tracker?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

/** The browser's session cookie, as a Cookie header another client could replay. */
async function sessionCookie(context: BrowserContext): Promise<string> {
  const cookie = (await context.cookies()).find((one) => one.name.endsWith("authjs.session-token"));
  if (!cookie) throw new Error("no session cookie");
  return `${cookie.name}=${cookie.value}`;
}

/** Whether a replayed cookie still opens the staff area. */
async function opensStaffArea(cookie: string): Promise<boolean> {
  const response = await fetch(`${tracker.url}/en/admin`, { headers: { cookie }, redirect: "manual" });
  return response.status === 200;
}

/** Invites someone through the users page and sets their password through the link; returns their credentials. */
async function addPerson(email: string, role: "editor" | "viewer", password: string) {
  const context = await browser.newContext();
  const page = await signInAs(context, tracker.url, admin.email, admin.password);
  await page.goto(`${tracker.url}/en/admin/users`);
  await page.fill("#email", email);
  await page.selectOption("#role", role);
  await page.getByRole("button", { name: "Create invitation" }).click();
  const link = await page.getByTestId("invitation-link").inputValue();
  await page.goto(link);
  await page.fill("#password", password);
  await page.fill("#confirmation", password);
  await page.click("main form button[type=submit]");
  expect(await isShown(page, "Your password is set.")).toBe(true);
  await context.close();
  return { email, password };
}

/** Tries to sign in through the form, for a password expected to be refused; the page shows why. */
async function refusedSignIn(context: BrowserContext, email: string, password: string) {
  const page = await context.newPage();
  await page.goto(`${tracker.url}/en/sign-in`);
  await page.fill("#email", email);
  await page.fill("#password", password);
  await page.click("form button[type=submit]");
  return page;
}

async function adminPage() {
  const context = await browser.newContext();
  return { context, page: await signInAs(context, tracker.url, admin.email, admin.password) };
}

describe("sessions that end", () => {
  it("refuse a copied cookie after signing out", async () => {
    const context = await browser.newContext();
    const page = await signInAs(context, tracker.url, admin.email, admin.password);
    const cookie = await sessionCookie(context);
    expect(await opensStaffArea(cookie)).toBe(true);
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL(/\/en\/sign-in/);
    expect(await opensStaffArea(cookie)).toBe(false);
    await context.close();
  });

  it("sign out every other device when the person changes their password, and keep this one", async () => {
    const person = await addPerson("changer@ministry.example", "editor", "a first password 2026");
    const [here, elsewhere] = [await browser.newContext(), await browser.newContext()];
    const page = await signInAs(here, tracker.url, person.email, person.password);
    await signInAs(elsewhere, tracker.url, person.email, person.password);
    const otherCookie = await sessionCookie(elsewhere);
    await page.goto(`${tracker.url}/en/admin/account`);
    await page.getByLabel("Current password").fill(person.password);
    await page.getByLabel("New password", { exact: true }).fill("a second password 2026");
    await page.getByLabel("Repeat the new password").fill("a second password 2026");
    await page.getByRole("button", { name: "Change password" }).click();
    expect(await isShown(page, "Your password has been changed.")).toBe(true);
    expect(await opensStaffArea(await sessionCookie(here))).toBe(true);
    expect(await opensStaffArea(otherCookie)).toBe(false);
    await Promise.all([here.close(), elsewhere.close()]);
  });

  it("end with the old password when an admin resets it, and the new link works", async () => {
    const person = await addPerson("forgetful@ministry.example", "editor", "a first password 2026");
    const mine = await browser.newContext();
    await signInAs(mine, tracker.url, person.email, person.password);
    const cookie = await sessionCookie(mine);
    const { context, page } = await adminPage();
    await page.goto(`${tracker.url}/en/admin/users`);
    await page.locator("tr", { hasText: person.email }).getByRole("button", { name: "Reset password" }).click();
    const link = await page.getByTestId("invitation-link").inputValue();
    expect(await opensStaffArea(cookie)).toBe(false);
    const refused = await browser.newContext();
    const signIn = await refusedSignIn(refused, person.email, person.password);
    expect(await isShown(signIn, "The email or password is not right")).toBe(true);
    await signIn.goto(link);
    await signIn.fill("#password", "after the reset 2026");
    await signIn.fill("#confirmation", "after the reset 2026");
    await signIn.click("main form button[type=submit]");
    expect(await isShown(signIn, "Your password is set.")).toBe(true);
    await signInAs(refused, tracker.url, person.email, "after the reset 2026");
    await Promise.all([mine.close(), context.close(), refused.close()]);
  });

  it("end on deactivation, and inviting the person again does not bring back the old password", async () => {
    const person = await addPerson("leaver@ministry.example", "viewer", "a first password 2026");
    const mine = await browser.newContext();
    await signInAs(mine, tracker.url, person.email, person.password);
    const cookie = await sessionCookie(mine);
    const { context, page } = await adminPage();
    await page.goto(`${tracker.url}/en/admin/users`);
    const row = page.locator("tr", { hasText: person.email });
    await row.getByRole("button", { name: "Deactivate" }).click();
    await row.getByText("Deactivated").waitFor();
    expect(await opensStaffArea(cookie)).toBe(false);
    await page.fill("#email", person.email);
    await page.getByRole("button", { name: "Create invitation" }).click();
    await page.getByTestId("invitation-link").waitFor();
    const again = await browser.newContext();
    expect(await isShown(await refusedSignIn(again, person.email, person.password), "The email or password is not right")).toBe(true);
    expect(await opensStaffArea(cookie)).toBe(false);
    await Promise.all([mine.close(), context.close(), again.close()]);
  });
});
