// GET /api/v1/exports/milestones.csv — the milestones report, with the public list's filters.
import { currentViewer } from "@/lib/auth/session";
import { csvResponse, exportMilestonesCsv, reportErrorResponse } from "@/lib/reports";

export async function GET(request: Request) {
  const url = new URL(request.url);
  const viewer = await currentViewer();
  try {
    return csvResponse(exportMilestonesCsv(viewer, url.searchParams, url.origin), viewer);
  } catch (error) {
    return reportErrorResponse(error);
  }
}
