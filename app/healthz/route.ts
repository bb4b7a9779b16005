// GET /healthz — the process is up and answering (for liveness checks); it asks nothing of the database.
export const dynamic = "force-dynamic";

export function GET() {
  return Response.json({ status: "ok" }, { headers: { "Cache-Control": "no-store" } });
}
