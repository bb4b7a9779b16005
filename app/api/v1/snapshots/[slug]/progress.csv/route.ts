// GET /api/v1/snapshots/{slug}/progress.csv?lang=en|es|ja — a frozen snapshot's progress log, rebuilt from the history.
import { csvResponse, answering } from "@/lib/http/responses";
import { snapshotFileCsv } from "@/lib/reports/snapshots";

export const GET = answering(async (request: Request, { params }: RouteContext<"/api/v1/snapshots/[slug]/progress.csv">) => {
  const { slug } = await params;
  return csvResponse(await snapshotFileCsv(slug, "progress-log", new URL(request.url).searchParams), { internal: false });
});
