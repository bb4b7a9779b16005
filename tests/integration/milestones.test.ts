import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { InvalidParameterError } from "@/lib/errors";
import { parseMilestoneFilters } from "@/lib/milestones/filters";
import { getMilestone, listMilestones, type MilestoneSummary } from "@/lib/milestones/list";
import { getRoadmapOverview } from "@/lib/milestones/roadmap";
import type { Viewer } from "@/lib/auth/roles";
import { staffViewer } from "../support/builders";
import { seededDatabasePerFile } from "../support/database";
import { addInternalMilestone, addInternalNote } from "../support/public-fixtures";

seededDatabasePerFile();

const staff = staffViewer();
const everything = (query: string, viewer: Viewer = null) => listMilestones(viewer, parseMilestoneFilters(new URLSearchParams(`${query}&pageSize=100`)));
const slugs = (milestones: MilestoneSummary[]) => milestones.map((milestone) => milestone.slug).sort();

beforeAll(async () => {
  // An internal milestone with an internal note, which the public must never see.
  const internal = await addInternalMilestone(new Date("2027-03-01"));
  const publicMilestone = await db().milestone.findFirstOrThrow({ where: { status: "completed" } });
  for (const milestone of [internal, publicMilestone]) await addInternalNote(milestone, new Date("2025-01-10"));
});

describe("the milestone list", () => {
  it("shows the public all public milestones and staff the internal ones too", async () => {
    const publicList = await everything("");
    const staffList = await everything("", staff);
    expect(publicList.total).toBeGreaterThanOrEqual(25);
    expect(slugs(publicList.milestones)).not.toContain("internal-negotiation-copper");
    expect(staffList.total).toBe(publicList.total + 1);
    expect(slugs(staffList.milestones)).toContain("internal-negotiation-copper");
  });

  it("filters by pillar, status, kind, year, agency and text", async () => {
    const all = (await everything("")).milestones;
    const economic = await everything("pillar=economic");
    expect(economic.total).toBeGreaterThan(0);
    expect(economic.milestones.every((milestone) => milestone.pillar.slug === "economic")).toBe(true);
    expect(economic.total).toBe(all.filter((milestone) => milestone.pillar.slug === "economic").length);

    const completed = await everything("status=completed");
    expect(completed.milestones.every((milestone) => milestone.status === "completed")).toBe(true);
    expect(completed.total).toBe(all.filter((milestone) => milestone.status === "completed").length);

    const dialogues = await everything("kind=ministerial_dialogue");
    expect(dialogues.total).toBeGreaterThan(0);
    expect(dialogues.milestones.every((milestone) => milestone.kind === "ministerial_dialogue")).toBe(true);

    const in2024 = await everything("year=2024");
    expect(in2024.total).toBeGreaterThan(0);
    for (const milestone of in2024.milestones) {
      expect((milestone.completedOn ?? milestone.targetDate)!.getUTCFullYear()).toBe(2024);
    }

    const meti = await everything("agency=meti");
    expect(meti.total).toBeGreaterThan(0);
    expect(meti.milestones.every((milestone) => /meti/i.test(`${milestone.leadAgencyA} ${milestone.leadAgencyB}`))).toBe(true);

    // Free text matches any of the three languages.
    const japanese = await everything(`q=${encodeURIComponent("覚書")}`);
    expect(japanese.total).toBeGreaterThan(0);
    expect(japanese.milestones.every((milestone) => `${milestone.title.ja} ${milestone.summary.ja}`.includes("覚書"))).toBe(true);
    const spanish = await everything("q=MEMORANDO");
    expect(spanish.total + (await everything("q=memorándum")).total).toBeGreaterThan(0);
  });

  it("combines filters as the intersection of each one", async () => {
    const byPillar = slugs((await everything("pillar=economic")).milestones);
    const byStatus = slugs((await everything("status=completed")).milestones);
    const combined = slugs((await everything("pillar=economic&status=completed")).milestones);
    expect(combined.length).toBeGreaterThan(0);
    expect(combined).toEqual(byPillar.filter((slug) => byStatus.includes(slug)));
    expect((await everything("pillar=economic&status=completed&year=2031")).total).toBe(0);
  });

  it("pages through every match exactly once, in the chosen order", async () => {
    const total = (await everything("")).total;
    const seen: string[] = [];
    const titles: string[] = [];
    for (let page = 1; page <= Math.ceil(total / 7); page++) {
      const result = await listMilestones(null, parseMilestoneFilters(new URLSearchParams(`pageSize=7&page=${page}&sort=title`)));
      expect(result.pageCount).toBe(Math.ceil(total / 7));
      expect(result.milestones.length).toBe(Math.min(7, total - (page - 1) * 7));
      seen.push(...result.milestones.map((milestone) => milestone.slug));
      titles.push(...result.milestones.map((milestone) => milestone.title.en));
    }
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
    expect(titles).toEqual([...titles].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));

    const byTarget = (await everything("sort=target")).milestones.map((milestone) => milestone.targetDate!.getTime());
    expect(byTarget).toEqual([...byTarget].sort((a, b) => a - b));
    const beyond = await listMilestones(null, parseMilestoneFilters(new URLSearchParams("page=99")));
    expect(beyond.milestones).toEqual([]);
  });

  it("rejects unknown filter values, naming the parameter", () => {
    for (const [query, parameter] of [
      ["status=finished", "status"],
      ["kind=party", "kind"],
      ["year=soon", "year"],
      ["page=0", "page"],
      ["pageSize=1000", "pageSize"],
      ["sort=random", "sort"],
      ["pillar=Économie!", "pillar"],
    ] as const) {
      try {
        parseMilestoneFilters(new URLSearchParams(query));
        expect.unreachable(`${query} should be refused`);
      } catch (error) {
        expect(error).toBeInstanceOf(InvalidParameterError);
        expect((error as InvalidParameterError).issues[0]!.parameter).toBe(parameter);
        expect((error as InvalidParameterError).message).toMatch(new RegExp(`^${parameter}:`));
      }
    }
  });
});

describe("one milestone", () => {
  it("shows its public history and hides internal notes from the public", async () => {
    const completed = await db().milestone.findFirstOrThrow({ where: { status: "completed" }, orderBy: { id: "asc" } });
    // The internal note of 2025 changed nothing, so the public sees only the completion of 2024.
    const forPublic = await getMilestone(null, completed.slug);
    expect(forPublic?.history.length).toBe(1);
    expect(forPublic!.history[0]).toMatchObject({ statusAfter: "completed", noteIsPublic: true });
    expect(forPublic!.history[0]!.note).toMatch(/\S/);
    expect(JSON.stringify(forPublic)).not.toContain("Internal remark");

    // Staff see both, newest first.
    const forStaff = await getMilestone(staff, completed.slug);
    expect(forStaff!.history.map((entry) => entry.note?.slice(0, 8))).toEqual(["Internal", expect.any(String)]);
    expect(forStaff!.history[0]!.note).toBe("Internal remark about the delegation");
  });

  it("does not exist for the public when internal or unknown", async () => {
    expect(await getMilestone(null, "internal-negotiation-copper")).toBeNull();
    expect(await getMilestone(null, "no-such-milestone")).toBeNull();
    expect((await getMilestone(staff, "internal-negotiation-copper"))?.title.en).toBe("Confidential copper negotiation");
  });
});

describe("the overview", () => {
  it("counts each pillar's milestones by status, public ones only for the public", async () => {
    const overview = await getRoadmapOverview(null);
    expect(overview?.pillars).toHaveLength(5);
    const counted = overview!.pillars.reduce((sum, pillar) => sum + pillar.total, 0);
    expect(counted).toBe((await everything("")).total);
    const economic = overview!.pillars.find((pillar) => pillar.slug === "economic")!;
    const staffEconomic = (await getRoadmapOverview(staff))!.pillars.find((pillar) => pillar.slug === "economic")!;
    expect(staffEconomic.counts.in_progress).toBe(economic.counts.in_progress + 1);
  });
});
