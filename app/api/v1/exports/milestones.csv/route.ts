// GET /api/v1/exports/milestones.csv — the milestones report, with the public list's filters.
import { currentViewer } from "@/lib/auth/session";
import { csvResponse, answering } from "@/lib/http/responses";
import { exportMilestonesCsv } from "@/lib/reports/milestones-csv";

export const GET = answering(async (request: Request) => {
  const viewer = await currentViewer();
  return csvResponse(exportMilestonesCsv(viewer, new URL(request.url).searchParams), { internal: viewer !== null });
});
