import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { LocalizedText } from "./localized-text";
import { NotFoundStatusBoundary } from "./not-found-page";
import { publicMetadata } from "./metadata";
import { PublicShell } from "./public-shell";
import { OverdueBadge, StatusBadge } from "./status-badge";
import { InvalidParameterError } from "@/lib/errors";
import { searchParamsOf } from "@/lib/http/query";
import { canonicalQuery, milestoneFilterSchema, parseMilestoneFilters, type MilestoneFilters } from "@/lib/milestones/filters";
import { milestoneKinds, milestoneStatuses } from "@/lib/vocabulary";
import { publicLeadAgencies, publicMilestonePage, publicRoadmap } from "@/lib/public/cached-reads";
import { inLocale, type Locale } from "@/lib/translations";

/** The query string of a view ("?status=completed"), in the one canonical form. */
export function viewQuery(filters: Partial<MilestoneFilters>, page?: number): string {
  const text = canonicalQuery({ ...filters, page });
  return text ? `?${text}` : "";
}

const fieldClass = "mt-1 block w-full rounded border border-slate-500 bg-white px-2 py-1.5 text-slate-900";

/** One filter of the form; `any` adds the empty choice that leaves the filter off. */
function FilterSelect({
  name,
  label,
  value,
  any,
  options,
}: {
  name: string;
  label: string;
  value: string | number | undefined;
  any?: string;
  options: { value: string; label: string }[];
}) {
  return (
    <label className="block text-sm font-medium">
      {label}
      <select name={name} defaultValue={value === undefined ? "" : String(value)} className={fieldClass}>
        {any ? <option value="">{any}</option> : null}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </label>
  );
}

function readFilters(searchParams: Record<string, string | string[] | undefined>): { filters: MilestoneFilters; invalid: string[] } {
  try {
    return { filters: parseMilestoneFilters(searchParamsOf(searchParams)), invalid: [] };
  } catch (error) {
    if (!(error instanceof InvalidParameterError)) throw error;
    return {
      filters: milestoneFilterSchema.parse({}),
      invalid: [...new Set(error.issues.map((issue) => (issue.reason === "unreadable" ? `unreadable:${issue.parameter}` : issue.parameter)))],
    };
  }
}

/**
 * A pillar that is not one of the Road Map's, or a year outside its years (and the two after, where targets
 * may fall), is a filter the list cannot use, like any unknown value.
 */
function withRoadmapValues(read: ReturnType<typeof readFilters>, roadmap: { pillars: { slug: string }[]; firstYear: number; lastYear: number } | null) {
  const { pillar, year } = read.filters;
  const invalid = [
    ...(pillar !== undefined && !roadmap?.pillars.some((known) => known.slug === pillar) ? ["pillar"] : []),
    ...(year !== undefined && (!roadmap || year < roadmap.firstYear || year > roadmap.lastYear + 2) ? ["year"] : []),
  ];
  return invalid.length === 0 ? read : { filters: milestoneFilterSchema.parse({}), invalid: [...read.invalid, ...invalid] };
}

type SearchParams = Record<string, string | string[] | undefined>;

export async function milestoneListMetadata(locale: Locale, searchParams: SearchParams): Promise<Metadata> {
  const { filters } = readFilters(searchParams);
  const t = await getTranslations({ locale, namespace: "Public.list" });
  return publicMetadata({ locale, path: `/milestones${viewQuery(filters, filters.page)}`, title: t("title"), description: t("metaDescription") });
}

/**
 * The milestone list for the filters in `searchParams`, with the filter form and pages; shown at /{lang}/milestones.
 * As a cached view (`cachedView`), a view no link on the site makes (a pillar that is not the Road Map's, a
 * page past the last) answers 404 with the same page, so the page cache never keeps it.
 */
export async function MilestoneList({ locale, searchParams, cachedView = false }: { locale: Locale; searchParams: SearchParams; cachedView?: boolean }) {
  const roadmap = await publicRoadmap();
  const { filters, invalid } = withRoadmapValues(readFilters(searchParams), roadmap);
  const [t, tStatus, tKind, format, result, agencies] = await Promise.all([
    getTranslations("Public.list"),
    getTranslations("Common.status"),
    getTranslations("Public.kind"),
    getFormatter(),
    publicMilestonePage(filters),
    publicLeadAgencies(),
  ]);
  const path = `/milestones${viewQuery(filters, filters.page)}`;
  // "Export what I see": the same filters, every page, in the visitor's language.
  const exportQuery = new URLSearchParams(viewQuery({ ...filters, pageSize: undefined }).slice(1));
  exportQuery.set("lang", locale);
  const years = roadmap ? Array.from({ length: roadmap.lastYear - roadmap.firstYear + 1 }, (_, index) => roadmap.firstYear + index) : [];
  const date = (isoDay: string) => format.dateTime(new Date(`${isoDay}T00:00:00Z`), { dateStyle: "medium" });
  const first = (result.page - 1) * result.pageSize + 1;
  const last = first + result.milestones.length - 1;

  const offSite = invalid.length > 0 || result.page > result.pageCount;
  return (
    <PublicShell locale={locale} path={path} current="milestones">
      {cachedView && offSite ? <NotFoundStatusBoundary /> : null}
      <h1 className="text-2xl font-bold sm:text-3xl">{t("title")}</h1>

      {invalid.length > 0 ? (
        <div role="alert" className="mt-4 rounded border-l-4 border-red-700 bg-red-50 p-3 text-red-900" data-invalid-filters={invalid.join(",")}>
          {t("invalid", {
            details: invalid
              .map((parameter) =>
                parameter.startsWith("unreadable:")
                  ? t("invalidParameter.unreadable", { parameter: parameter.slice("unreadable:".length) })
                  : t.has(`invalidParameter.${parameter}`)
                    ? t(`invalidParameter.${parameter}` as "invalidParameter.status")
                    : t("invalidParameter.unknown", { parameter }),
              )
              .join("; "),
          })}
        </div>
      ) : null}

      <form
        method="get"
        action={`/${locale}/milestones`}
        className="filters mt-6 rounded-lg border border-slate-300 bg-slate-50 p-4"
        aria-labelledby="filters-heading"
      >
        <h2 id="filters-heading" className="text-lg font-semibold">
          {t("filters")}
        </h2>
        <div className="mt-3 grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
          <label className="block text-sm font-medium">
            {t("q")}
            <input type="search" name="q" defaultValue={filters.q ?? ""} maxLength={200} className={fieldClass} />
          </label>
          <FilterSelect
            name="pillar"
            label={t("pillar")}
            value={filters.pillar}
            any={t("any")}
            options={(roadmap?.pillars ?? []).map((pillar) => ({ value: pillar.slug, label: `${pillar.position}. ${inLocale(pillar.name, locale).text}` }))}
          />
          <FilterSelect
            name="status"
            label={t("status")}
            value={filters.status}
            any={t("any")}
            options={milestoneStatuses.map((status) => ({ value: status, label: tStatus(status) }))}
          />
          <FilterSelect
            name="kind"
            label={t("kind")}
            value={filters.kind}
            any={t("any")}
            options={milestoneKinds.map((kind) => ({ value: kind, label: tKind(kind) }))}
          />
          <FilterSelect
            name="year"
            label={t("year")}
            value={filters.year}
            any={t("any")}
            options={years.map((year) => ({ value: String(year), label: String(year) }))}
          />
          <FilterSelect
            name="agency"
            label={t("agency")}
            value={filters.agency}
            any={t("any")}
            options={agencies.map((agency) => ({ value: agency, label: agency }))}
          />
          <FilterSelect
            name="sort"
            label={t("sort")}
            value={filters.sort}
            options={[
              { value: "target", label: t("sortTarget") },
              { value: "updated", label: t("sortUpdated") },
              { value: "title", label: t("sortTitle") },
            ]}
          />
          <label className="flex items-center gap-2 self-end py-2 text-sm font-medium">
            <input type="checkbox" name="overdue" value="1" defaultChecked={filters.overdue === "1"} className="h-4 w-4" />
            {t("overdue")}
          </label>
          <div className="flex items-end gap-3">
            <button
              type="submit"
              className="rounded bg-blue-800 px-4 py-2 font-semibold text-white hover:bg-blue-900 focus:ring-2 focus:ring-blue-800 focus:ring-offset-2 focus:outline-none"
            >
              {t("apply")}
            </button>
            <a href={`/${locale}/milestones`} className="py-2 text-blue-800 underline">
              {t("clear")}
            </a>
          </div>
        </div>
      </form>

      <p className="mt-6 font-medium" id="match-count">
        {t("matched", { total: result.total })}
        {result.milestones.length > 0 && result.total > result.milestones.length ? ` ${t("showing", { from: first, to: last })}` : null}
      </p>
      {result.total > 0 ? (
        <p className="mt-1 text-sm">
          <a className="text-blue-800 underline" href={`/api/v1/exports/milestones.csv?${exportQuery}`} data-export>
            {t("exportCsv")}
          </a>
        </p>
      ) : null}

      {result.milestones.length === 0 ? (
        <p className="empty-state mt-4 rounded border border-slate-300 p-4 text-slate-800">{t("empty")}</p>
      ) : (
        <ul className="milestone-list mt-4 divide-y divide-slate-200 border-y border-slate-200">
          {result.milestones.map((milestone) => (
            <li key={milestone.slug} className="py-4">
              <h2 className="text-lg font-semibold">
                <a href={`/${locale}/milestones/${milestone.slug}`} className="text-blue-800 underline">
                  <LocalizedText text={milestone.title} locale={locale} />
                </a>
              </h2>
              <p className="mt-1 flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-slate-700">
                <StatusBadge status={milestone.status} />
                {milestone.overdue ? <OverdueBadge /> : null}
                <span>
                  {milestone.pillar.position}. {inLocale(milestone.pillar.name, locale).text}
                </span>
                <span>{tKind(milestone.kind)}</span>
                <span>
                  {milestone.completedOn
                    ? t("completedOn", { date: date(milestone.completedOn) })
                    : milestone.targetDate
                      ? t("target", { date: date(milestone.targetDate) })
                      : t("noDate")}
                  {!milestone.completedOn && milestone.originalTargetDate && milestone.originalTargetDate !== milestone.targetDate
                    ? ` (${t("wasTarget", { date: date(milestone.originalTargetDate) })})`
                    : null}
                </span>
              </p>
            </li>
          ))}
        </ul>
      )}

      {result.pageCount > 1 ? (
        <nav aria-label={t("pagination")} className="pagination mt-6">
          <ul className="flex flex-wrap items-center gap-2">
            {result.page > 1 ? (
              <li>
                <a
                  className="block rounded border border-slate-400 px-3 py-1 text-blue-800"
                  rel="prev"
                  href={`/${locale}/milestones${viewQuery(filters, result.page - 1)}`}
                >
                  {t("previous")}
                </a>
              </li>
            ) : null}
            {Array.from({ length: result.pageCount }, (_, index) => index + 1).map((page) => (
              <li key={page}>
                <a
                  className={`block rounded border px-3 py-1 ${page === result.page ? "border-slate-900 bg-slate-900 font-semibold text-white" : "border-slate-400 text-blue-800"}`}
                  href={`/${locale}/milestones${viewQuery(filters, page)}`}
                  aria-current={page === result.page ? "page" : undefined}
                  aria-label={t("pageN", { page })}
                >
                  {page}
                </a>
              </li>
            ))}
            {result.page < result.pageCount ? (
              <li>
                <a
                  className="block rounded border border-slate-400 px-3 py-1 text-blue-800"
                  rel="next"
                  href={`/${locale}/milestones${viewQuery(filters, result.page + 1)}`}
                >
                  {t("next")}
                </a>
              </li>
            ) : null}
          </ul>
        </nav>
      ) : null}
    </PublicShell>
  );
}
