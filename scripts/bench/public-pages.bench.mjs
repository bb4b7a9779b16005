// Public pages against a static file from public/, on the built tracker with a
// fresh embedded database: requests per second and p99 latency (autocannon,
// 50 connections for 10 s each), what Chromium loads for the public pages,
// and Lighthouse performance and accessibility scores (Debian's Chromium).
// Goal: each page at least half the static file's requests/s, p99 under 100 ms.
import { mkdtemp, readdir, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import autocannon from "autocannon";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import { chromium } from "playwright-core";
import { startTracker } from "../tracker-process.mjs";

const root = path.resolve(import.meta.dirname, "../..");
const chromePath = process.env.CHROME_PATH ?? process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const staticFile = "/favicon.svg";
const pages = ["/en", "/en/milestones", "/api/v1/milestones", "/feed.xml"];
/** Not a goal: the smallest route Next renders (a few bytes, no database), the floor of its request pipeline. */
const floor = "/robots.txt";

function load(url) {
  return new Promise((resolve, reject) => {
    autocannon({ url, connections: 50, duration: 10 }, (error, result) => (error ? reject(error) : resolve(result)));
  });
}

/**
 * What a browser loads for a page, under the page's own security policy:
 * scripts it fetched (files and bytes) and the HTML, raw and gzipped.
 */
async function firstLoad(browser, url) {
  const page = await browser.newPage();
  const scripts = [];
  page.on("response", (response) => {
    if (response.request().resourceType() === "script")
      scripts.push(
        response.body().then(
          (body) => body.length,
          () => 0,
        ),
      );
  });
  const html = Buffer.from(await (await page.goto(url, { waitUntil: "load" })).body());
  const scriptBytes = (await Promise.all(scripts)).reduce((sum, bytes) => sum + bytes, 0);
  await page.close();
  return { files: scripts.length, scriptBytes, html: html.length, htmlGzip: gzipSync(html).length };
}

/**
 * Not a goal: the static file of Next's own build (/_next/static) closest in
 * size to a page, showing what the bytes alone cost the same server.
 */
async function staticFileTheSizeOf(pageUrl) {
  const size = (await (await fetch(pageUrl)).arrayBuffer()).byteLength;
  const chunks = path.join(root, ".next/static/chunks");
  const files = (await readdir(chunks)).filter((file) => file.endsWith(".js"));
  const sizes = await Promise.all(files.map(async (file) => ({ file, size: (await stat(path.join(chunks, file))).size })));
  return `/_next/static/chunks/${sizes.sort((a, b) => Math.abs(a.size - size) - Math.abs(b.size - size))[0].file}`;
}

async function lighthouseScores(url) {
  const chrome = await chromeLauncher.launch({ chromePath, chromeFlags: ["--headless", "--no-sandbox", "--disable-gpu"] });
  try {
    const result = await lighthouse(url, { port: chrome.port, output: "json", logLevel: "error", onlyCategories: ["performance", "accessibility"] });
    const { categories, audits } = result.lhr;
    return {
      performance: Math.round(categories.performance.score * 100),
      accessibility: Math.round(categories.accessibility.score * 100),
      lcp: audits["largest-contentful-paint"].displayValue,
      tbt: audits["total-blocking-time"].displayValue,
    };
  } finally {
    await chrome.kill();
  }
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const dataDir = await mkdtemp(path.join(tmpdir(), "tracker-bench-"));
const tracker = await startTracker(
  { DATABASE_URL: "", DATA_DIR: dataDir, ADMIN_EMAIL: "", ADMIN_PASSWORD: "", AUTH_SECRET: "bench-only-secret-0123456789abcdef0123456789abcdef" },
  { timeoutMs: 120_000 },
);
try {
  for (const target of [staticFile, ...pages, floor]) for (let warm = 0; warm < 20; warm++) await fetch(`${tracker.url}${target}`);
  const sameSize = await staticFileTheSizeOf(`${tracker.url}/en`);

  const results = [];
  // The static file is measured first and last: this machine's speed drifts, and the mean of both is the baseline.
  for (const target of [staticFile, ...pages, floor, sameSize, staticFile]) {
    const result = await load(`${tracker.url}${target}`);
    results.push({ target, rps: result.requests.average, p99: result.latency.p99, errors: result.errors + result.non2xx });
  }
  const baseline = (results[0].rps + results.at(-1).rps) / 2;
  const floorRps = results.find((result) => result.target === floor).rps;
  console.log(`\nautocannon, 50 connections × 10 s each, against the tracker's server (scripts/server.mjs) on ${tracker.url}`);
  console.log(
    "path".padEnd(24),
    "req/s".padStart(9),
    "p99 ms".padStart(8),
    "vs static".padStart(10),
    "vs robots".padStart(10),
    "errors".padStart(7),
    " goals (≥ 50 % of static, p99 < 100 ms; ≥ 0.9× Next's smallest route)",
  );
  for (const { target, rps, p99, errors } of results) {
    const ratio = rps / baseline;
    // The static file's own rows show the two measurements the baseline averages.
    const met =
      target === staticFile
        ? ""
        : target === floor
          ? "(reference: Next's smallest route)"
          : target === sameSize
            ? "(reference: a static file about the size of /en)"
            : `${ratio >= 0.5 && p99 < 100 ? "met" : "NOT met"}; ${rps / floorRps >= 0.9 ? "met" : "NOT met"}`;
    console.log(
      (target === sameSize ? `${target.slice(0, 21)}…` : target).padEnd(24),
      rps.toFixed(0).padStart(9),
      String(p99).padStart(8),
      `${(ratio * 100).toFixed(0)} %`.padStart(10),
      `${(rps / floorRps).toFixed(2)}×`.padStart(10),
      String(errors).padStart(7),
      ` ${met}`,
    );
  }

  console.log(`\nFirst load in Chromium (${chromePath}), under each page's own Content-Security-Policy`);
  const browser = await chromium.launch({
    executablePath: chromePath,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  try {
    for (const target of ["/en", "/en/milestones"]) {
      const load = await firstLoad(browser, `${tracker.url}${target}`);
      console.log(`${target.padEnd(16)} JavaScript: ${load.files} files, ${kb(load.scriptBytes)}; HTML ${kb(load.html)} (${kb(load.htmlGzip)} gzip)`);
    }
  } finally {
    await browser.close();
  }

  console.log(`\nLighthouse (default mobile profile, ${chromePath})`);
  for (const target of ["/en", "/en/milestones"]) {
    const scores = await lighthouseScores(`${tracker.url}${target}`);
    console.log(`${target.padEnd(16)} performance ${scores.performance}, accessibility ${scores.accessibility} (LCP ${scores.lcp}, TBT ${scores.tbt})`);
  }
} finally {
  await tracker.stop();
  await rm(dataDir, { recursive: true, force: true });
}
