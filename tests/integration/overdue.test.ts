import { describe, expect, it } from "vitest";
import { getStaffDashboard } from "@/lib/milestones/dashboard";
import { parseMilestoneFilters } from "@/lib/milestones/filters";
import { readPublicMilestone, readPublicMilestonePage } from "@/lib/public/read-models";
import { getAnnualReport } from "@/lib/reports/annual";
import { staffViewer } from "../support/builders";
import { seededDatabasePerFile } from "../support/database";

// A milestone past its target day and neither completed nor cancelled is overdue, and says so.

seededDatabasePerFile();

/** The seeded milestones due in 2025, none of them delivered by the end of 2025 (FACTS.md). */
const dueIn2025 = [
  "defense-exchange-under-memorandum-2025",
  "fire-engines-donation-2025",
  "monitoring-working-group-2025",
  "nikkei-community-engagement-2025",
  "parliamentary-friendship-exchange-2025",
  "private-sector-business-exchange-2025",
];

describe("what was due and not delivered", () => {
  it("is listed per pillar in the 2025 annual report", async () => {
    const report = await getAnnualReport(null, { year: 2025 });
    const due = report.pillars.flatMap((pillar) => (pillar.sections.dueNotDelivered ?? []).map((item) => item.slug));
    expect(due.sort()).toEqual(dueIn2025);
  });

  it("is called overdue on the public record, as many as the staff dashboard counts", async () => {
    for (const slug of dueIn2025) expect((await readPublicMilestone(slug))?.overdue, slug).toBe(true);
    expect((await readPublicMilestone("road-map-final-review-2033"))?.overdue).toBe(false);
    const overdue = await readPublicMilestonePage(parseMilestoneFilters(new URLSearchParams("overdue=1&pageSize=100")));
    const dashboard = await getStaffDashboard(staffViewer());
    expect(overdue.total).toBeGreaterThanOrEqual(dueIn2025.length);
    expect(overdue.milestones.map((milestone) => milestone.slug).sort()).toEqual(dashboard.overdue.map((item) => item.slug).sort());
  });
});
