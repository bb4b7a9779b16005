// GET /api/v1/exports/milestones.csv — the milestones report, with the public list's filters.
import { currentViewer } from "@/lib/auth/session";
import { csvResponse, answering } from "@/lib/http/responses";
import { exportMilestonesCsv } from "@/lib/reports/milestones-csv";

export const GET = answering(async (request: Request) => {
  const url = new URL(request.url);
  const viewer = await currentViewer();
  return csvResponse(exportMilestonesCsv(viewer, url.searchParams, url.origin), { internal: viewer !== null });
});
