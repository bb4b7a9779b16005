// GET /api/v1/milestones/{slug} — one public milestone with its public progress history, newest first.
import { json, jsonError } from "@/lib/open-data";
import { publicMilestone } from "@/lib/public/cached-reads";

export async function GET(_request: Request, { params }: RouteContext<"/api/v1/milestones/[slug]">) {
  const { slug } = await params;
  // Slugs are lower-case words and digits joined by hyphens; anything else cannot exist.
  const milestone = /^[a-z0-9-]{1,120}$/.test(slug) ? await publicMilestone(slug) : null;
  if (!milestone) return jsonError(404, "slug", `slug: no public milestone "${slug.slice(0, 120)}"`);
  return json({ data: milestone });
}
