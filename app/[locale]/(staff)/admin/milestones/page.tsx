import { getTranslations, setRequestLocale } from "next-intl/server";
import { Link } from "@/i18n/navigation";
import { parseMilestoneFilters } from "@/lib/milestones/filters";
import { listMilestones } from "@/lib/milestones/list";
import { localeOr, inLocale } from "@/lib/translations";
import { staffUserOrSignIn } from "../../staff-access";

const pageSize = 50;

export default async function StaffMilestonesPage({ params, searchParams }: PageProps<"/[locale]/admin/milestones">) {
  const locale = localeOr((await params).locale);
  const requestedPage = Number((await searchParams).page);
  const pageNumber = Number.isInteger(requestedPage) && requestedPage > 0 ? requestedPage : 1;
  setRequestLocale(locale);
  const viewer = await staffUserOrSignIn(locale, `/${locale}/admin/milestones`);
  const [t, common, page] = await Promise.all([
    getTranslations("Staff"),
    getTranslations("Common"),
    listMilestones(viewer, parseMilestoneFilters(new URLSearchParams({ sort: "title", pageSize: String(pageSize), page: String(pageNumber) }))),
  ]);
  return (
    <>
      <h1 className="mb-1 text-2xl font-semibold">{t("milestones.title")}</h1>
      <p className="mb-4 flex gap-4 text-sm text-slate-600">
        <span>{t("milestones.count", { count: page.total })}</span>
        <Link href="/admin/milestones/archived" className="underline">
          {t("archive.title")}
        </Link>
      </p>
      <table className="w-full bg-white text-left text-sm">
        <tbody>
          {page.milestones.map((milestone) => (
            <tr key={milestone.slug} className="border-b border-slate-200 align-top">
              <td className="py-2 pr-2">
                {inLocale(milestone.title, locale).text}
                {milestone.isPublic ? null : <span className="ml-2 rounded bg-amber-100 px-1 text-xs">{t("milestones.internal")}</span>}
              </td>
              <td className="py-2 pr-2 whitespace-nowrap">
                {common(`status.${milestone.status}`)} · {milestone.progress} %{milestone.overdue ? ` · ${t("milestones.overdue")}` : ""}
              </td>
              <td className="py-2 whitespace-nowrap">
                <Link href={`/admin/milestones/${milestone.slug}`} className="mr-3 underline">
                  {t("milestones.edit")}
                </Link>
                <Link href={`/admin/milestones/${milestone.slug}/progress`} className="mr-3 underline">
                  {t("milestones.logProgress")}
                </Link>
                <Link href={`/admin/milestones/${milestone.slug}/history`} className="underline">
                  {t("milestones.history")}
                </Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {page.pageCount > 1 ? (
        <nav aria-label={t("milestones.pages")} className="mt-4 flex items-center gap-4 text-sm">
          {page.page > 1 ? (
            <Link href={`/admin/milestones?page=${page.page - 1}`} rel="prev" className="underline">
              {t("milestones.previous")}
            </Link>
          ) : null}
          <span>{t("milestones.pageOf", { page: page.page, pageCount: page.pageCount })}</span>
          {page.page < page.pageCount ? (
            <Link href={`/admin/milestones?page=${page.page + 1}`} rel="next" className="underline">
              {t("milestones.next")}
            </Link>
          ) : null}
        </nav>
      ) : null}
    </>
  );
}
