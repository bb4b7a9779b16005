// GET /api/v1/exports/progress.csv — the progress log, one row per progress update.
import { currentViewer } from "@/lib/auth/session";
import { csvResponse, answering } from "@/lib/http/responses";
import { exportProgressLogCsv } from "@/lib/reports/progress-log-csv";

export const GET = answering(async (request: Request) => {
  const viewer = await currentViewer();
  return csvResponse(exportProgressLogCsv(viewer, new URL(request.url).searchParams), { internal: viewer !== null });
});
