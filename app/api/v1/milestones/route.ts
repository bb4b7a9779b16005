// GET /api/v1/milestones — public milestones as JSON, with the list page's filters, paginated.
import { json, jsonError } from "@/lib/open-data";
import { InvalidFilterError, milestoneFilterSchema, parseMilestoneFilters } from "@/lib/milestones/list";
import { publicMilestonePage } from "@/lib/public/cached-reads";

const knownParameters = new Set(Object.keys(milestoneFilterSchema.shape));

export async function GET(request: Request) {
  const url = new URL(request.url);
  const unknown = [...url.searchParams.keys()].find((name) => !knownParameters.has(name));
  if (unknown) return jsonError(400, unknown, `${unknown}: unknown parameter (known: ${[...knownParameters].join(", ")})`);
  let filters;
  try {
    filters = parseMilestoneFilters(url.searchParams);
  } catch (error) {
    if (!(error instanceof InvalidFilterError)) throw error;
    const first = error.issues[0]!;
    return jsonError(400, first.parameter, first.message);
  }
  const page = await publicMilestonePage(filters);
  const link = (pageNumber: number) => {
    const query = new URLSearchParams(url.searchParams);
    query.set("page", String(pageNumber));
    return `${url.pathname}?${query}`;
  };
  return json({
    data: page.milestones,
    meta: { total: page.total, page: page.page, pageSize: page.pageSize, pageCount: page.pageCount },
    links: {
      self: link(page.page),
      prev: page.page > 1 ? link(page.page - 1) : null,
      next: page.page < page.pageCount ? link(page.page + 1) : null,
    },
  });
}
