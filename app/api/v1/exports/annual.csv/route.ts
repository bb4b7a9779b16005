// GET /api/v1/exports/annual.csv?year=2025&basis=fiscal — the working group's annual report.
import { currentViewer } from "@/lib/auth/session";
import { csvResponse, answering } from "@/lib/http/responses";
import { exportAnnualCsv } from "@/lib/reports/annual";

export const GET = answering(async (request: Request) => {
  const viewer = await currentViewer();
  return csvResponse(await exportAnnualCsv(viewer, new URL(request.url).searchParams), { internal: viewer !== null });
});
