import { mkdirSync } from "node:fs";
import path from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";

export const screenshotDir = path.resolve(import.meta.dirname, "../e2e/screenshots");

/** Debian's Chromium, headless, with no calls to the outside network. */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
}

/** Saves a full-page screenshot for a person to look at (tests/e2e/screenshots). */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(screenshotDir, { recursive: true });
  const file = path.join(screenshotDir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** Waits until `text` is shown on the page and answers whether it is (false after the wait times out). */
export async function isShown(page: Page, text: string, timeout = 10_000): Promise<boolean> {
  return page
    .getByText(text)
    .first()
    .waitFor({ state: "visible", timeout })
    .then(() => true)
    .catch(() => false);
}

/** Signs in through the sign-in form, in a page of `context`, and waits for the staff dashboard. */
export async function signInAs(context: BrowserContext, trackerUrl: string, email: string, password: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${trackerUrl}/en/sign-in`);
  await page.fill("#email", email);
  await page.fill("#password", password);
  await page.click("form button[type=submit]");
  await page.waitForURL(/\/en\/admin$/);
  return page;
}
