import { beforeAll, describe, expect, it } from "vitest";
import type { Viewer } from "@/lib/auth/roles";
import { currentDatabase, db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import {
  readableNoteSql,
  readsNote,
  seesMilestone,
  seesUpdate,
  seesWithdrawal,
  visibleMilestones,
  visibleMilestonesSql,
  visibleUpdates,
  visibleUpdatesSql,
  withdrawnMilestones,
} from "@/lib/public/visibility";
import { addMilestone, addProgressUpdate, staffViewer } from "../support/builders";
import { freshDatabasePerFile, migrateAndSeed } from "../support/database";

// What the public may see is stated once, in a query form and a one-row form
// (lib/public/visibility.ts). Every combination of rows goes through every
// form; they must agree, for the public and for staff.

freshDatabasePerFile();

const viewers: [string, Viewer][] = [
  ["the public", null],
  ["staff", staffViewer("viewer")],
];

beforeAll(async () => {
  await migrateAndSeed();
  for (const isPublic of [true, false]) {
    for (const archived of [false, true]) {
      const milestone = await addMilestone({
        slug: `visibility-${isPublic ? "public" : "internal"}-${archived ? "archived" : "live"}`,
        isPublic,
        archivedAt: archived ? new Date("2026-01-01T00:00:00Z") : null,
        status: "in_progress",
        progress: 20,
      });
      for (const noteIsPublic of [true, false]) {
        for (const change of ["none", "status", "progress"] as const) {
          await addProgressUpdate(milestone, {
            noteIsPublic,
            note: `${milestone.slug} ${noteIsPublic ? "public" : "internal"} note, ${change} changed`,
            evidenceUrl: "https://example.org/evidence",
            statusAfter: change === "status" ? "delayed" : "in_progress",
            progressAfter: change === "progress" ? 25 : 20,
          });
        }
      }
    }
  }
});

describe("what the public may see", () => {
  it.each(viewers)("says the same of every milestone in each of its forms, for %s", async (_, viewer) => {
    const rows = await db().milestone.findMany({ where: { slug: { startsWith: "visibility-" } }, select: { id: true, isPublic: true, archivedAt: true } });
    const inMemory = rows.filter((row) => seesMilestone(viewer, row)).map((row) => row.id);
    const byPrisma = (
      await db().milestone.findMany({ where: { slug: { startsWith: "visibility-" }, ...visibleMilestones(viewer) }, select: { id: true } })
    ).map((row) => row.id);
    const bySql = (
      await currentDatabase().rowsOf(Prisma.sql`SELECT m.id FROM "Milestone" m WHERE m.slug LIKE 'visibility-%' AND ${visibleMilestonesSql(viewer, "m")}`)
    ).map((row) => Number(row[0]));
    expect(byPrisma.sort()).toEqual(inMemory.sort());
    expect(bySql.sort()).toEqual(inMemory.sort());
    expect(inMemory.length).toBe(viewer ? 2 : 1);
  });

  it.each(viewers)("says the same of every progress update and its note in each of its forms, for %s", async (_, viewer) => {
    const ofTheseMilestones = { milestone: { slug: { startsWith: "visibility-" } } };
    const rows = await db().progressUpdate.findMany({
      where: ofTheseMilestones,
      select: { id: true, noteIsPublic: true, statusBefore: true, statusAfter: true, progressBefore: true, progressAfter: true },
    });
    const inMemory = rows.filter((row) => seesUpdate(viewer, row)).map((row) => row.id);
    const byPrisma = (await db().progressUpdate.findMany({ where: { ...ofTheseMilestones, ...visibleUpdates(viewer) }, select: { id: true } })).map(
      (row) => row.id,
    );
    const bySql = await currentDatabase().rowsOf(
      Prisma.sql`SELECT p.id, CASE WHEN ${readableNoteSql(viewer, "p")} THEN p.note END
        FROM "ProgressUpdate" p JOIN "Milestone" m ON m.id = p."milestoneId"
        WHERE m.slug LIKE 'visibility-%' AND ${visibleUpdatesSql(viewer, "p")}`,
    );
    expect(byPrisma.sort()).toEqual(inMemory.sort());
    expect(bySql.map((row) => Number(row[0])).sort()).toEqual(inMemory.sort());
    // Staff see all 24 updates; the public the 20 that have a public note or a change.
    expect(inMemory.length).toBe(viewer ? 24 : 20);

    const noteOf = new Map(rows.map((row) => [row.id, readsNote(viewer, row)]));
    for (const [id, note] of bySql) expect(note !== null, `note of update ${id}`).toBe(noteOf.get(Number(id)));
  });

  it("tells the public of a withdrawal only for a public milestone that was archived, in each form", async () => {
    const rows = await db().milestone.findMany({
      where: { slug: { startsWith: "visibility-" } },
      select: { id: true, slug: true, isPublic: true, archivedAt: true },
    });
    const inMemory = rows.filter((row) => seesWithdrawal(row)).map((row) => row.slug);
    const byPrisma = (await db().milestone.findMany({ where: { slug: { startsWith: "visibility-" }, ...withdrawnMilestones() }, select: { slug: true } })).map(
      (row) => row.slug,
    );
    expect(byPrisma.sort()).toEqual(inMemory.sort());
    expect(inMemory).toEqual(["visibility-public-archived"]);
  });
});
