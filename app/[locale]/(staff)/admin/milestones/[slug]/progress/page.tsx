import { notFound } from "next/navigation";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { Link } from "@/i18n/navigation";
import { isoDay, todayEverywhere } from "@/lib/dates";
import { getEditableMilestone } from "@/lib/milestones/edits";
import { getDayLimits } from "@/lib/milestones/roadmap";
import { localeOr, inLocale, translatedColumns } from "@/lib/translations";
import { hasRole } from "@/lib/auth/roles";
import { NotAllowed } from "../../../_components/not-allowed";
import { milestoneChoices } from "../../_components/milestone-choices";
import { ProgressForm } from "./_components/progress-form";
import { staffUserOrSignIn } from "../../../../staff-access";

export default async function LogProgressPage({ params }: PageProps<"/[locale]/admin/milestones/[slug]/progress">) {
  const { locale, slug } = await params;
  setRequestLocale(locale);
  const viewer = await staffUserOrSignIn(locale, `/${locale}/admin/milestones/${slug}/progress`);
  const [milestone, limits] = await Promise.all([getEditableMilestone(viewer, slug), getDayLimits(viewer)]);
  if (!milestone || !limits) notFound();
  const [t, { statusNames }] = await Promise.all([getTranslations("Staff"), milestoneChoices(localeOr(locale))]);
  return (
    <>
      <h1 className="mb-2 text-2xl font-semibold">{t("progress.title", { title: inLocale(translatedColumns(milestone, "title"), localeOr(locale)).text })}</h1>
      <p className="mb-2 text-slate-700">{t("progress.current", { status: statusNames[milestone.status], progress: milestone.progress })}</p>
      <p className="mb-6 flex gap-4 text-sm">
        <Link href={`/admin/milestones/${slug}`} className="underline">
          {t("milestones.edit")}
        </Link>
        <Link href={`/admin/milestones/${slug}/history`} className="underline">
          {t("milestones.history")}
        </Link>
      </p>
      {milestone.archivedAt ? (
        <p role="status" className="rounded border border-amber-700 bg-amber-50 p-4">
          {t("archive.noProgress")}
        </p>
      ) : hasRole(viewer, "editor") ? (
        <ProgressForm
          slug={slug}
          version={milestone.version}
          status={milestone.status}
          progress={milestone.progress}
          limits={limits.happened}
          today={isoDay(todayEverywhere())}
          statusNames={statusNames}
        />
      ) : (
        <NotAllowed readOnly />
      )}
    </>
  );
}
