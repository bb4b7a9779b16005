import { getTranslations, setRequestLocale } from "next-intl/server";
import { Link } from "@/i18n/navigation";
import { parseMilestoneFilters } from "@/lib/milestones/filters";
import { listMilestones } from "@/lib/milestones/list";
import { localeOr, inLocale } from "@/lib/translations";
import { staffUserOrSignIn } from "../../staff-access";

export default async function StaffMilestonesPage({ params }: PageProps<"/[locale]/admin/milestones">) {
  const locale = localeOr((await params).locale);
  setRequestLocale(locale);
  const viewer = await staffUserOrSignIn(locale, `/${locale}/admin/milestones`);
  const [t, common, page] = await Promise.all([
    getTranslations("Staff"),
    getTranslations("Common"),
    listMilestones(viewer, parseMilestoneFilters(new URLSearchParams({ sort: "title", pageSize: "100" }))),
  ]);
  return (
    <>
      <h1 className="mb-1 text-2xl font-semibold">{t("milestones.title")}</h1>
      <p className="mb-4 text-sm text-slate-600">{t("milestones.count", { count: page.total })}</p>
      <table className="w-full bg-white text-left text-sm">
        <tbody>
          {page.milestones.map((milestone) => (
            <tr key={milestone.slug} className="border-b border-slate-200 align-top">
              <td className="py-2 pr-2">
                {inLocale(milestone.title, locale).text}
                {milestone.isPublic ? null : <span className="ml-2 rounded bg-amber-100 px-1 text-xs">{t("milestones.internal")}</span>}
              </td>
              <td className="py-2 pr-2 whitespace-nowrap">
                {common(`status.${milestone.status}`)} · {milestone.progress} %
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
    </>
  );
}
