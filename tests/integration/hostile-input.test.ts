import { parseFeed } from "@rowanmanning/feed-parser";
import ICAL from "ical.js";
import Papa from "papaparse";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { ValidationError } from "@/lib/errors";
import { importMilestones } from "@/lib/import/apply";
import { createMilestone, getEditableMilestone, updateMilestone } from "@/lib/milestones/edits";
import { logProgress } from "@/lib/milestones/progress";
import { atomFeed, iCalendar } from "@/lib/public/feeds";
import { eventKinds, listDatedMilestones, listRecentProgressUpdates } from "@/lib/public/read-models";
import { exportMilestonesCsv } from "@/lib/reports/milestones-csv";
import { textProblem } from "@/lib/text";
import { addStaff } from "../support/builders";
import { seededDatabasePerFile } from "../support/database";
import { hostileStrings } from "../support/hostile";

// Every hostile string through every write path: a form's create and edit,
// a progress note, a cell of an import. Each is refused naming the field,
// with nothing saved, or (line breaks) stored normalised; afterwards every
// feed still parses.

seededDatabasePerFile();

let editor: Awaited<ReturnType<typeof addStaff>>;
const refusedOrClean = (text: string) => textProblem(text.replace(/\r\n?/g, "\n")) !== null;

beforeAll(async () => {
  editor = await addStaff("editor", { email: "hostile@ministry.example" });
});

/** What the database holds, to check that a refusal saved nothing. */
const state = async () => ({
  milestones: await db().milestone.count(),
  updates: await db().progressUpdate.count(),
  events: await db().auditEvent.count(),
  versions: await db().milestone.findMany({ orderBy: { id: "asc" }, select: { version: true, titleEn: true } }),
});

async function refusal(write: () => Promise<unknown>): Promise<Record<string, string[]> | null> {
  try {
    await write();
    return null;
  } catch (error) {
    if (error instanceof ValidationError) return error.fieldErrors;
    throw error;
  }
}

describe("hostile text", () => {
  it("is refused naming the field, with nothing saved, by the forms' create, edit and progress", async () => {
    const milestone = await db().milestone.findFirstOrThrow({ where: { slug: "visa-exemption-reintroduction-2026" } });
    for (const [index, text] of hostileStrings.entries()) {
      const before = await state();
      const current = (await getEditableMilestone(editor, milestone.slug))!;
      const create = await refusal(() =>
        createMilestone(editor, {
          slug: `hostile-${index}`,
          pillar: "economic",
          titleEn: text,
          summaryEn: "A summary",
          kind: "other",
          sourceUrl: "https://example.org/x",
          isPublic: "on",
        }),
      );
      const edit = await refusal(() => updateMilestone(editor, milestone.slug, { expectedVersion: current.version, location: text, summaryEn: text }));
      const afterEdit = (await getEditableMilestone(editor, milestone.slug))!;
      const progress = await refusal(() =>
        logProgress(editor, {
          milestone: milestone.slug,
          expectedVersion: afterEdit.version,
          status: "in_progress",
          progress: 10,
          note: text,
          happenedOn: "2025-06-02",
        }),
      );
      if (refusedOrClean(text)) {
        expect(create?.titleEn, text).toEqual([textProblem(text)]);
        expect(edit?.location, text).toEqual([textProblem(text)]);
        expect(progress?.note, text).toEqual([textProblem(text)]);
        expect(await state(), text).toEqual(before);
      } else {
        // Bare carriage returns are line breaks: kept as LF in paragraphs, a space in one line.
        expect([create, edit, progress]).toEqual([null, null, null]);
        const stored = await db().milestone.findUniqueOrThrow({ where: { slug: `hostile-${index}` }, select: { titleEn: true } });
        expect(stored.titleEn).not.toMatch(/[\r\n]/);
      }
    }
  });

  it("is refused in an import cell, naming the column, with nothing saved", async () => {
    const table = Papa.parse<string[]>(await new Response(exportMilestonesCsv(editor, new URLSearchParams("pillar=economic")).body).text(), {
      skipEmptyLines: true,
    }).data;
    const header = table[0]!;
    // A file holds UTF-8: a lone surrogate cannot be written into one (it arrives as U+FFFD, which is text).
    const inAFile = hostileStrings.filter((text) => refusedOrClean(text) && Buffer.from(text).toString() === text);
    for (const text of inAFile) {
      const before = await state();
      const edited = [header, ...table.slice(1, 2).map((row) => row.map((cell, column) => (header[column] === "Location" ? text : cell)))];
      const file = Buffer.from(Papa.unparse(edited, { newline: "\r\n" }));
      if (text.includes("\u0000")) {
        // A NUL byte is not text at all: the whole file is refused.
        await expect(importMilestones(editor, file, { apply: true })).rejects.toMatchObject({ problem: { code: "notCsvBinary" } });
        expect(await state(), text).toEqual(before);
        continue;
      }
      const report = await importMilestones(editor, file, { apply: true });
      expect(report.applied, text).toBe(false);
      expect(report.rows[0]!.outcome).toBe("reject");
      expect(report.rows[0]!.problems).toContainEqual(expect.objectContaining({ values: expect.objectContaining({ column: "Location" }) }));
      expect(await state(), text).toEqual(before);
    }
  });

  it("leaves every feed parseable afterwards", async () => {
    const origin = new URL("https://roadmap.example.org/");
    for (const locale of ["en", "es", "ja"] as const) {
      const atom = atomFeed({
        locale,
        origin,
        title: "Feed",
        statusLabel: (status) => status,
        progressLabel: () => "",
        entries: await listRecentProgressUpdates(null, 50),
        fallbackUpdated: "2024-11-17",
      });
      expect(parseFeed(atom).items.length).toBeGreaterThan(0);
      const events = await listDatedMilestones(null, { from: new Date("2024-01-01"), kinds: eventKinds });
      expect(() => ICAL.parse(iCalendar({ locale, origin, name: "Calendar", overdueLabel: "Overdue", events }))).not.toThrow();
    }
  });
});
