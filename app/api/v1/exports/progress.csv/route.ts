// GET /api/v1/exports/progress.csv — the progress log, one row per progress update.
import { currentViewer } from "@/lib/auth/session";
import { csvResponse, exportProgressLogCsv, reportErrorResponse } from "@/lib/reports";

export async function GET(request: Request) {
  const url = new URL(request.url);
  const viewer = await currentViewer();
  try {
    return csvResponse(exportProgressLogCsv(viewer, url.searchParams), viewer);
  } catch (error) {
    return reportErrorResponse(error);
  }
}
