// GET /api/v1/exports/annual.csv?year=2025&basis=fiscal — the working group's annual report.
import { currentViewer } from "@/lib/auth/session";
import { csvResponse, exportAnnualCsv, reportErrorResponse } from "@/lib/reports";

export async function GET(request: Request) {
  const url = new URL(request.url);
  const viewer = await currentViewer();
  try {
    return csvResponse(await exportAnnualCsv(viewer, url.searchParams), viewer);
  } catch (error) {
    return reportErrorResponse(error);
  }
}
