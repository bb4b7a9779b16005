import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { InvalidParameterError } from "@/lib/errors";
import { exportMilestonesCsv } from "@/lib/reports/milestones-csv";
import { exportProgressLogCsv } from "@/lib/reports/progress-log-csv";
import { addMilestone, addProgressUpdate } from "../support/builders";
import { csvRows } from "../support/csv";
import { seededDatabasePerFile } from "../support/database";

// "As known on" a day: a report from only what had been recorded by the end of
// it, so a report published that day can be rebuilt the same years later.

seededDatabasePerFile();

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const at = (iso: string) => new Date(iso);
const slug = "known-on-port-study";

beforeAll(async () => {
  // Recorded in January 2025; its title changed on 10 March 2025; an update that
  // happened in January was only recorded on 15 March, after one of February.
  const milestone = await addMilestone({
    slug,
    titleEn: "Port study, phase 2",
    targetDate: day("2025-12-31"),
    baselineTargetDate: day("2025-12-31"),
    createdAt: at("2025-01-10T09:00:00Z"),
    recordedAt: at("2025-01-10T09:00:00Z"),
  });
  await db().auditEvent.create({
    data: {
      action: "milestone.update",
      entityType: "Milestone",
      entityId: String(milestone.id),
      before: { slug, titleEn: "Port study", isPublic: true, archivedAt: null, pillar: "economic", kind: "other" },
      after: { slug, titleEn: "Port study, phase 2", isPublic: true, archivedAt: null, pillar: "economic", kind: "other" },
      at: at("2025-03-10T12:00:00Z"),
    },
  });
  await addProgressUpdate(milestone, {
    statusAfter: "in_progress",
    progressAfter: 40,
    note: "Consultants hired",
    happenedOn: day("2025-02-01"),
    recordedAt: at("2025-02-02T10:00:00Z"),
  });
  await addProgressUpdate(milestone, {
    statusAfter: "at_risk",
    progressAfter: 20,
    note: "Budget cut in January, recorded late",
    happenedOn: day("2025-01-20"),
    recordedAt: at("2025-03-15T10:00:00Z"),
  });
  await db().reschedule.create({
    data: {
      milestoneId: milestone.id,
      targetDateBefore: day("2025-12-31"),
      targetDateAfter: day("2026-06-30"),
      reason: "Budget",
      recordedAt: at("2025-04-01T10:00:00Z"),
    },
  });
});

const rowOf = async (query: string) => (await csvRows(exportMilestonesCsv(null, new URLSearchParams(query)))).find((row) => row.Key === slug);

describe("reports as known on a day", () => {
  it("leave out what was recorded later, a back-dated update and a later title included", async () => {
    expect(await rowOf("knownOn=2025-03-01")).toMatchObject({ Title: "Port study", Status: "In progress", "Progress (%)": "40", "Last update": "2025-02-01" });
    // The late record of January takes its place before February's; the state on 1 March stays February's.
    expect(await rowOf("asOf=2025-03-01&knownOn=2025-03-31")).toMatchObject({ Title: "Port study, phase 2", Status: "In progress", "Progress (%)": "40" });
    expect(await rowOf("asOf=2025-01-31&knownOn=2025-03-01")).toMatchObject({ Status: "Planned", "Progress (%)": "0" });
    expect(await rowOf("asOf=2025-01-31&knownOn=2025-03-31")).toMatchObject({ Status: "At risk", "Progress (%)": "20" });
    expect(await rowOf("knownOn=2025-01-09")).toBeUndefined();
    const log = await csvRows(exportProgressLogCsv(null, new URLSearchParams("knownOn=2025-03-01")));
    expect(log.filter((row) => row.Key === slug).map((row) => row.Note)).toEqual(["Consultants hired"]);
  });

  it("show the target date as it was then, the original one, and how many times it had moved", async () => {
    expect(await rowOf("knownOn=2025-03-31")).toMatchObject({ "Target date": "2025-12-31", "Original target date": "2025-12-31", "Times rescheduled": "0" });
    expect(await rowOf("knownOn=2025-04-02")).toMatchObject({ "Target date": "2026-06-30", "Original target date": "2025-12-31", "Times rescheduled": "1" });
    // Overdue on a past day by the target date of that day: moved to 30 June 2026, so not at the end of 2025.
    expect(await rowOf("asOf=2026-01-31")).toMatchObject({ Overdue: "no", "Target date": "2026-06-30" });
    expect(await rowOf("asOf=2026-07-01")).toMatchObject({ Overdue: "yes" });
  });

  it("refuse a report as of a day after the day it is known on, or of a day not ended", async () => {
    for (const [query, parameter] of [
      ["asOf=2025-05-01&knownOn=2025-04-01", "asOf"],
      ["knownOn=2099-01-01", "knownOn"],
      ["knownOn=yesterday", "knownOn"],
    ] as const) {
      const error = (() => {
        try {
          exportMilestonesCsv(null, new URLSearchParams(query));
        } catch (caught) {
          return caught;
        }
      })();
      expect(error, query).toBeInstanceOf(InvalidParameterError);
      expect((error as InvalidParameterError).parameter, query).toBe(parameter);
    }
  });
});
