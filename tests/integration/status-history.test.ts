import { beforeAll, describe, expect, it } from "vitest";
import type { Viewer } from "@/lib/auth/roles";
import { db } from "@/lib/db";
import { InvalidParameterError, ValidationError } from "@/lib/errors";
import { getEditableMilestone, updateMilestone } from "@/lib/milestones/edits";
import { logProgress } from "@/lib/milestones/progress";
import { readPublicMilestone } from "@/lib/public/read-models";
import { getAnnualReport } from "@/lib/reports/annual";
import { exportMilestonesCsv } from "@/lib/reports/milestones-csv";
import { addStaff } from "../support/builders";
import { csvRows } from "../support/csv";
import { seededDatabasePerFile } from "../support/database";

// Nothing can show a status that its history does not explain.

seededDatabasePerFile();

let editor: Viewer;

beforeAll(async () => {
  const user = await addStaff("editor", { email: "editor@mofa.example" });
  editor = { id: user.id, role: "editor" };
});

async function fieldErrorsOf(promise: Promise<unknown>): Promise<Record<string, string[]>> {
  const error = await promise.then(
    () => "saved",
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ValidationError);
  return (error as ValidationError).fieldErrors;
}

const versionOf = async (slug: string) => (await getEditableMilestone(editor, slug))!.version;

describe("a completion in the future", () => {
  const slug = "copper-supply-chain-partnership-2026";

  it("cannot be saved from the edit form, nor logged as progress, and the public page never shows it", async () => {
    const version = await versionOf(slug);
    const edited = await fieldErrorsOf(
      updateMilestone(editor, slug, { expectedVersion: version, status: "completed", progress: 100, completedOn: "2031-06-30" }),
    );
    expect(Object.keys(edited)).toEqual(expect.arrayContaining(["status"]));
    const logged = await fieldErrorsOf(
      logProgress(editor, { milestone: slug, expectedVersion: version, status: "completed", progress: 100, note: "Done", happenedOn: "2031-06-30" }),
    );
    expect(logged.happenedOn).toEqual([expect.stringMatching(/^dateInFuture@\d{4}-\d{2}-\d{2}$/)]);
    const page = await readPublicMilestone(slug);
    expect(page).toMatchObject({ status: "planned", progress: 0, completedOn: null });
    await expect(getAnnualReport(null, { year: 2031 })).rejects.toBeInstanceOf(InvalidParameterError);
  });

  it("refuses target dates outside the Road Map's span, naming the limit", async () => {
    const version = await versionOf(slug);
    const expected: [string, string][] = [
      ["1999-12-31", "targetTooEarly@2024-11-17"],
      ["0001-01-01", "targetTooEarly@2024-11-17"],
      ["2099-12-31", "targetTooLate@2035-12-31"],
      ["9999-12-31", "targetTooLate@2035-12-31"],
    ];
    for (const [targetDate, message] of expected) {
      const errors = await fieldErrorsOf(updateMilestone(editor, slug, { expectedVersion: version, targetDate, rescheduleReason: "Testing the limits" }));
      expect(errors, targetDate).toEqual({ targetDate: [message] });
    }
    expect((await db().milestone.findUniqueOrThrow({ where: { slug } })).version).toBe(version);
  });
});

describe("a change of status", () => {
  const slug = "zinc-manganese-supply-chain-2028";

  it("leaves a report of an earlier day as it was: the edit form cannot change a status behind its history", async () => {
    const asOf = async () => (await csvRows(exportMilestonesCsv(null, new URLSearchParams("asOf=2025-06-30")))).find((row) => row.Key === slug);
    const before = await asOf();
    expect(before).toMatchObject({ Status: "Planned", "Progress (%)": "0" });
    const version = await versionOf(slug);
    expect(Object.keys(await fieldErrorsOf(updateMilestone(editor, slug, { expectedVersion: version, status: "cancelled" })))).toEqual(["status"]);
    await logProgress(editor, {
      milestone: slug,
      expectedVersion: version,
      status: "cancelled",
      progress: 0,
      note: "Dropped by both sides",
      noteIsPublic: "on",
      happenedOn: new Date().toISOString().slice(0, 10),
    });
    expect(await asOf()).toEqual(before);
    const page = await readPublicMilestone(slug);
    expect(page).toMatchObject({ status: "cancelled" });
    expect(page!.history.map((update) => [update.statusBefore, update.statusAfter, update.note])).toEqual([["planned", "cancelled", "Dropped by both sides"]]);
  });
});
