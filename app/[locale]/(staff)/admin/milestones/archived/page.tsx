import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { Link } from "@/i18n/navigation";
import { hasRole } from "@/lib/auth/roles";
import { listArchivedMilestones } from "@/lib/milestones/edits";
import { inLocale, localeOr } from "@/lib/translations";
import { RestoreForm } from "../_components/archive-form";
import { staffUserOrSignIn } from "../../../staff-access";

// The milestones withdrawn from tracking: when and why, their history, and (for admins) a way back.
export default async function ArchivedMilestonesPage({ params }: PageProps<"/[locale]/admin/milestones/archived">) {
  const locale = localeOr((await params).locale);
  setRequestLocale(locale);
  const viewer = await staffUserOrSignIn(locale, `/${locale}/admin/milestones/archived`);
  const [t, format, archived] = await Promise.all([getTranslations("Staff"), getFormatter(), listArchivedMilestones(viewer)]);
  return (
    <>
      <h1 className="mb-1 text-2xl font-semibold">{t("archive.title")}</h1>
      <p className="mb-4 text-sm text-slate-600">
        <Link href="/admin/milestones" className="underline">
          {t("archive.backToList")}
        </Link>
      </p>
      {archived.length === 0 ? (
        <p className="text-slate-600">{t("archive.none")}</p>
      ) : (
        <table className="w-full bg-white text-left text-sm">
          <tbody>
            {archived.map((milestone) => (
              <tr key={milestone.slug} className="border-b border-slate-200 align-top" data-archived-milestone={milestone.slug}>
                <td className="py-2 pr-2">
                  {inLocale(milestone.title, locale).text}
                  <span className="block text-slate-600">
                    {t("archive.archivedOn", { date: format.dateTime(milestone.archivedAt, { dateStyle: "long" }) })}{" "}
                    {milestone.reason ? t("archive.because", { reason: milestone.reason }) : null}
                  </span>
                </td>
                <td className="py-2 whitespace-nowrap">
                  <Link href={`/admin/milestones/${milestone.slug}`} className="mr-3 underline">
                    {t("milestones.edit")}
                  </Link>
                  <Link href={`/admin/milestones/${milestone.slug}/history`} className="mr-3 underline">
                    {t("milestones.history")}
                  </Link>
                  {hasRole(viewer, "admin") ? <RestoreForm slug={milestone.slug} version={milestone.version} /> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
