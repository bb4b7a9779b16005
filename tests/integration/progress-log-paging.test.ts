import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { exportProgressLogCsv } from "@/lib/reports/progress-log-csv";
import type { Viewer } from "@/lib/auth/roles";
import { staffViewer } from "../support/builders";
import { seededDatabasePerFile } from "../support/database";

seededDatabasePerFile();

// The progress log is read in batches of milestones and pages of updates
// (lib/reports.ts); these sizes are larger than one of each, so the file must
// come out whole across batch and page boundaries, in order, each update once.
const milestoneCount = 450;
const longHistory = 4_500;
// "Paging milestone 1" names 111 milestones (1, 10–19, 100–199), one batch; with
// these updates of paging-150 they hold exactly two pages of 2,000 updates.
const exactlyTwoPages = 4_000;
const fillsTwoPages = exactlyTwoPages - 111;
const staff = staffViewer();

beforeAll(async () => {
  const prisma = db();
  const pillar = await prisma.pillar.findFirstOrThrow({ where: { slug: "economic" } });
  const author = await prisma.user.create({ data: { email: "quispe@rree.example", name: "Rosa Quispe", role: "editor" } });
  await prisma.milestone.createMany({
    data: Array.from({ length: milestoneCount }, (_, index) => ({
      pillarId: pillar.id,
      slug: `paging-${String(index).padStart(3, "0")}`,
      titleEn: `Paging milestone ${index}`,
      summaryEn: "Test data for the progress log's paging",
      kind: "other" as const,
      status: "in_progress" as const,
      progress: 10,
      isPublic: index % 10 !== 0,
      sourceUrl: "https://example.org/paging",
    })),
  });
  const milestones = await prisma.milestone.findMany({ where: { slug: { startsWith: "paging-" } }, orderBy: { id: "asc" } });
  await prisma.progressUpdate.createMany({
    data: milestones.flatMap((milestone) => [
      {
        milestoneId: milestone.id,
        authorId: author.id,
        statusBefore: "planned" as const,
        statusAfter: "in_progress" as const,
        progressBefore: 0,
        progressAfter: 10,
        note: `First step of ${milestone.slug}`,
        noteIsPublic: true,
        happenedOn: new Date("2025-03-01T00:00:00Z"),
      },
    ]),
  });
  await prisma.progressUpdate.createMany({
    data: Array.from({ length: fillsTwoPages }, (_, index) => ({
      milestoneId: milestones[150]!.id,
      statusBefore: "in_progress" as const,
      statusAfter: "in_progress" as const,
      progressBefore: 10,
      progressAfter: 10,
      note: `Daily check ${index}`,
      noteIsPublic: true,
      happenedOn: new Date(Date.UTC(2025, 5, 1 + (index % 300))),
    })),
  });
  const busy = milestones[milestones.length - 1]!;
  await prisma.progressUpdate.createMany({
    data: Array.from({ length: longHistory }, (_, index) => ({
      milestoneId: busy.id,
      statusBefore: "in_progress" as const,
      statusAfter: "in_progress" as const,
      progressBefore: 10,
      progressAfter: 10,
      note: `Weekly check ${index}`,
      noteIsPublic: index % 3 !== 0,
      happenedOn: new Date(Date.UTC(2025, 3, 1 + (index % 300))),
    })),
  });
}, 120_000);

async function rowsOf(viewer: Viewer, query = "") {
  const download = exportProgressLogCsv(viewer, new URLSearchParams(query), new Date("2026-11-27T10:00:00Z"));
  return parse(Buffer.from(await new Response(download.body).arrayBuffer()), { columns: true, bom: true }) as Record<string, string>[];
}

describe("a progress log longer than one read", () => {
  it("lists every update of every milestone staff may see once, milestone by milestone in the order recorded", async () => {
    const rows = await rowsOf(staff);
    const stored = await db().progressUpdate.findMany({ include: { milestone: true, author: true }, orderBy: [{ milestoneId: "asc" }, { id: "asc" }] });
    expect(rows.length).toBeGreaterThan(milestoneCount + longHistory - 1);
    expect(rows.map((row) => [row.Key, row.Note, row.Author])).toEqual(stored.map((entry) => [entry.milestone.slug, entry.note, entry.author?.name ?? ""]));
  });

  it("gives the public the public milestones' public updates, with internal notes blanked, across the same boundaries", async () => {
    const rows = await rowsOf(null);
    const stored = await db().progressUpdate.findMany({
      where: { milestone: { isPublic: true, archivedAt: null } },
      include: { milestone: true },
      orderBy: [{ milestoneId: "asc" }, { id: "asc" }],
    });
    // An update with an internal note that changed nothing says nothing public (lib/public/visibility.ts).
    const seen = stored.filter((entry) => entry.noteIsPublic || entry.statusBefore !== entry.statusAfter || entry.progressBefore !== entry.progressAfter);
    expect(seen.length).toBeLessThan(stored.length);
    expect(rows.map((row) => [row.Key, row.Note])).toEqual(seen.map((entry) => [entry.milestone.slug, entry.noteIsPublic ? entry.note : ""]));
    expect(rows.filter((row) => row.Note?.startsWith("Weekly check"))).toHaveLength(longHistory - Math.ceil(longHistory / 3));
    expect(rows.some((row) => row.Key === "paging-000")).toBe(false);
  });

  it("ends a batch whose updates fill its pages exactly, with nothing lost or repeated", async () => {
    const rows = await rowsOf(staff, "q=Paging+milestone+1");
    const stored = await db().progressUpdate.findMany({
      where: { milestone: { titleEn: { startsWith: "Paging milestone 1" } } },
      include: { milestone: true },
      orderBy: [{ milestoneId: "asc" }, { id: "asc" }],
    });
    expect(rows).toHaveLength(exactlyTwoPages);
    expect(rows.map((row) => [row.Key, row.Note])).toEqual(stored.map((entry) => [entry.milestone.slug, entry.note]));
  });

  it("applies a filter across the batches", async () => {
    const rows = await rowsOf(staff, "q=Paging+milestone+44");
    // "Paging milestone 44" and 440–449: the last one holds the long history.
    expect(new Set(rows.map((row) => row.Key))).toEqual(new Set(["paging-044", ...Array.from({ length: 10 }, (_, index) => `paging-${440 + index}`)]));
    expect(rows).toHaveLength(11 + longHistory);
  });
});
