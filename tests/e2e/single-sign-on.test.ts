import { mkdtemp, rm } from "node:fs/promises";
import type { Server } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
// oidc-provider ships no type declarations.
// @ts-expect-error -- untyped test dependency
import Provider from "oidc-provider";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, screenshot } from "../support/browser";
import { freePort, startTracker, type RunningTracker } from "../../scripts/tracker-process.mjs";

// Single sign-on through a real OpenID Connect provider (oidc-provider on a
// local port, with its development login form that accepts any user name).

const admin = { email: "admin@ministry.example", password: "correct horse battery staple" };
let identityServer: Server;
let tracker: RunningTracker;
let browser: Browser;
let dataDir: string;
let trackerUrl: string;

beforeAll(async () => {
  const [identityPort, trackerPort] = [await freePort(), await freePort()];
  const issuer = `http://127.0.0.1:${identityPort}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: "roadmap-tracker",
        client_secret: "tracker-client-secret",
        // Next reports 127.0.0.1 as "localhost" in request URLs, so the tracker is reached as localhost here.
        redirect_uris: [`http://localhost:${trackerPort}/api/auth/callback/oidc`],
        grant_types: ["authorization_code"],
        response_types: ["code"],
      },
    ],
    // The user name typed on the login form is the account, and its email.
    findAccount: async (_context: unknown, accountId: string) => ({
      accountId,
      claims: async () => ({ sub: accountId, email: accountId, email_verified: true }),
    }),
    claims: { openid: ["sub"], email: ["email", "email_verified"] },
    // Put the email in the ID token, as Entra ID and Keycloak do.
    conformIdTokenClaims: false,
    cookies: { keys: ["test-only-cookie-key"] },
  });
  identityServer = provider.listen(identityPort);
  dataDir = await mkdtemp(path.join(tmpdir(), "tracker-sso-"));
  tracker = await startTracker(
    {
      DATABASE_URL: "",
      DATA_DIR: dataDir,
      ADMIN_EMAIL: admin.email,
      ADMIN_PASSWORD: admin.password,
      AUTH_OIDC_ISSUER: issuer,
      AUTH_OIDC_CLIENT_ID: "roadmap-tracker",
      AUTH_OIDC_CLIENT_SECRET: "tracker-client-secret",
      AUTH_OIDC_NAME: "Ministry login",
    },
    { port: trackerPort },
  );
  trackerUrl = `http://localhost:${trackerPort}`;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await tracker?.stop();
  identityServer?.close();
  await rm(dataDir, { recursive: true, force: true });
});

/** Starts single sign-on from the tracker and signs in at the provider as `email`. */
async function signInThroughProvider(page: Page, email: string): Promise<void> {
  await page.goto(`${trackerUrl}/en/sign-in`);
  await page.click("text=Sign in with Ministry login");
  await page.waitForURL(/127\.0\.0\.1:\d+\/interaction\//);
  await page.fill("input[name=login]", email);
  await page.fill("input[name=password]", "anything");
  await page.click("button[type=submit]");
  // The provider asks once to share the profile with the tracker.
  await page.waitForURL((url) => url.origin === trackerUrl || url.pathname.startsWith("/interaction/"));
  if (new URL(page.url()).pathname.startsWith("/interaction/")) await page.click("button:has-text('Continue')");
  await page.waitForURL((url) => url.origin === trackerUrl);
}

describe("single sign-on", () => {
  it("signs in a person whose email an admin added, with the role the admin gave", async () => {
    const adminContext = await browser.newContext();
    const adminPage = await adminContext.newPage();
    await adminPage.goto(`${trackerUrl}/en/sign-in`);
    await adminPage.fill("#email", admin.email);
    await adminPage.fill("#password", admin.password);
    await adminPage.click("form button[type=submit]");
    await adminPage.waitForURL(/\/en\/admin$/);
    await adminPage.goto(`${trackerUrl}/en/admin/users`);
    await adminPage.fill("#email", "sso.editor@ministry.example");
    await adminPage.selectOption("#role", "editor");
    await adminPage.click("text=Create invitation");
    await adminPage.getByText("Invitation for sso.editor@ministry.example").waitFor();
    await adminContext.close();

    const context = await browser.newContext();
    const page = await context.newPage();
    await signInThroughProvider(page, "sso.editor@ministry.example");
    await page.waitForURL(/\/en\/admin$/);
    await expect(page.locator("header").innerText()).resolves.toContain("Signed in as sso.editor@ministry.example (Editor)");
    await screenshot(page, "staff-sso-signed-in");
    await context.close();
  });

  it("refuses an email no admin added, saying so without a session", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signInThroughProvider(page, "stranger@elsewhere.example");
    await page.waitForURL(/\/en\/sign-in\?error=AccessDenied/);
    await expect(page.locator("main [role=alert]").innerText()).resolves.toContain("not registered in the tracker");
    await screenshot(page, "staff-sso-refused");
    await page.goto(`${trackerUrl}/en/admin`);
    expect(new URL(page.url()).pathname).toBe("/en/sign-in");
    await context.close();
  });
});
