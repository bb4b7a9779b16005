// GET /api/v1/milestones/{slug} — one public milestone with its public progress history, newest first.
import { NotFoundError } from "@/lib/errors";
import { answering, jsonResponse } from "@/lib/http/responses";
import { publicMilestone } from "@/lib/public/cached-reads";

export const GET = answering(async (_request: Request, { params }: RouteContext<"/api/v1/milestones/[slug]">) => {
  const { slug } = await params;
  // Slugs are lower-case words and digits joined by hyphens; anything else cannot exist.
  const milestone = /^[a-z0-9-]{1,120}$/.test(slug) ? await publicMilestone(slug) : null;
  if (!milestone) throw new NotFoundError(`slug: no public milestone "${slug.slice(0, 120)}"`, "slug");
  return jsonResponse({ data: milestone });
});
