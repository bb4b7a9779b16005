import { beforeAll, describe, expect, it } from "vitest";
import type { Viewer } from "@/lib/auth/roles";
import { ValidationError } from "@/lib/errors";
import { archiveMilestone, getEditableMilestone, listArchivedMilestones, restoreMilestone } from "@/lib/milestones/edits";
import { getMilestoneHistory } from "@/lib/milestones/history";
import { readPublicMilestone, readPublicWithdrawal } from "@/lib/public/read-models";
import { addStaff } from "../support/builders";
import { seededDatabasePerFile } from "../support/database";

// Archiving takes a milestone out of tracking, says so in public, and can be undone.

seededDatabasePerFile();

let admin: Viewer;
const slug = "trade-diversification-review-2029";

beforeAll(async () => {
  const user = await addStaff("admin", { email: "admin@mofa.example" });
  admin = { id: user.id, role: "admin" };
});

describe("archiving a milestone", () => {
  it("needs a reason, keeps the staff pages and history, tells the public when and why, and can be undone", async () => {
    const loaded = (await getEditableMilestone(admin, slug))!;
    const refused = await archiveMilestone(admin, slug, { expectedVersion: loaded.version, reason: "" }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ValidationError);
    expect((refused as ValidationError).fieldErrors).toEqual({ reason: ["required"] });

    await archiveMilestone(admin, slug, { expectedVersion: loaded.version, reason: "Merged into the trade dialogue of 2031" });
    const archived = await getEditableMilestone(admin, slug);
    expect(archived).toMatchObject({ slug, archiveReason: "Merged into the trade dialogue of 2031" });
    expect(archived!.archivedAt).not.toBeNull();
    expect((await getMilestoneHistory(admin, slug))!.map((entry) => entry.action)).toContain("milestone.archive");
    expect((await listArchivedMilestones(admin)).map((milestone) => milestone.slug)).toEqual([slug]);

    expect(await readPublicMilestone(slug)).toBeNull();
    const withdrawal = await readPublicWithdrawal(slug);
    expect(withdrawal).toEqual({ slug, withdrawnOn: archived!.archivedAt!.slice(0, 10), reason: "Merged into the trade dialogue of 2031" });

    await restoreMilestone(admin, slug, { expectedVersion: archived!.version });
    expect(await readPublicWithdrawal(slug)).toBeNull();
    expect(await readPublicMilestone(slug)).toMatchObject({ slug, status: "planned" });
    expect(await listArchivedMilestones(admin)).toEqual([]);
  });
});
