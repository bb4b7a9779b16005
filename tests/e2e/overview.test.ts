import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, screenshot } from "../support/browser";
import { startTracker, type RunningTracker } from "../../scripts/tracker-process.mjs";

let tracker: RunningTracker;
let browser: Browser;
let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), "tracker-e2e-"));
  tracker = await startTracker({ DATABASE_URL: "", DATA_DIR: dataDir, ADMIN_EMAIL: "", ADMIN_PASSWORD: "" });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await tracker?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

describe("a new user's first start on the embedded database", () => {
  it("migrates, seeds and prints a one-time administrator password", () => {
    const output = tracker.output();
    expect(output).toMatch(/Applied migration \d{14}_init to the embedded PostgreSQL/);
    expect(output).toMatch(/Seeded the Road Map: 5 pillars and \d+ milestones added/);
    expect(output).toMatch(/First administrator created: admin@tracker\.local with password \S{20,}/);
  });

  it("serves the five pillars with their milestone counts at /", async () => {
    const page = await browser.newPage();
    const response = await page.goto(tracker.url);
    expect(response?.status()).toBe(200);
    await expect(page.locator("h1").innerText()).resolves.toContain("Japan");
    const pillars = page.locator("main ol > li h3, main [data-pillar] h3");
    expect(await pillars.allInnerTexts()).toEqual(
      expect.arrayContaining([
        expect.stringContaining("Political-Diplomatic"),
        expect.stringContaining("Economic"),
        expect.stringContaining("Bilateral Cooperation"),
        expect.stringContaining("Social and People-to-People"),
        expect.stringContaining("Defense and Security"),
      ]),
    );
    expect(await page.locator("main").innerText()).toMatch(/Completed/);
    await screenshot(page, "foundation-overview");
    await page.close();
  });
});
