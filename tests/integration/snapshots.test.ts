import { beforeAll, describe, expect, it } from "vitest";
import type { Viewer } from "@/lib/auth/roles";
import { addDays, isoDay, lastEndedDay } from "@/lib/dates";
import { closeDatabase } from "@/lib/db";
import { ValidationError } from "@/lib/errors";
import { archiveMilestone, createMilestone, getEditableMilestone, updateMilestone } from "@/lib/milestones/edits";
import { logProgress } from "@/lib/milestones/progress";
import { freezeSnapshot, readSnapshot, snapshotFileCsv, snapshotReports } from "@/lib/reports/snapshots";
import { locales } from "@/lib/translations";
import { addStaff } from "../support/builders";
import { csvBytes, csvRows } from "../support/csv";
import { seededDatabasePerFile } from "../support/database";

// A frozen snapshot's files are rebuilt from the history on every download and
// hash the same for ever, whatever is recorded afterwards.

seededDatabasePerFile();

let editor: Viewer;
let admin: Viewer;

beforeAll(async () => {
  editor = { id: (await addStaff("editor", { email: "editor@mofa.example", name: "Tanaka Editor" })).id, role: "editor" };
  admin = { id: (await addStaff("admin", { email: "admin@mofa.example" })).id, role: "admin" };
});

/** Every file of a snapshot, as downloaded. */
async function filesOf(slug: string): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  for (const report of snapshotReports) {
    for (const lang of locales) files.set(`${report}.${lang}`, await csvBytes(await snapshotFileCsv(slug, report, new URLSearchParams({ lang }))));
  }
  return files;
}

const versionOf = async (slug: string) => (await getEditableMilestone(editor, slug))!.version;
const today = () => isoDay(lastEndedDay());

describe("freezing a snapshot", () => {
  it("gives a permanent address whose files stay byte for byte the same after edits, back-dated updates, reschedules and a restart", async () => {
    const { slug } = await freezeSnapshot(editor, { name: "Working group meeting 2025", asOf: "2025-11-28" });
    expect(slug).toBe("working-group-meeting-2025");
    const frozen = await filesOf(slug);
    const record = (await readSnapshot(slug))!;
    expect(record.files).toHaveLength(6);
    expect(record.files.every((file) => file.matches)).toBe(true);
    const visa = (await csvRows(await snapshotFileCsv(slug, "milestones", new URLSearchParams("lang=en")))).find(
      (row) => row.Key === "visa-exemption-reintroduction-2026",
    );
    expect(visa).toMatchObject({ Status: "Completed", "Completed on": "2025-07-01", Overdue: "no", Version: "" });

    // Afterwards: a new title, a back-dated update before the snapshot's day, a moved target date, a new milestone.
    await updateMilestone(editor, "monitoring-working-group-2025", { expectedVersion: await versionOf("monitoring-working-group-2025"), titleEn: "Renamed" });
    await logProgress(editor, {
      milestone: "monitoring-working-group-2025",
      expectedVersion: await versionOf("monitoring-working-group-2025"),
      status: "completed",
      progress: 100,
      note: "It met after all, recorded late",
      noteIsPublic: "on",
      happenedOn: "2025-11-20",
    });
    await updateMilestone(editor, "copper-supply-chain-partnership-2026", {
      expectedVersion: await versionOf("copper-supply-chain-partnership-2026"),
      targetDate: "2027-03-31",
      rescheduleReason: "Feasibility study takes longer",
    });
    await createMilestone(editor, {
      slug: "late-arrival",
      pillar: "economic",
      titleEn: "Added later",
      summaryEn: "Created after the snapshot",
      kind: "other",
      isPublic: "on",
      sourceUrl: "https://example.org/late",
    });
    await closeDatabase();

    const again = await filesOf(slug);
    for (const [name, bytes] of frozen) expect(again.get(name)!.equals(bytes), name).toBe(true);
    expect((await readSnapshot(slug))!.files.map((file) => file.currentSha256)).toEqual(record.files.map((file) => file.sha256));
  });

  it("says a file now differs when something in it was withdrawn from public view since", async () => {
    const { slug } = await freezeSnapshot(editor, { name: "Before a withdrawal", asOf: today() });
    await archiveMilestone(admin, "trade-diversification-review-2029", {
      expectedVersion: await versionOf("trade-diversification-review-2029"),
      reason: "Duplicate of the trade dialogue",
    });
    const record = (await readSnapshot(slug))!;
    expect(record.files.filter((file) => file.report === "milestones").every((file) => !file.matches)).toBe(true);
    const rows = await csvRows(await snapshotFileCsv(slug, "milestones", new URLSearchParams("lang=en")));
    expect(rows.map((row) => row.Key)).not.toContain("trade-diversification-review-2029");
  });

  it("is only of a day that has ended for both parties, and gets its own address for the same name", async () => {
    const error = await freezeSnapshot(editor, { name: "Too soon", asOf: isoDay(addDays(lastEndedDay(), 1)) }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fieldErrors).toEqual({ asOf: [`dayNotEnded@${today()}`] });
    await expect(freezeSnapshot(null, { name: "Anonymous", asOf: today() })).rejects.toThrow();
    const first = await freezeSnapshot(editor, { name: "Reunión del grupo de trabajo", asOf: "2025-06-30" });
    const second = await freezeSnapshot(editor, { name: "Reunión del grupo de trabajo", asOf: "2025-06-30" });
    expect([first.slug, second.slug]).toEqual(["reunion-del-grupo-de-trabajo", "reunion-del-grupo-de-trabajo-2"]);
    expect((await freezeSnapshot(editor, { name: "作業部会", asOf: "2025-06-30" })).slug).toBe("snapshot-2025-06-30");
  });
});
