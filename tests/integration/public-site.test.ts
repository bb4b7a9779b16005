import { parseFeed } from "@rowanmanning/feed-parser";
import ICAL from "ical.js";
import { beforeAll, describe, expect, it } from "vitest";
import { addDays, todayUtc } from "@/lib/dates";
import { db } from "@/lib/db";
import { atomFeed, iCalendar } from "@/lib/public/feeds";
import { parseMilestoneFilters } from "@/lib/milestones/filters";
import {
  eventKinds,
  listDatedMilestones,
  listLeadAgencies,
  listMilestoneSlugs,
  listRecentProgressUpdates,
  readPublicMilestone,
  readPublicMilestonePage,
  readPublicRoadmap,
} from "@/lib/public/read-models";
import { addProgressUpdate, staffViewer } from "../support/builders";
import { seededDatabasePerFile } from "../support/database";
import { addInternalMilestone, addInternalNote, internalWords } from "../support/public-fixtures";

seededDatabasePerFile();

const staff = staffViewer();
const expectNoSecrets = (value: unknown) => {
  const text = typeof value === "string" ? value : JSON.stringify(value);
  for (const word of internalWords) expect(text).not.toContain(word);
};
const inDays = (days: number) => addDays(todayUtc(), days);
const origin = new URL("https://roadmap.example.org/");

let publicSlug: string;
let upcomingSlug: string;

beforeAll(async () => {
  // An internal milestone, due soon, with a progress update: the public must never see any of it.
  const internal = await addInternalMilestone(inDays(10));
  await addProgressUpdate(internal, {
    statusBefore: "planned",
    statusAfter: "in_progress",
    progressBefore: 0,
    progressAfter: 40,
    note: "Internal remark on the copper talks",
    happenedOn: inDays(-1),
  });
  // A public dialogue due in 20 days, with an internal note that changed nothing and a public one that did.
  const upcoming = await db().milestone.findFirstOrThrow({ where: { kind: "ministerial_dialogue", status: "planned" }, orderBy: { id: "asc" } });
  upcomingSlug = upcoming.slug;
  await db().milestone.update({ where: { id: upcoming.id }, data: { targetDate: inDays(20), status: "in_progress", progress: 30 } });
  await addInternalNote({ id: upcoming.id, status: "planned", progress: 0 }, inDays(-3));
  await addProgressUpdate(upcoming, {
    statusBefore: "planned",
    statusAfter: "in_progress",
    progressBefore: 0,
    progressAfter: 30,
    note: "Dates agreed; the venue alternates, this time in Tokyo.",
    evidenceUrl: "https://example.org/press-release",
    happenedOn: inDays(-2),
  });
  publicSlug = (await db().milestone.findFirstOrThrow({ where: { status: "completed" }, orderBy: { id: "asc" } })).slug;
});

describe("the data behind the overview", () => {
  it("counts only public milestones in each pillar and shows the road map's facts", async () => {
    const roadmap = await readPublicRoadmap();
    expect(roadmap?.title.en).toContain("Japan");
    expect(roadmap?.adoptedOn).toBe("2024-11-17");
    expect(roadmap?.pillars.map((pillar) => pillar.slug)).toEqual([
      "political-diplomatic",
      "economic",
      "bilateral-cooperation",
      "people-to-people",
      "defense-security",
    ]);
    const total = roadmap!.pillars.reduce((sum, pillar) => sum + pillar.total, 0);
    expect(total).toBe((await listMilestoneSlugs(null)).length);
    expect((await listMilestoneSlugs(staff)).length).toBe(total + 1);
    expectNoSecrets(roadmap);
  });

  it("places every public milestone with a date on the timeline, and no internal one", async () => {
    const timeline = await listDatedMilestones(null);
    expect(timeline.length).toBeGreaterThanOrEqual(40);
    expect(timeline.map((milestone) => milestone.date)).toEqual([...timeline.map((milestone) => milestone.date)].sort());
    expectNoSecrets(timeline);
    expect((await listDatedMilestones(staff)).map((milestone) => milestone.slug)).toContain("internal-negotiation-copper");
  });

  it("lists recent updates newest first without internal milestones or internal notes", async () => {
    const recent = await listRecentProgressUpdates(null, 10);
    expect(recent[0]).toMatchObject({ milestone: { slug: upcomingSlug }, statusAfter: "in_progress", note: expect.stringContaining("Tokyo") });
    // The internal note that changed nothing is not an update the public sees at all.
    expect(recent.filter((update) => update.milestone.slug === upcomingSlug)).toHaveLength(1);
    expectNoSecrets(recent);
    const forStaff = await listRecentProgressUpdates(staff, 10);
    expect(forStaff.map((update) => update.note)).toContain("Internal remark about the delegation");
  });

  it("shows what is coming up in the next 90 days, open public milestones only", async () => {
    const from = todayUtc();
    const upcoming = await listDatedMilestones(null, { from, to: inDays(90) });
    expect(upcoming.map((milestone) => milestone.slug)).toContain(upcomingSlug);
    expect(upcoming.every((milestone) => milestone.status !== "completed" && milestone.status !== "cancelled")).toBe(true);
    expectNoSecrets(upcoming);
  });
});

describe("the data behind the list and the API", () => {
  it("never lists internal milestones, whatever the filters", async () => {
    for (const query of ["", "q=copper", "kind=ministerial_dialogue", "status=in_progress&pillar=economic", "agency=Secret", "sort=updated"]) {
      const page = await readPublicMilestonePage(parseMilestoneFilters(new URLSearchParams(`${query}&pageSize=100`)));
      expectNoSecrets(page);
      for (const milestone of page.milestones) expect(Object.keys(milestone)).not.toContain("isPublic");
    }
  });

  it("combines filters: each added filter narrows the previous result", async () => {
    const read = (query: string) => readPublicMilestonePage(parseMilestoneFilters(new URLSearchParams(`${query}&pageSize=100`)));
    const dialogues = await read("kind=ministerial_dialogue");
    const inProgressDialogues = await read("kind=ministerial_dialogue&status=in_progress");
    expect(inProgressDialogues.milestones.map((milestone) => milestone.slug)).toContain(upcomingSlug);
    for (const milestone of inProgressDialogues.milestones) expect(milestone).toMatchObject({ kind: "ministerial_dialogue", status: "in_progress" });
    expect(dialogues.total).toBeGreaterThan(inProgressDialogues.total);
    const year = Number(inDays(20).toISOString().slice(0, 4));
    expect((await read(`kind=ministerial_dialogue&status=in_progress&year=${year}`)).total).toBe(1);
    expect((await read(`kind=ministerial_dialogue&status=in_progress&year=${year + 3}`)).total).toBe(0);
  });

  it("offers only the lead agencies of public milestones as filter values", async () => {
    const agencies = await listLeadAgencies(null);
    expect(agencies).toContain("MOFA");
    expect(agencies).not.toContain("Secret Agency");
  });
});

describe("the data behind a milestone page", () => {
  it("gives every public field and the public history, newest first, with dates as calendar days", async () => {
    const milestone = await readPublicMilestone(upcomingSlug);
    expect(milestone).toMatchObject({ slug: upcomingSlug, status: "in_progress", progress: 30, targetDate: inDays(20).toISOString().slice(0, 10) });
    expect(milestone!.history).toHaveLength(1);
    expect(milestone!.history[0]).toMatchObject({ statusBefore: "planned", statusAfter: "in_progress", evidenceUrl: "https://example.org/press-release" });
    expectNoSecrets(milestone);
    const completed = await readPublicMilestone(publicSlug);
    expect(completed?.history[0]).toMatchObject({ statusAfter: "completed", happenedOn: completed?.completedOn });
  });

  it("does not exist when internal or unknown", async () => {
    expect(await readPublicMilestone("internal-negotiation-copper")).toBeNull();
    expect(await readPublicMilestone("no-such-milestone")).toBeNull();
  });
});

describe("the feeds", () => {
  it("gives a valid Atom feed of public updates that an Atom parser reads", async () => {
    const entries = await listRecentProgressUpdates(null, 50);
    const xml = atomFeed({
      locale: "es",
      origin,
      title: "Hoja de Ruta Japón–Perú: novedades",
      statusLabel: (status) => status.toUpperCase(),
      progressLabel: (from, to) => `${from} % → ${to} %`,
      entries,
      fallbackUpdated: "2024-11-17",
    });
    expectNoSecrets(xml);
    const feed = parseFeed(xml);
    expect(feed.meta.type).toBe("atom");
    expect(feed.title).toBe("Hoja de Ruta Japón–Perú: novedades");
    expect(feed.items).toHaveLength(entries.length);
    const first = feed.items[0]!;
    expect(first.url).toBe(`https://roadmap.example.org/es/milestones/${upcomingSlug}`);
    expect(first.title).toContain("PLANNED → IN_PROGRESS, 0 % → 30 %");
    expect(first.description).toContain("Tokyo");
    expect(new Set(feed.items.map((item) => item.id)).size).toBe(entries.length);
    expect(feed.updated?.toISOString()).toBe(entries[0]!.recordedAt);
  });

  it("gives an iCalendar feed of upcoming dialogues and events that an iCalendar parser reads", async () => {
    const events = await listDatedMilestones(null, { from: todayUtc(), to: inDays(3660), kinds: eventKinds });
    const text = iCalendar({ locale: "ja", origin, name: "日本・ペルー ロードマップ進捗トラッカー", overdueLabel: "期限超過", events });
    expectNoSecrets(text);
    expect(text.split("\r\n").every((line) => Buffer.byteLength(line) <= 75)).toBe(true);
    const calendar = new ICAL.Component(ICAL.parse(text));
    expect(calendar.getFirstPropertyValue("x-wr-calname")).toBe("日本・ペルー ロードマップ進捗トラッカー");
    const vevents = calendar.getAllSubcomponents("vevent").map((component) => new ICAL.Event(component));
    expect(vevents).toHaveLength(events.length);
    const dialogue = vevents.find((event) => event.uid === `${upcomingSlug}@roadmap.example.org`);
    expect(dialogue?.startDate.isDate).toBe(true);
    expect(dialogue?.startDate.toString()).toBe(inDays(20).toISOString().slice(0, 10));
    expect(dialogue?.endDate.toString()).toBe(inDays(21).toISOString().slice(0, 10));
    expect(dialogue?.summary.length).toBeGreaterThan(0);
    expect(vevents.every((event) => event.startDate.toJSDate().getTime() >= inDays(-1).getTime())).toBe(true);
  });
});
