import { MilestoneKind, MilestoneStatus } from "../generated/prisma/enums";
import { locales } from "../translations";

// The milestone list keeps its filters in the query string, which Next renders
// per request. A view made only of filters with few values (no free text) can
// instead be rendered once and served from the page cache: the proxy rewrites
// /{lang}/milestones?{filters} to /{lang}/milestone-list/{view}, where `view`
// is the canonical query. Only canonical, well-formed views are cached, so the
// number of cached pages stays bounded whatever visitors type.

const checks: Record<string, (value: string) => boolean> = {
  pillar: (value) => /^[a-z0-9-]{1,80}$/.test(value),
  status: (value) => (Object.values(MilestoneStatus) as string[]).includes(value),
  kind: (value) => (Object.values(MilestoneKind) as string[]).includes(value),
  year: (value) => /^20\d\d$/.test(value),
  sort: (value) => ["target", "updated", "title"].includes(value),
  page: (value) => /^[1-9]\d{0,2}$/.test(value),
};
const order = Object.keys(checks);

/** The view name of a query, or null when the query is not one the page cache serves. */
export function listViewName(search: URLSearchParams): string | null {
  const values = new Map<string, string>();
  for (const [name, value] of search) {
    if (value === "") continue;
    if (!checks[name]?.(value) || values.has(name)) return null;
    values.set(name, value);
  }
  const canonical = new URLSearchParams(order.filter((name) => values.has(name)).map((name) => [name, values.get(name)!])).toString();
  return canonical === "" ? "all" : canonical;
}

/** The cached page for a list address (`/es/milestones?status=completed`), or null to render it per request. */
export function cachedListViewPath(pathname: string, search: URLSearchParams): string | null {
  const locale = /^\/([a-z]{2})\/milestones$/.exec(pathname)?.[1];
  if (!locale || !(locales as readonly string[]).includes(locale)) return null;
  const view = listViewName(search);
  return view === null ? null : `/${locale}/milestone-list/${encodeURIComponent(view)}`;
}

/** The query of a view name, or null when the name is not canonical (then it is not a cached page). */
export function listViewQuery(view: string): URLSearchParams | null {
  const query = new URLSearchParams(view === "all" ? "" : view);
  return listViewName(query) === view ? query : null;
}
