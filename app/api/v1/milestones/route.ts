// GET /api/v1/milestones — public milestones as JSON, with the list page's filters, paginated.
import { answering, jsonResponse } from "@/lib/http/responses";
import { canonicalQuery, parseMilestoneFilters } from "@/lib/milestones/filters";
import { publicMilestonePage } from "@/lib/public/cached-reads";

export const GET = answering(async (request: Request) => {
  const url = new URL(request.url);
  const filters = parseMilestoneFilters(url.searchParams);
  const page = await publicMilestonePage(filters);
  const link = (pageNumber: number) => `${url.pathname}?${canonicalQuery({ ...filters, page: pageNumber }) || "page=1"}`;
  return jsonResponse({
    data: page.milestones,
    meta: { total: page.total, page: page.page, pageSize: page.pageSize, pageCount: page.pageCount },
    links: {
      self: link(page.page),
      prev: page.page > 1 ? link(page.page - 1) : null,
      next: page.page < page.pageCount ? link(page.page + 1) : null,
    },
  });
});
