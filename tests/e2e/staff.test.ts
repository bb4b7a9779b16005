import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isShown, launchChromium, screenshot, signInAs } from "../support/browser";
import { startSmtpServer } from "../support/smtp";
import { scratchPostgres, startTracker, type RunningTracker } from "../../scripts/tracker-process.mjs";

// The staff area end to end: an admin invites an editor, the editor sets a
// password and logs progress, two editors save at once, a viewer and a
// signed-out browser are refused. Runs on PostgreSQL when TEST_DATABASE_URL is
// set (so the test can read the public record the way the public API does),
// on the embedded database otherwise.

const admin = { email: "admin@ministry.example", password: "correct horse battery staple" };
const milestone = "monitoring-working-group-2025";
const publicNote = `Working group met in Lima (${Date.now()})`;

let tracker: RunningTracker;
let browser: Browser;
let dataDir: string;
let scratch: { url: string; drop: () => Promise<void> } | null = null;
/** Invitation emails the tracker sent, as received by a real SMTP server on a local port. */
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;

async function createPostgresDatabase(): Promise<string | null> {
  if (!process.env.TEST_DATABASE_URL) return null;
  scratch = await scratchPostgres(process.env.TEST_DATABASE_URL, "tracker_e2e");
  return scratch.url;
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), "tracker-staff-"));
  const databaseUrl = await createPostgresDatabase();
  smtp = await startSmtpServer();
  tracker = await startTracker({
    DATABASE_URL: databaseUrl ?? "",
    DATA_DIR: dataDir,
    ADMIN_EMAIL: admin.email,
    ADMIN_PASSWORD: admin.password,
    SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
    MAIL_FROM: "Road Map tracker <tracker@ministry.example>",
  });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await tracker?.stop();
  await smtp?.close();
  await rm(dataDir, { recursive: true, force: true });
  await scratch?.drop();
});

const signIn = (context: BrowserContext, email: string, password: string) => signInAs(context, tracker.url, email, password);

type CapturedAction = { id: string; contentType: string; body: string };

/** Records the next server action the page posts, to replay it from outside the browser. */
function captureNextAction(page: Page): Promise<CapturedAction> {
  return new Promise((resolve) => {
    page.on("request", (request) => {
      const id = request.headers()["next-action"];
      if (request.method() === "POST" && id) resolve({ id, contentType: request.headers()["content-type"]!, body: request.postData() ?? "" });
    });
  });
}

async function replay(action: CapturedAction, pathname: string, cookie?: string): Promise<string> {
  const response = await fetch(`${tracker.url}${pathname}`, {
    method: "POST",
    headers: { "next-action": action.id, "content-type": action.contentType, origin: tracker.url, accept: "text/x-component", ...(cookie ? { cookie } : {}) },
    body: action.body,
    redirect: "manual",
  });
  return response.text();
}

const invitationLinks = new Map<string, string>();
let progressAction: CapturedAction;
let inviteAction: CapturedAction;

describe("an admin, an editor and a viewer", () => {
  it("lets the admin sign in, see the dashboard and invite an editor and a viewer", async () => {
    const context = await browser.newContext();
    const page = await signIn(context, admin.email, admin.password);
    await expect(page.locator("h1").innerText()).resolves.toBe("Dashboard");
    expect(await page.locator("main").innerText()).toMatch(/Overdue|No update in 90 days/);
    await screenshot(page, "staff-dashboard");
    await page.goto(`${tracker.url}/ja/admin/milestones/${milestone}`);
    await expect(page.locator("h1").innerText()).resolves.toContain("編集");
    await screenshot(page, "staff-edit-ja");

    await page.goto(`${tracker.url}/en/admin/users`);
    for (const [email, role] of [
      ["editor@ministry.example", "editor"],
      ["viewer@ministry.example", "viewer"],
    ] as const) {
      const captured = captureNextAction(page);
      await page.fill("#email", email);
      await page.selectOption("#role", role);
      await page.click("text=Create invitation");
      await page.getByText(`Invitation for ${email}`).waitFor();
      invitationLinks.set(email, await page.getByTestId("invitation-link").inputValue());
      inviteAction ??= await captured;
      if (role === "editor") await screenshot(page, "staff-users-invitation");
    }
    expect(invitationLinks.get("editor@ministry.example")).toMatch(new RegExp(`^${tracker.url}/en/set-password\\?token=[\\w-]{40,}$`));
    // SMTP is configured: each invitation was also emailed, with the same one-time link.
    expect(await isShown(page, "An email with this link was sent to viewer@ministry.example.")).toBe(true);
    for (const [email, link] of invitationLinks) {
      const message = smtp.received.find((mail) => mail.to.includes(email));
      expect(message?.raw.replace(/=\r?\n/g, "").replace(/=3D/g, "=")).toContain(link);
    }
    await context.close();
  });

  it("lets the invited editor set a password once, sign in and log progress with a public note", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const link = invitationLinks.get("editor@ministry.example")!;
    await page.goto(link);
    await page.fill("#password", "short");
    await page.fill("#confirmation", "short");
    await page.click("text=Set password");
    await expect(page.locator("#password-error").innerText()).resolves.toBe("Use at least 12 characters.");
    await page.fill("#password", "editor password 2026");
    await page.fill("#confirmation", "editor password 2026");
    await page.click("text=Set password");
    await page.getByText("Your password is set").waitFor();
    await page.goto(link);
    await expect(page.locator("main [role=alert]").innerText()).resolves.toContain("expired or has already been used");

    const editorPage = await signIn(context, "editor@ministry.example", "editor password 2026");
    await editorPage.goto(`${tracker.url}/en/admin/milestones/${milestone}/progress`);
    await editorPage.selectOption("#status", "in_progress");
    await editorPage.fill("#progress", "101");
    await editorPage.fill("#note", publicNote);
    await editorPage.fill("#evidenceUrl", "javascript:alert(1)");
    await editorPage.click("text=Log progress >> nth=-1");
    await editorPage.locator("#evidenceUrl-error").waitFor();
    expect(await editorPage.locator("#evidenceUrl-error").innerText()).toContain("http:// or https://");
    expect(await editorPage.locator("#progress-error").innerText()).toContain("0 to 100");
    await screenshot(editorPage, "staff-progress-errors");

    const captured = captureNextAction(editorPage);
    await editorPage.fill("#progress", "40");
    await editorPage.fill("#evidenceUrl", "https://www.gob.pe/rree");
    await editorPage.check("input[name=noteIsPublic]");
    await editorPage.click("text=Log progress >> nth=-1");
    await editorPage.getByText("Progress logged.").waitFor();
    progressAction = await captured;
    await screenshot(editorPage, "staff-progress-logged");

    await editorPage.goto(`${tracker.url}/en/admin/milestones/${milestone}/history`);
    const history = await editorPage.locator("main").innerText();
    expect(history).toContain("editor@ministry.example");
    expect(history).toContain(publicNote);
    expect(history).toMatch(/Progress \(%\)\s+0\s+40/);
    await screenshot(editorPage, "staff-history");
    await context.close();
  });

  it("shows the public note to the public at once", async () => {
    const response = await fetch(`${tracker.url}/en/milestones/${milestone}`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain(publicNote);
  });

  it("refuses a server action replayed without a session, and writes nothing", async () => {
    for (const [action, pathname] of [
      [progressAction, `/en/admin/milestones/${milestone}/progress`],
      [inviteAction, "/en/admin/users"],
    ] as const) {
      const body = await replay(action, pathname);
      expect(body).toContain("notSignedIn");
      expect(body).not.toContain('"saved"');
      expect(body).not.toMatch(/set-password\?token=/);
    }
  });

  it("lets a viewer read the staff area but not edit, log progress or manage users", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(invitationLinks.get("viewer@ministry.example")!);
    await page.fill("#password", "viewer password 2026");
    await page.fill("#confirmation", "viewer password 2026");
    await page.click("text=Set password");
    await page.getByText("Your password is set").waitFor();
    const viewerPage = await signIn(context, "viewer@ministry.example", "viewer password 2026");
    await viewerPage.goto(`${tracker.url}/en/admin/milestones/${milestone}/progress`);
    await expect(viewerPage.locator("main [role=alert]").innerText()).resolves.toContain("read milestones but not change them");
    expect(await viewerPage.locator("textarea[name=note]").count()).toBe(0);
    await screenshot(viewerPage, "staff-viewer-refused");
    await viewerPage.goto(`${tracker.url}/en/admin/users`);
    await expect(viewerPage.locator("main [role=alert]").innerText()).resolves.toContain("does not allow");
    const cookie = (await context.cookies()).map((entry) => `${entry.name}=${entry.value}`).join("; ");
    expect(await replay(progressAction, `/en/admin/milestones/${milestone}/progress`, cookie)).toContain("forbidden");
    expect(await replay(inviteAction, "/en/admin/users", cookie)).toContain("forbidden");
    await context.close();
  });

  it("refuses the second of two editors saving the same milestone at once and shows what changed", async () => {
    const pages = await Promise.all(
      ["first", "second"].map(async () => {
        const context = await browser.newContext();
        const page = await signIn(context, "editor@ministry.example", "editor password 2026");
        await page.goto(`${tracker.url}/en/admin/milestones/${milestone}`);
        return page;
      }),
    );
    await pages[0]!.fill("#location", "Lima");
    await pages[1]!.fill("#location", "Cusco");
    await Promise.all(pages.map((page) => page.click("form button:has-text('Save')")));
    await Promise.all(pages.map((page) => page.locator("main [role=status], main [role=alert]").first().waitFor()));
    const outcomes = await Promise.all(pages.map((page) => page.locator("main").innerText()));
    const saved = outcomes.filter((text) => text.includes("Saved."));
    const refused = outcomes.filter((text) => text.includes("Someone else saved this milestone"));
    expect(saved).toHaveLength(1);
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatch(/Location: (Lima|Cusco)|Location: — → (Lima|Cusco)/);
    await screenshot(pages[outcomes.indexOf(refused[0]!)]!, "staff-edit-conflict");
    for (const page of pages) await page.context().close();
  });
});

describe("an admin changing an account", () => {
  it("signs a deactivated user out at their next request, and a changed role ends the session so the new role applies at the next sign-in", async () => {
    const viewerContext = await browser.newContext();
    const viewerPage = await signIn(viewerContext, "viewer@ministry.example", "viewer password 2026");
    const editorContext = await browser.newContext();
    const editorPage = await signIn(editorContext, "editor@ministry.example", "editor password 2026");
    const adminContext = await browser.newContext();
    const adminPage = await signIn(adminContext, admin.email, admin.password);
    await adminPage.goto(`${tracker.url}/en/admin/users`);
    const viewerRow = adminPage.locator("tr", { hasText: "viewer@ministry.example" });
    await viewerRow.locator("button", { hasText: "Deactivate" }).click();
    await viewerRow.getByText("Deactivated").waitFor();
    const editorRow = adminPage.locator("tr", { hasText: "editor@ministry.example" });
    await editorRow.locator("select").selectOption("viewer");
    await editorRow.locator("button", { hasText: "Change role" }).click();
    await editorRow.getByText("Role changed.").waitFor();
    await screenshot(adminPage, "staff-users-changed");

    await viewerPage.goto(`${tracker.url}/en/admin`);
    expect(new URL(viewerPage.url()).pathname).toBe("/en/sign-in");
    await editorPage.goto(`${tracker.url}/en/admin/milestones/${milestone}/progress`);
    expect(new URL(editorPage.url()).pathname).toBe("/en/sign-in");
    const againPage = await signIn(editorContext, "editor@ministry.example", "editor password 2026");
    await againPage.goto(`${tracker.url}/en/admin/milestones/${milestone}/progress`);
    expect(await againPage.locator("main [role=alert]").innerText()).toContain("read milestones but not change them");

    for (const context of [viewerContext, editorContext, adminContext]) await context.close();
  });
});

describe("archiving", () => {
  it("asks an admin to confirm with a reason, tells the public when and why, and can be undone", async () => {
    const slug = "parliamentary-friendship-exchange-2025";
    const context = await browser.newContext();
    const page = await signIn(context, admin.email, admin.password);
    const before = await (await fetch(`${tracker.url}/en`)).text();
    await page.goto(`${tracker.url}/en/admin/milestones/${slug}`);
    // The button is behind a disclosure that says what archiving does, and a reason is required.
    await page.click("text=Archive this milestone…");
    await page.click("text=Withdraw it from tracking");
    expect(await isShown(page, "Required.")).toBe(true);
    await page.fill("#reason", "Merged into the 2029 parliamentary exchange");
    await page.click("text=Withdraw it from tracking");
    await page.waitForURL(/\/en\/admin\/milestones\/archived$/);
    expect(await page.locator(`[data-archived-milestone="${slug}"]`).innerText()).toContain("Merged into the 2029 parliamentary exchange");
    await page.goto(`${tracker.url}/en/admin/milestones`);
    expect(await page.locator(`main a[href$="/${slug}"]`).count()).toBe(0);
    expect(await page.locator('main a[href$="/monitoring-working-group-2025"]').count()).toBeGreaterThan(0);
    const after = await (await fetch(`${tracker.url}/en`)).text();
    expect(after).not.toBe(before);

    // Staff still read its pages; the public reads that it was withdrawn, when and why, and nothing else.
    await page.goto(`${tracker.url}/en/admin/milestones/${slug}/history`);
    expect(await isShown(page, "Archived the milestone")).toBe(true);
    const withdrawn = await (await fetch(`${tracker.url}/es/milestones/${slug}`)).text();
    expect(withdrawn).toContain("Retirado del seguimiento");
    expect(withdrawn).toContain("Merged into the 2029 parliamentary exchange");
    expect(withdrawn).not.toContain("Ligas Parlamentarias");
    const api = await fetch(`${tracker.url}/api/v1/milestones/${slug}`);
    expect(api.status).toBe(410);
    expect((await api.json()).data).toEqual({
      slug,
      withdrawn: { on: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), reason: "Merged into the 2029 parliamentary exchange" },
    });

    await page.goto(`${tracker.url}/en/admin/milestones/archived`);
    await page.click(`[data-archived-milestone="${slug}"] >> text=Restore`);
    await page.waitForURL(new RegExp(`/en/admin/milestones/${slug}$`));
    expect(await page.locator("[data-current-status]").count()).toBe(1);
    expect(await (await fetch(`${tracker.url}/en/milestones/${slug}`)).text()).toContain("Parliamentary Friendship Leagues");
    await context.close();
  });
});

describe("a signed-out browser", () => {
  it("is sent to sign-in from every staff page and gets no staff content over plain HTTP", async () => {
    const page = await browser.newPage();
    await page.goto(`${tracker.url}/en/admin/users`);
    expect(new URL(page.url()).pathname).toBe("/en/sign-in");
    await screenshot(page, "staff-sign-in");
    await page.close();
    for (const pathname of ["/en/admin", "/es/admin/users", `/ja/admin/milestones/${milestone}/history`, "/en/admin/milestones/new"]) {
      const response = await fetch(`${tracker.url}${pathname}`, { redirect: "manual" });
      const body = await response.text();
      expect([303, 307, 308]).toContain(response.status);
      expect(response.headers.get("location")).toContain("/sign-in");
      expect(body).not.toContain("@ministry.example");
    }
  });

  it("is locked out after five wrong passwords, without learning whether the email exists", async () => {
    const page = await browser.newPage();
    await page.goto(`${tracker.url}/en/sign-in`);
    const messages: string[] = [];
    for (let attempt = 0; attempt < 6; attempt++) {
      await page.fill("#email", "editor@ministry.example");
      await page.fill("#password", `wrong password ${attempt}`);
      await Promise.all([
        page.waitForResponse((response) => response.request().headers()["next-action"] !== undefined),
        page.click("form button[type=submit]"),
      ]);
      await page.waitForFunction(() => !document.querySelector("form button[type=submit]")?.hasAttribute("disabled"));
      messages.push(await page.locator("main [role=alert]").innerText());
    }
    expect(new Set(messages.slice(0, 5))).toEqual(new Set(["The email or password is not right, or the account cannot sign in."]));
    expect(messages[5]).toContain("paused for 15 minutes");
    await page.fill("#email", "nobody@ministry.example");
    await page.fill("#password", "wrong password");
    await page.click("form button[type=submit]");
    await page.getByText("The email or password is not right").waitFor();
    await screenshot(page, "staff-sign-in-locked");
    await page.close();
  });
});

describe("security headers", () => {
  it("give staff pages a nonce policy, public pages a no-script policy, and session cookies Secure and HttpOnly", async () => {
    const signInPage = await fetch(`${tracker.url}/en/sign-in`);
    const staffPolicy = signInPage.headers.get("content-security-policy")!;
    expect(staffPolicy).toMatch(/script-src 'self' 'nonce-[\w+/=]+' 'strict-dynamic'/);
    expect(staffPolicy).not.toContain("unsafe-inline'; ".replace("; ", "") + " script");
    const nonce = /'nonce-([\w+/=]+)'/.exec(staffPolicy)![1];
    expect(await signInPage.text()).toContain(`nonce="${nonce}"`);

    const publicPage = await fetch(`${tracker.url}/en`);
    const publicPolicy = publicPage.headers.get("content-security-policy")!;
    expect(publicPolicy).toContain("script-src 'none';");
    for (const policy of [staffPolicy, publicPolicy]) {
      expect(/script-src [^;]*unsafe-inline/.test(policy)).toBe(false);
      expect(policy).toContain("frame-ancestors 'none'");
    }
    for (const response of [signInPage, publicPage, await fetch(`${tracker.url}/api/auth/csrf`)]) {
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      expect(response.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
      expect(response.headers.get("strict-transport-security")).toBeNull();
    }
    const behindHttps = await fetch(`${tracker.url}/en`, { headers: { "x-forwarded-proto": "https" } });
    expect(behindHttps.headers.get("strict-transport-security")).toMatch(/max-age=\d+/);

    const context = await browser.newContext();
    await signIn(context, admin.email, admin.password);
    const session = (await context.cookies()).find((cookie) => cookie.name.endsWith("authjs.session-token"));
    expect(session).toMatchObject({ secure: true, httpOnly: true, sameSite: "Lax" });
    await context.close();
  });
});

describe("my account", () => {
  it("lets the first administrator replace the password they were given, then sign in with the new one", async () => {
    const context = await browser.newContext();
    const page = await signIn(context, admin.email, admin.password);
    await page.getByRole("link", { name: "My account" }).click();
    await page.waitForURL(/\/en\/admin\/account$/);
    await page.getByLabel("Current password").fill("not the password");
    await page.getByLabel("New password", { exact: true }).fill("a brand new passphrase");
    await page.getByLabel("Repeat the new password").fill("a brand new passphrase");
    await page.getByRole("button", { name: "Change password" }).click();
    expect(await isShown(page, "That is not your current password.")).toBe(true);

    await page.getByLabel("Current password").fill(admin.password);
    await page.getByLabel("New password", { exact: true }).fill("a brand new passphrase");
    await page.getByLabel("Repeat the new password").fill("a brand new passphrase");
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(page.getByRole("status").innerText()).resolves.toContain("Your password has been changed.");
    await screenshot(page, "staff-account-password-changed");
    await context.close();

    const again = await browser.newContext();
    await signIn(again, admin.email, "a brand new passphrase");
    await again.close();
  });
});
