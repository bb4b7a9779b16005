// Runs anywhere (the proxy reads it): the list's views without free text,
// which are rendered once and served from the page cache. The proxy rewrites
// /{lang}/milestones?{filters} to /{lang}/milestone-list/{view}, where `view`
// is the canonical query (lib/milestones/filters.ts). Only canonical,
// well-formed views are cached, so the number of cached pages stays bounded
// whatever visitors type.
import { canonicalQuery, parseMilestoneFilters } from "../milestones/filters";
import { isLocale } from "../translations";

/** Filters a cached view may have: those with few values, no free text and the default page size. */
const viewParameters = new Set(["pillar", "status", "kind", "year", "sort", "page"]);

/** The view name of a query, or null when the query is not one the page cache serves. */
export function listViewName(search: URLSearchParams): string | null {
  if ([...search].some(([name, value]) => value !== "" && !viewParameters.has(name))) return null;
  let canonical: string;
  try {
    canonical = canonicalQuery(parseMilestoneFilters(search));
  } catch {
    return null;
  }
  return canonical === "" ? "all" : canonical;
}

/** The cached page for a list address (`/es/milestones?status=completed`), or null to render it per request. */
export function cachedListViewPath(pathname: string, search: URLSearchParams): string | null {
  const locale = /^\/([a-z]{2})\/milestones$/.exec(pathname)?.[1];
  if (!isLocale(locale)) return null;
  const view = listViewName(search);
  return view === null ? null : `/${locale}/milestone-list/${encodeURIComponent(view)}`;
}

/** The query of a view name, or null when the name is not canonical (then it is not a cached page). */
export function listViewQuery(view: string): URLSearchParams | null {
  const query = new URLSearchParams(view === "all" ? "" : view);
  return listViewName(query) === view ? query : null;
}
