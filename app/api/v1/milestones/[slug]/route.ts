// GET /api/v1/milestones/{slug} — one public milestone with its public progress history and the moves of its target date, newest first.
import { NotFoundError } from "@/lib/errors";
import { answering, jsonResponse } from "@/lib/http/responses";
import { publicMilestone, publicWithdrawal } from "@/lib/public/cached-reads";

export const GET = answering(async (_request: Request, { params }: RouteContext<"/api/v1/milestones/[slug]">) => {
  const { slug } = await params;
  // Slugs are lower-case words and digits joined by hyphens; anything else cannot exist.
  const wellFormed = /^[a-z0-9-]{1,120}$/.test(slug);
  const milestone = wellFormed ? await publicMilestone(slug) : null;
  if (milestone) return jsonResponse({ data: milestone });
  // A public milestone withdrawn from tracking: 410 Gone, saying when and why, and nothing else of it.
  const withdrawal = wellFormed ? await publicWithdrawal(slug) : null;
  if (withdrawal) return jsonResponse({ data: { slug: withdrawal.slug, withdrawn: { on: withdrawal.withdrawnOn, reason: withdrawal.reason } } }, 410);
  throw new NotFoundError(`slug: no public milestone "${slug.slice(0, 120)}"`, "slug");
});
