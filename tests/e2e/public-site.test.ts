import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { parseFeed } from "@rowanmanning/feed-parser";
import ICAL from "ical.js";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDatabase, db } from "@/lib/db";
import { seedRoadmap } from "@/lib/seed";
import { migrateDatabase } from "@/lib/startup";
import { launchChromium, screenshot } from "../support/browser";
import { addInternalMilestone, addInternalNote, internalWords } from "../support/public-fixtures";
import { startTracker, type RunningTracker } from "../../scripts/tracker-process.mjs";

// The public site as a visitor meets it: the built tracker on the embedded
// database, with one internal milestone and one internal note that must never show.

let tracker: RunningTracker;
let browser: Browser;
let dataDir: string;
const secrets = internalWords;
const locales = ["en", "es", "ja"] as const;
const titles = { en: "Road Map to Strengthen", es: "Hoja de Ruta para el Fortalecimiento", ja: "戦略的パートナーシップ強化のためのロードマップ" };

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), "tracker-public-"));
  // Prepare the database here, then hand it to the tracker: the embedded database has one process at a time.
  delete process.env.DATABASE_URL;
  process.env.DATA_DIR = dataDir;
  await migrateDatabase(() => {});
  await seedRoadmap(db());
  await addInternalMilestone(new Date(Date.now() + 10 * 86_400_000));
  const completed = await db().milestone.findFirstOrThrow({ where: { status: "completed" }, orderBy: { id: "asc" } });
  await addInternalNote({ id: completed.id, status: "completed", progress: 100 }, new Date());
  await closeDatabase();
  tracker = await startTracker({ DATABASE_URL: "", DATA_DIR: dataDir, ADMIN_EMAIL: "", ADMIN_PASSWORD: "" });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await tracker?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

async function openPage(address: string, javaScriptEnabled = true): Promise<{ page: Page; status: number | undefined }> {
  const context = await browser.newContext({ javaScriptEnabled, viewport: { width: 1200, height: 900 } });
  const page = await context.newPage();
  const response = await page.goto(`${tracker.url}${address}`);
  return { page, status: response?.status() };
}

async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]).analyze();
  expect(results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`)).toEqual([]);
}

describe("the overview", () => {
  it.each(locales)("shows the Road Map, its five pillars and a timeline in %s, with no accessibility violations", async (locale) => {
    const { page, status } = await openPage(`/${locale}`);
    expect(status).toBe(200);
    expect(await page.getAttribute("html", "lang")).toBe(locale);
    expect(await page.locator("h1").innerText()).toContain(titles[locale]);
    expect(await page.locator("[data-pillar]").count()).toBe(5);
    expect(await page.locator("figure.timeline svg[role=img] > title").textContent()).toMatch(/2024.*2033/);
    for (const other of locales) expect(await page.locator(`link[rel=alternate][hreflang=${other}]`).count()).toBe(1);
    expect(await page.locator('meta[property="og:title"]').count()).toBe(1);
    expect(await page.content()).not.toMatch(new RegExp(secrets.join("|")));
    await expectAccessible(page);
    await screenshot(page, `public-overview-${locale}`);
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, `public-overview-${locale}-phone`);
    await page.context().close();
  });
});

describe("client JavaScript", () => {
  it("is neither downloaded nor run on the public pages, which work without it", async () => {
    const slug = (await (await fetch(`${tracker.url}/api/v1/milestones?pageSize=1`)).json()).data[0].slug;
    for (const address of ["/en", "/es/milestones?status=completed", `/ja/milestones/${slug}`, "/en/reports/annual/2025", "/en/no-such-page"]) {
      const context = await browser.newContext();
      const page = await context.newPage();
      const scripts: string[] = [];
      const blocked: string[] = [];
      page.on("requestfinished", (request) => {
        if (request.resourceType() === "script") scripts.push(request.url());
      });
      page.on("requestfailed", (request) => {
        if (request.resourceType() === "script") blocked.push(request.failure()?.errorText ?? "");
      });
      await page.goto(`${tracker.url}${address}`, { waitUntil: "load" });
      expect(scripts, address).toEqual([]);
      // A first render may still name Next's scripts; the policy stops the browser from fetching them.
      expect(
        blocked.every((reason) => reason === "csp"),
        address,
      ).toBe(true);
      // Next's runtime, had it run, would have set this up.
      expect(await page.evaluate(() => "__next_f" in self || "next" in window), address).toBe(false);
      expect(await page.locator("main h1").isVisible(), address).toBe(true);
      await context.close();
    }
  });

  it("is left out of the pages served from the cache, with everything a visitor reads kept", async () => {
    for (const address of ["/en", "/es/milestones", "/ja/milestones/road-map-adoption-2024"]) {
      const first = await (await fetch(`${tracker.url}${address}`)).text();
      const cached = await fetch(`${tracker.url}${address}`);
      expect(cached.headers.get("x-nextjs-cache"), address).toBe("HIT");
      const html = await cached.text();
      expect(html, address).not.toContain("<script");
      const text = (page: string) => page.replace(/<script\b[\s\S]*?<\/script>/g, "").replace(/<link\b[^>]*>/g, "");
      expect(text(html), address).toBe(text(first));
    }
    // A 404 page is never kept, so no visitor can fill the cache with invented addresses.
    for (let visit = 0; visit < 2; visit++) {
      const missing = await fetch(`${tracker.url}/ja/milestones/no-such-milestone`);
      expect(missing.status).toBe(404);
      expect(missing.headers.get("x-nextjs-cache")).not.toBe("HIT");
    }
  });
});

describe("the milestone list", () => {
  it("filters by status with a plain form, without JavaScript, and keeps the filters in the address", async () => {
    const { page } = await openPage("/en/milestones", false);
    const all = Number((await page.locator("#match-count").innerText()).match(/\d+/)![0]);
    expect(all).toBeGreaterThanOrEqual(40);
    await page.selectOption("select[name=status]", "completed");
    await page.selectOption("select[name=pillar]", "economic");
    await Promise.all([page.waitForURL(/status=completed/), page.click("form.filters button[type=submit]")]);
    const url = new URL(page.url());
    expect(url.searchParams.get("status")).toBe("completed");
    expect(url.searchParams.get("pillar")).toBe("economic");
    const shown = await page.locator(".milestone-list > li").count();
    expect(shown).toBeGreaterThan(0);
    expect(await page.locator("#match-count").innerText()).toContain(String(shown));
    expect(await page.locator(".milestone-list .status-badge").allInnerTexts()).toEqual(Array(shown).fill("Completed"));
    await screenshot(page, "public-list-filtered-en");
    await page.context().close();
  });

  it.each(locales)("lists every public milestone in %s, with no accessibility violations", async (locale) => {
    const { page, status } = await openPage(`/${locale}/milestones`);
    expect(status).toBe(200);
    expect(await page.locator(".milestone-list > li").count()).toBe(20);
    expect(await page.locator("nav.pagination a").count()).toBeGreaterThan(1);
    expect(await page.content()).not.toMatch(new RegExp(secrets.join("|")));
    await expectAccessible(page);
    await screenshot(page, `public-list-${locale}`);
    await page.context().close();
  });

  it("says in the visitor's language which filter it could not use, and shows an empty state when nothing matches", async () => {
    const { page } = await openPage("/es/milestones?status=terminado&year=pronto");
    const message = await page.locator("[data-invalid-filters]").innerText();
    expect(message).toContain("el estado no es un estado conocido");
    expect(message).toContain("el año debe ser un año como 2026");
    await page.goto(`${tracker.url}/ja/milestones?status=completed&year=2031`);
    expect(await page.locator(".empty-state").innerText()).toContain("条件に該当するマイルストーンはありません");
    await page.context().close();
  });
});

describe("a milestone page", () => {
  it("is reached from the list and shows the public history, without internal notes", async () => {
    const { page } = await openPage("/en/milestones?status=completed");
    const link = page.locator(".milestone-list a").first();
    const title = await link.innerText();
    await Promise.all([page.waitForURL(/\/en\/milestones\/[a-z0-9-]+$/), link.click()]);
    expect(await page.locator("h1").innerText()).toBe(title);
    const history = page.locator("ol.history > li");
    expect(await history.count()).toBeGreaterThanOrEqual(1);
    expect(await history.last().innerText()).toMatch(/Planned[\s\S]*→[\s\S]*Completed/);
    expect(await page.content()).not.toMatch(new RegExp(secrets.join("|")));
    await page.context().close();
  });

  it.each(locales)("shows every public field in %s, with no accessibility violations", async (locale) => {
    const { page, status } = await openPage(`/${locale}/milestones/road-map-adoption-2024`);
    expect(status).toBe(200);
    expect(await page.locator("ol.history > li").count()).toBeGreaterThanOrEqual(1);
    expect(await page.locator("a.source-link").first().getAttribute("href")).toMatch(/^https:\/\//);
    await expectAccessible(page);
    await screenshot(page, `public-milestone-${locale}`);
    await page.context().close();
  });

  it("is a real 404 page for an internal or unknown milestone, an annual report that cannot exist and any unknown address", async () => {
    for (const [address, heading] of [
      ["/en/milestones/internal-negotiation-copper", "Page not found"],
      ["/es/milestones/no-such-milestone", "Página no encontrada"],
      ["/ja/no/such/page", "ページが見つかりません"],
      ["/en/reports/annual/1999", "Page not found"],
      ["/es/reports/annual/twenty", "Página no encontrada"],
      ["/ja/reports/annual/2025?basis=academic", "ページが見つかりません"],
    ]) {
      const response = await fetch(`${tracker.url}${address}`);
      expect(response.status, address).toBe(404);
      const html = await response.text();
      // The address itself is echoed back; nothing of the milestone may be.
      expect(html).not.toMatch(/Confidential copper negotiation|Internal only|Internal remark/);
      // In the HTML itself: public pages block Next's inline scripts, so nothing draws it later.
      expect(html, address).toMatch(new RegExp(`<h1[^>]*>${heading}</h1>`));
    }
    const { page, status } = await openPage("/es/milestones/internal-negotiation-copper");
    expect(status).toBe(404);
    expect(await page.locator("h1").innerText()).toBe("Página no encontrada");
    await expectAccessible(page);
    await screenshot(page, "public-not-found-es");
    await page.context().close();
  });
});

describe("open data and feeds", () => {
  it("serves the list as JSON with the list's filters, and refuses unknown values naming the parameter", async () => {
    const response = await fetch(`${tracker.url}/api/v1/milestones?status=completed&pageSize=100`);
    expect(response.status).toBe(200);
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    const body = (await response.json()) as { data: { slug: string; status: string }[]; meta: { total: number } };
    expect(body.meta.total).toBe(body.data.length);
    expect(body.data.every((milestone) => milestone.status === "completed")).toBe(true);
    const everything = await (await fetch(`${tracker.url}/api/v1/milestones?pageSize=100&q=copper`)).text();
    expect(everything).not.toMatch(new RegExp(secrets.join("|")));
    expect(everything).not.toContain("isPublic");
    for (const [query, parameter] of [
      ["status=finished", "status"],
      ["year=soon", "year"],
      ["pageSize=500", "pageSize"],
      ["colour=red", "colour"],
    ]) {
      const refused = await fetch(`${tracker.url}/api/v1/milestones?${query}`);
      expect(refused.status, query).toBe(400);
      expect(await refused.json()).toEqual({ error: { code: "invalid_parameter", parameter, message: expect.stringMatching(new RegExp(`^${parameter}:`)) } });
    }
  });

  it("serves one milestone with its public history, and 404 JSON for an internal one", async () => {
    const one = await fetch(`${tracker.url}/api/v1/milestones/road-map-adoption-2024`);
    expect(one.status).toBe(200);
    const body = (await one.json()) as { data: { slug: string; history: { note: string | null }[] } };
    expect(body.data.slug).toBe("road-map-adoption-2024");
    const internal = await fetch(`${tracker.url}/api/v1/milestones/internal-negotiation-copper`);
    expect(internal.status).toBe(404);
    expect(await internal.json()).toEqual({ error: { code: "not_found", parameter: "slug", message: expect.stringContaining("no public milestone") } });
  });

  it("serves Atom and iCalendar feeds that parsers read, and a sitemap, none with internal data", async () => {
    const atom = await fetch(`${tracker.url}/feed.xml?lang=ja`);
    expect(atom.headers.get("content-type")).toContain("application/atom+xml");
    const atomText = await atom.text();
    expect(atomText).not.toMatch(new RegExp(secrets.join("|")));
    const feed = parseFeed(atomText);
    expect(feed.items.length).toBeGreaterThan(0);
    expect(feed.items[0]!.url).toMatch(/\/ja\/milestones\//);

    const calendar = await fetch(`${tracker.url}/calendar.ics`);
    expect(calendar.headers.get("content-type")).toContain("text/calendar");
    const calendarText = await calendar.text();
    expect(calendarText).not.toMatch(new RegExp(secrets.join("|")));
    expect(new ICAL.Component(ICAL.parse(calendarText)).getAllSubcomponents("vevent").length).toBeGreaterThan(0);
    for (const feed of ["/feed.xml", "/calendar.ics"]) {
      const refused = await fetch(`${tracker.url}${feed}?lang=fr`);
      expect(refused.status).toBe(400);
      expect(await refused.json()).toEqual({ error: { code: "invalid_parameter", parameter: "lang", message: "lang: must be one of en, es, ja" } });
    }

    const sitemap = await (await fetch(`${tracker.url}/sitemap.xml`)).text();
    expect(sitemap).toContain("/es/milestones/road-map-adoption-2024");
    expect(sitemap).not.toMatch(new RegExp(secrets.join("|")));
    expect(await (await fetch(`${tracker.url}/robots.txt`)).text()).toMatch(/Sitemap: .*\/sitemap\.xml/);
  });
});

describe("caching", () => {
  it("serves the overview and milestone pages from Next's cache after their first visit", async () => {
    for (const address of ["/ja", "/ja/milestones/road-map-adoption-2024"]) {
      await fetch(`${tracker.url}${address}`);
      const again = await fetch(`${tracker.url}${address}`);
      expect(again.headers.get("x-nextjs-cache"), address).toBe("HIT");
    }
  });
});
