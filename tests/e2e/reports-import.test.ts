import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parse } from "csv-parse/sync";
import Papa from "papaparse";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, screenshot } from "../support/browser";
import { startTracker, type RunningTracker } from "../../scripts/tracker-process.mjs";

let tracker: RunningTracker;
let browser: Browser;
let dataDir: string;
const editorEmail = "editor.e2e@mofa.example";
const editorPassword = "a-long-e2e-password-2026";

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), "tracker-e2e-reports-"));
  tracker = await startTracker({ DATABASE_URL: "", DATA_DIR: dataDir, ADMIN_EMAIL: editorEmail, ADMIN_PASSWORD: editorPassword });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await tracker?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

/** Clicks something that downloads a file and returns the file's name and bytes. */
async function download(page: Page, start: () => Promise<unknown>): Promise<{ name: string; bytes: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent("download"), start().catch(() => {})]);
  return { name: file.suggestedFilename(), bytes: await readFile((await file.path())!) };
}

const table = (bytes: Buffer): Record<string, string>[] => parse(bytes, { bom: true, columns: true });
const today = () => new Date().toISOString().slice(0, 10);

describe("CSV reports in the browser", () => {
  it("downloads the filtered milestones export with a name that says what it holds", async () => {
    const page = await browser.newPage();
    // Filter the public list, then "export what I see" with one click.
    await page.goto(`${tracker.url}/en/milestones`);
    await page.getByLabel("Pillar").selectOption("economic");
    await page.getByLabel("Status").selectOption("completed");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await page.waitForURL(/status=completed/);
    const file = await download(page, () => page.locator("a[data-export]").click());
    expect(file.name).toBe(`japan-peru-milestones_pillar-economic_status-completed_${today()}.csv`);
    expect([...file.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = table(file.bytes);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((row) => row.Status === "Completed" && row.Pillar === "Economic")).toBe(true);
    await page.close();
  });

  it("answers a bad parameter with 400, naming it", async () => {
    const response = await fetch(`${tracker.url}/api/v1/exports/progress.csv?asOf=2025-02-30&lang=es`);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: { code: "invalid_parameter", parameter: "asOf", message: "asOf: must be a date like 2025-11-17" } });
    // A misspelt filter is refused like the API refuses it, never ignored into a file of everything.
    const misspelt = await fetch(`${tracker.url}/api/v1/exports/milestones.csv?satus=completed`);
    expect(misspelt.status).toBe(400);
    expect((await misspelt.json()).error).toMatchObject({ code: "invalid_parameter", parameter: "satus" });
  });

  it("prints the annual report and downloads it as CSV in Japanese", async () => {
    const page = await browser.newPage();
    const response = await page.goto(`${tracker.url}/ja/reports/annual/2024?basis=fiscal`);
    expect(response?.status()).toBe(200);
    await expect(page.locator("h1").innerText()).resolves.toContain("2024年度");
    expect(await page.locator("[data-pillar]").count()).toBeGreaterThan(0);
    await expect(page.locator("[data-section=completed]").first().innerText()).resolves.toContain("本年度に完了");
    await screenshot(page, "reports-annual-ja");
    await page.emulateMedia({ media: "print" });
    expect(await page.locator("nav").first().isVisible()).toBe(false);
    await page.emulateMedia({ media: "screen" });
    const file = await download(page, () => page.getByRole("link", { name: "CSVでダウンロード" }).click());
    expect(file.name).toBe("japan-peru-annual-fy2024_ja_as-of-2025-03-31.csv");
    expect(table(file.bytes).some((row) => row.区分 === "本年度に完了")).toBe(true);
    await page.close();
  });
});

describe("bulk import for editors", () => {
  it("uploads a changed export, shows the dry run, applies it and the public overview changes", async () => {
    const page = await browser.newPage();
    await page.goto(`${tracker.url}/en/sign-in`);
    await page.getByLabel("Email").fill(editorEmail);
    await page.getByLabel("Password").fill(editorPassword);
    await page.getByRole("button", { name: /sign in/i }).click();
    await page.waitForURL(/\/en\/admin/);

    const staffExport = await page.request.get(`${tracker.url}/api/v1/exports/milestones.csv?pillar=defense-security&status=planned`);
    const rows: string[][] = parse(await staffExport.body(), { bom: true });
    const header = rows[0]!;
    // Signed in, the export is the staff one: whether each milestone is public, and who updated it last.
    expect(header).toEqual(expect.arrayContaining(["Public", "Last update by", "Version"]));
    expect(staffExport.headers()["cache-control"]).toBe("private, no-store");
    const target = rows[1]!;
    const key = target[header.indexOf("Key")]!;
    target[header.indexOf("Status")] = "In progress";
    target[header.indexOf("Progress (%)")] = "25";
    target[header.indexOf("Last update note")] = "Staff talks held, agenda agreed";
    const upload = path.join(dataDir, "import.csv");
    await writeFile(upload, `\uFEFF${Papa.unparse(rows, { newline: "\r\n" })}`);

    const inProgressBefore = await pillarCount(page, "Defense and Security", "In progress");
    await page.goto(`${tracker.url}/en/admin/import`);
    await page.locator("input[type=file]").setInputFiles(upload);
    await page.getByRole("button", { name: "Check the file (dry run)" }).click();
    const changed = page.locator("tr[data-outcome=update]");
    await expect(changed.innerText()).resolves.toContain(key);
    await expect(changed.innerText()).resolves.toMatch(/Status: Planned → In progress/);
    await expect(changed.innerText()).resolves.toMatch(/Progress \(%\): 0 → 25/);
    await expect(changed.locator("td").first().innerText()).resolves.toBe("2");
    await screenshot(page, "reports-import-dry-run");

    await page.getByRole("button", { name: "Apply these changes" }).click();
    await expect(page.locator("[data-summary]").filter({ hasText: "Applied" }).innerText()).resolves.toBe("Applied: 0 created, 1 changed.");
    expect(await pillarCount(page, "Defense and Security", "In progress")).toBe(inProgressBefore + 1);

    // The same file again now matches the tracker: there is nothing to apply.
    await page.goto(`${tracker.url}/en/admin/import`);
    await page.locator("input[type=file]").setInputFiles(upload);
    await page.getByRole("button", { name: "Check the file (dry run)" }).click();
    await expect(page.locator("[data-summary]").innerText()).resolves.toBe("Nothing to apply: the file matches the tracker.");
    await expect(page.getByRole("button", { name: "Apply these changes" }).count()).resolves.toBe(0);
    await page.close();
  });

  it("says plainly why a file that is not a CSV is refused", async () => {
    const page = await browser.newPage();
    await page.goto(`${tracker.url}/en/sign-in`);
    await page.getByLabel("Email").fill(editorEmail);
    await page.getByLabel("Password").fill(editorPassword);
    await page.getByRole("button", { name: /sign in/i }).click();
    await page.waitForURL(/\/en\/admin/);
    await page.goto(`${tracker.url}/es/admin/import`);
    await page
      .locator("input[type=file]")
      .setInputFiles({ name: "informe.xlsx", mimeType: "application/vnd.ms-excel", buffer: Buffer.from("PK\u0003\u0004workbook", "latin1") });
    await page.getByRole("button", { name: "Revisar el archivo (simulación)" }).click();
    await expect(page.locator("[data-file-problem]").innerText()).resolves.toContain("Guardar como › CSV UTF-8");
    await page.close();
  });
});

/** The count of milestones with `status` under a pillar on the public overview page (absent when none). */
async function pillarCount(page: Page, pillar: string, status: string): Promise<number> {
  await page.goto(`${tracker.url}/en`);
  const card = page.locator("main [data-pillar]").filter({ hasText: pillar });
  const text = await card.innerText();
  expect(text).toContain(pillar);
  return Number(new RegExp(`${status}:\\s*(\\d+)`).exec(text)?.[1] ?? 0);
}
