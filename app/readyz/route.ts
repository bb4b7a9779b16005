// GET /readyz — 200 when this instance may take traffic (database, migrations, change feed), else 503, with what failed.
import { readiness } from "@/lib/health";

export const dynamic = "force-dynamic";

export async function GET() {
  const state = await readiness();
  return Response.json(state, { status: state.ready ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}
