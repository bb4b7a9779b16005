import { createHash } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isShown, launchChromium, screenshot, signInAs } from "../support/browser";
import { startTracker, type RunningTracker } from "../../scripts/tracker-process.mjs";

// A record that cannot lie, as people meet it in the browser: a status that
// only history explains, moved target dates shown with their reason, overdue
// visible, reports of years that exist, and frozen snapshots whose files hash
// the same as when they were frozen.

const admin = { email: "admin@ministry.example", password: "correct horse battery staple" };
let tracker: RunningTracker;
let browser: Browser;
let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), "tracker-record-"));
  tracker = await startTracker({ DATABASE_URL: "", DATA_DIR: dataDir, ADMIN_EMAIL: admin.email, ADMIN_PASSWORD: admin.password });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await tracker?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

async function publicPage(address: string): Promise<{ page: Page; status: number | undefined }> {
  // Public pages ship no JavaScript; the browser keeps it on so that axe can run in the page.
  const context = await browser.newContext();
  const page = await context.newPage();
  const response = await page.goto(`${tracker.url}${address}`);
  return { page, status: response?.status() };
}

async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]).analyze();
  expect(results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`)).toEqual([]);
}

describe("overdue", () => {
  it("is shown by word and shape on the overview, the list and the milestone page, and filters the list", async () => {
    const overview = await publicPage("/en");
    const counts = await overview.page.locator("[data-overdue]").evaluateAll((nodes) => nodes.map((node) => Number(node.getAttribute("data-overdue"))));
    const total = counts.reduce((sum, count) => sum + count, 0);
    expect(total).toBeGreaterThanOrEqual(6);
    await overview.page.context().close();

    const list = await publicPage("/en/milestones?overdue=1&pageSize=100");
    expect(list.status).toBe(200);
    const items = list.page.locator("ul.milestone-list > li");
    expect(await items.count()).toBe(total);
    for (const item of await items.all()) expect(await item.locator(".overdue-badge svg").count(), await item.innerText()).toBe(1);
    expect(await list.page.locator("input[name=overdue]").isChecked()).toBe(true);
    await expectAccessible(list.page);
    await list.page.context().close();

    const milestone = await publicPage("/ja/milestones/monitoring-working-group-2025");
    expect(await milestone.page.locator(".overdue-badge").innerText()).toContain("期限超過");
    await expectAccessible(milestone.page);
    await milestone.page.context().close();
  });

  it("has its own section in the annual report, which exists only for the years from the adoption to now", async () => {
    const report = await publicPage("/en/reports/annual/2025");
    expect(report.status).toBe(200);
    const due = report.page.locator('[data-pillar="political-diplomatic"] [data-section="dueNotDelivered"]');
    expect(await due.locator("h3").innerText()).toBe("Due this year, not delivered");
    expect(await due.innerText()).toContain("Monitoring working group: first annual meeting");
    await report.page.context().close();
    const current = await publicPage(`/en/reports/annual/${new Date().getUTCFullYear()}`);
    expect(await current.page.locator("[data-provisional]").innerText()).toMatch(/^Provisional/);
    await current.page.context().close();
    for (const [address, heading] of [
      ["/en/reports/annual/2023", "Page not found"],
      ["/es/reports/annual/2034", "Página no encontrada"],
      ["/ja/reports/annual/2020?basis=fiscal", "ページが見つかりません"],
    ] as const) {
      const missing = await fetch(`${tracker.url}${address}`);
      expect(missing.status, address).toBe(404);
      expect(await missing.text(), address).toMatch(new RegExp(`<h1[^>]*>${heading}</h1>`));
    }
    const csv = await fetch(`${tracker.url}/api/v1/exports/annual.csv?year=2026.0`);
    expect(csv.status).toBe(400);
    expect((await csv.json()).error).toMatchObject({ code: "invalid_parameter", parameter: "year" });
  });
});

describe("an editor's changes", () => {
  it("change a status only as progress, refuse a day that has not come, and show a moved target date with its reason", async () => {
    const context = await browser.newContext();
    const page = await signInAs(context, tracker.url, admin.email, admin.password);
    const slug = "copper-supply-chain-partnership-2026";
    await page.goto(`${tracker.url}/en/admin/milestones/${slug}`);
    expect(await page.locator("select[name=status], input[name=progress], input[name=completedOn]").count()).toBe(0);
    expect(await page.locator("[data-current-status]").innerText()).toContain("Planned, 0 %");
    expect(await page.locator("#targetDate").getAttribute("max")).toBe("2035-12-31");

    await page.fill("#targetDate", "2027-03-31");
    await page.click("text=Save");
    expect(await isShown(page, "Say why the target date moves")).toBe(true);
    await page.fill("#rescheduleReason", "The feasibility study takes longer");
    await page.click("text=Save");
    expect(await isShown(page, "Saved.")).toBe(true);

    await page.goto(`${tracker.url}/en/admin/milestones/${slug}/progress`);
    const max = await page.locator("#happenedOn").getAttribute("max");
    expect(max).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await page.selectOption("#status", "completed");
    await page.fill("#progress", "100");
    await page.fill("#note", "Signed");
    await page.fill("#happenedOn", "2031-06-30");
    await page.click("text=Log progress >> nth=-1");
    expect(await isShown(page, "today in Tokyo")).toBe(true);
    await screenshot(page, "staff-progress-future-refused");
    await context.close();

    const milestone = await publicPage(`/en/milestones/${slug}`);
    expect(await milestone.page.locator("[data-original-target]").innerText()).toContain("September 30, 2026 (moved once)");
    expect(await milestone.page.locator("[data-reschedule]").innerText()).toContain("The feasibility study takes longer");
    expect(await milestone.page.locator(".status-badge").first().innerText()).toBe("Planned");
    await screenshot(milestone.page, "public-milestone-rescheduled");
    await milestone.page.context().close();
  });
});

describe("a frozen snapshot", () => {
  it("gets a public page listing its files in three languages, whose downloads hash as shown", async () => {
    const context = await browser.newContext();
    const page = await signInAs(context, tracker.url, admin.email, admin.password);
    await page.goto(`${tracker.url}/en/admin/snapshots`);
    await page.fill("#name", "Working group meeting 2025");
    await page.fill("#asOf", "2025-11-28");
    await page.click("button:has-text('Freeze a snapshot')");
    const link = page.locator("[role=status] a");
    await link.waitFor();
    expect(await link.getAttribute("href")).toBe("/en/snapshots/working-group-meeting-2025");
    await context.close();

    const snapshot = await publicPage("/es/snapshots/working-group-meeting-2025");
    expect(snapshot.status).toBe(200);
    const files = snapshot.page.locator("tr[data-file]");
    expect(await files.count()).toBe(6);
    for (const row of await files.all()) {
      expect(await row.getAttribute("data-matches")).toBe("true");
      const href = (await row.locator("a").getAttribute("href"))!;
      const bytes = Buffer.from(await (await fetch(`${tracker.url}${href}`)).arrayBuffer());
      expect(createHash("sha256").update(bytes).digest("hex"), href).toBe(await row.locator("td.font-mono").innerText());
    }
    await expectAccessible(snapshot.page);
    await screenshot(snapshot.page, "public-snapshot-es");
    await snapshot.page.context().close();
  });
});
