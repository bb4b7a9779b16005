import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { afterAdoptionEvents, afterAdoptionMilestones, type SeedProgressEvent } from "@/prisma/seed/japan-peru-after-adoption";
import { milestones, pillars } from "@/prisma/seed/japan-peru";

const repoRoot = path.resolve(import.meta.dirname, "../..");
/** The project's only source of facts, beside the repository when it is there (as on CI and the developers' machines). */
const factsPath = path.resolve(repoRoot, "../shared/roadmap/FACTS.md");
const facts = existsSync(factsPath) ? readFileSync(factsPath, "utf8") : null;

/** The sources of the ten events in FACTS.md's "What happened after adoption", for when FACTS.md is not there. */
const afterAdoptionSources = [
  "https://apj.org.pe/publicacion_detalle/la-asociacion-peruano-japonesa-conmemoro-126-anos-de-inmigracion-japonesa-al-peru",
  "https://www.swissinfo.ch/spa/boluarte-ensalza-la-%22hermandad%22-de-jap%C3%B3n-y-per%C3%BA-en-la-expo-de-osaka-y-pide-m%C3%A1s-inversiones/89807546",
  "https://eltiempo.pe/nacional/peruanos-podran-viajar-sin-visa-a-japon-desde-el-1-de-julio-de-2025",
  "https://www.infobae.com/peru/2025/06/24/peru-elimina-la-visa-de-negocios-para-ciudadanos-japoneses-en-que-sectores-les-interesa-invertir-a-los-empresarios-de-japon/",
  "https://www.asagumo-news.com/homepage/htdocs/news/newsflash/202508/250825/25082502.html",
  "https://www.swissinfo.ch/spa/presidenta-de-per%C3%BA-promueve-en-jap%C3%B3n-cartera-de-inversiones-de-17.300-millones-de-d%C3%B3lares/89795283",
  "https://gestion.pe/peru/peru-recibe-donacion-de-10-vehiculos-de-bomberos-por-parte-del-gobierno-japones-noticia/",
  "https://www.alojapan.com/1342192/japan-peru-leaders-eye-cooperation-over-critical-minerals-defense",
  "https://www.swissinfo.ch/spa/los-cancilleres-de-per%C3%BA-y-jap%C3%B3n-se-re%C3%BAnen-en-tokio-para-fortalecer-relaci%C3%B3n-bilateral/89806658",
  "https://www.infobae.com/peru/2025/08/17/japon-destina-mas-de-53-millones-de-soles-a-proyectos-en-zonas-vulnerables-del-peru/",
];

/** The URLs listed in FACTS.md's section on what happened after adoption (up to its "Not found" list). */
function factsAfterAdoptionUrls(text: string): string[] {
  const start = text.indexOf("## What happened after adoption");
  const end = text.indexOf("Not found in public reporting", start);
  expect(start, "FACTS.md has its section on what happened after adoption").toBeGreaterThanOrEqual(0);
  return text.slice(start, end === -1 ? undefined : end).match(/https:\/\/\S+/g) ?? [];
}

const VISA = "visa-exemption-reintroduction-2026";
const allMilestones = [...milestones, ...afterAdoptionMilestones];
const milestoneSlugs = new Set(allMilestones.map((milestone) => milestone.slug));

/** Each milestone's events in the order they happened (the array's order for events on the same day). */
function historyByMilestone(): Map<string, SeedProgressEvent[]> {
  const sorted = afterAdoptionEvents
    .map((event, index) => ({ event, index }))
    .sort((a, b) => a.event.happenedOn.localeCompare(b.event.happenedOn) || a.index - b.index)
    .map(({ event }) => event);
  const history = new Map<string, SeedProgressEvent[]>();
  for (const event of sorted) history.set(event.milestone, [...(history.get(event.milestone) ?? []), event]);
  return history;
}

function isValidDay(iso: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) return false;
  const date = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === iso;
}

describe("progress updates after the Road Map's adoption", () => {
  it("each advances a milestone that exists, in the existing seed or among the new ones", () => {
    expect(afterAdoptionEvents.length).toBeGreaterThanOrEqual(10);
    for (const event of afterAdoptionEvents) expect(milestoneSlugs, event.key).toContain(event.milestone);
  });

  it("have unique, stable keys that start with the day they happened", () => {
    const keys = afterAdoptionEvents.map((event) => event.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const event of afterAdoptionEvents) {
      expect(event.key).toMatch(/^\d{4}-\d{2}-\d{2}-[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(event.key.startsWith(`${event.happenedOn}-`), event.key).toBe(true);
    }
  });

  it("are dated with real days between the adoption (2024-11-17) and the end of the reporting (2026-02-28)", () => {
    for (const event of afterAdoptionEvents) {
      expect(isValidDay(event.happenedOn), `${event.key}: ${event.happenedOn}`).toBe(true);
      expect(event.happenedOn >= "2024-11-17" && event.happenedOn <= "2026-02-28", event.key).toBe(true);
    }
  });

  it("cite as evidence a source that FACTS.md gives, verbatim, and cover every event it lists", () => {
    const sources = facts ? factsAfterAdoptionUrls(facts) : afterAdoptionSources;
    expect(sources).toHaveLength(10);
    for (const event of afterAdoptionEvents) {
      if (facts) expect(facts.includes(event.evidenceUrl), `${event.key}: ${event.evidenceUrl}`).toBe(true);
      expect(sources, event.key).toContain(event.evidenceUrl);
    }
    if (facts) expect(afterAdoptionSources, "the fallback list matches FACTS.md").toEqual(sources);
    const cited = new Set(afterAdoptionEvents.map((event) => event.evidenceUrl));
    for (const source of sources) expect(cited, `an update citing ${source}`).toContain(source);
  });

  it("complete the visa exemption milestone on 1 July 2025, at 100", () => {
    const visa = historyByMilestone().get(VISA);
    expect(visa?.at(-1)).toMatchObject({ happenedOn: "2025-07-01", status: "completed", progress: 100 });
  });

  it("complete no other milestone", () => {
    for (const [slug, history] of historyByMilestone()) {
      if (slug === VISA) continue;
      expect(history.at(-1)?.status, slug).not.toBe("completed");
      for (const event of history) expect([event.status, event.progress], event.key).not.toContain("completed");
    }
    for (const event of afterAdoptionEvents) {
      expect(Number.isInteger(event.progress) && event.progress >= 0 && event.progress <= 100, event.key).toBe(true);
      expect(event.progress === 100, event.key).toBe(event.status === "completed");
    }
  });

  it("never lower a milestone's progress over time", () => {
    for (const [slug, history] of historyByMilestone()) {
      const progress = history.map((event) => event.progress);
      expect(progress, slug).toEqual([...progress].sort((a, b) => a - b));
    }
  });

  it("leave alone what public reporting has not found", () => {
    const touched = new Set(afterAdoptionEvents.map((event) => event.milestone));
    const untouched = allMilestones.filter((milestone) =>
      /^(political-dialogue-mechanism|monitoring-working-group|forest-fire-equipment|minem-|mining-technology|energy-transition|copper-|zinc-)/.test(
        milestone.slug,
      ),
    );
    expect(untouched.length).toBeGreaterThan(0);
    for (const milestone of untouched) expect(touched, milestone.slug).not.toContain(milestone.slug);
  });

  it("have a public note in English, Spanish and Japanese, with no ASCII comma in the Japanese", () => {
    for (const { key, note } of afterAdoptionEvents) {
      for (const language of ["en", "es", "ja"] as const) expect(note[language].trim(), `${key} (${language})`).not.toBe("");
      expect(note.ja, key).not.toContain(",");
    }
  });

  it("never call a signatory the current leader", () => {
    for (const { key, note } of afterAdoptionEvents) {
      expect(note.en, key).not.toMatch(/\bcurrent\b|\bincumbent\b/i);
      expect(note.es, key).not.toMatch(/\bactual(es)?\b/i);
      expect(note.ja, key).not.toMatch(/現職|現在の|現首相|現大統領/);
    }
  });
});

describe("milestones added for what happened after adoption", () => {
  it("follow the seed's conventions, start as planned and do not clash with the seeded ones", () => {
    const pillarSlugs = new Set(pillars.map((pillar) => pillar.slug));
    const seeded = new Set(milestones.map((milestone) => milestone.slug));
    const slugs = afterAdoptionMilestones.map((milestone) => milestone.slug);
    expect(new Set(slugs).size).toBe(slugs.length);
    for (const milestone of afterAdoptionMilestones) {
      expect(seeded, milestone.slug).not.toContain(milestone.slug);
      expect(milestone.slug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*-\d{4}$/);
      expect(pillarSlugs, milestone.slug).toContain(milestone.pillar);
      expect(milestone.status, milestone.slug).toBe("planned");
      expect(milestone.completedOn, milestone.slug).toBeUndefined();
      expect(isValidDay(milestone.targetDate ?? ""), milestone.slug).toBe(true);
      expect(milestone.slug.endsWith(milestone.targetDate!.slice(0, 4)), milestone.slug).toBe(true);
      expect(milestone.sourceUrl).toMatch(/^https:\/\//);
      for (const text of [milestone.title, milestone.summary]) {
        expect(text.en && text.es && text.ja, milestone.slug).toBeTruthy();
        expect(text.ja, milestone.slug).not.toContain(",");
      }
      expect(
        afterAdoptionEvents.some((event) => event.milestone === milestone.slug),
        `${milestone.slug} is advanced by an event`,
      ).toBe(true);
    }
  });
});
