import { notFound } from "next/navigation";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { Link } from "@/i18n/navigation";
import { getMilestoneHistory } from "@/lib/milestones/history";
import { getEditableMilestone } from "@/lib/milestones/edits";
import { localeOr, inLocale, translatedColumns } from "@/lib/translations";
import { HistoryList } from "../../../_components/history-list";
import { staffUserOrSignIn } from "../../../../staff-access";

export default async function MilestoneHistoryPage({ params }: PageProps<"/[locale]/admin/milestones/[slug]/history">) {
  const { locale, slug } = await params;
  setRequestLocale(locale);
  const viewer = await staffUserOrSignIn(locale, `/${locale}/admin/milestones/${slug}/history`);
  const [milestone, history, t] = await Promise.all([getEditableMilestone(viewer, slug), getMilestoneHistory(viewer, slug), getTranslations("Staff")]);
  if (!milestone || !history) notFound();
  return (
    <>
      <h1 className="mb-2 text-2xl font-semibold">{t("history.title", { title: inLocale(translatedColumns(milestone, "title"), localeOr(locale)).text })}</h1>
      <p className="mb-6 flex gap-4 text-sm">
        <Link href={`/admin/milestones/${slug}`} className="underline">
          {t("milestones.edit")}
        </Link>
        <Link href={`/admin/milestones/${slug}/progress`} className="underline">
          {t("milestones.logProgress")}
        </Link>
      </p>
      <HistoryList entries={history} showMilestone={false} />
    </>
  );
}
