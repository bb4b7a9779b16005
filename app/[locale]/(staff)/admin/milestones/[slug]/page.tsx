import { notFound } from "next/navigation";
import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { Link } from "@/i18n/navigation";
import { getEditableMilestone } from "@/lib/milestones/edits";
import { getDayLimits } from "@/lib/milestones/roadmap";
import { localeOr, inLocale, translatedColumns } from "@/lib/translations";
import { hasRole } from "@/lib/auth/roles";
import { NotAllowed } from "../../_components/not-allowed";
import { ArchiveForm, RestoreForm } from "../_components/archive-form";
import { MilestoneForm } from "../_components/milestone-form";
import { milestoneChoices } from "../_components/milestone-choices";
import { staffUserOrSignIn } from "../../../staff-access";

export default async function EditMilestonePage({ params }: PageProps<"/[locale]/admin/milestones/[slug]">) {
  const { locale, slug } = await params;
  setRequestLocale(locale);
  const viewer = await staffUserOrSignIn(locale, `/${locale}/admin/milestones/${slug}`);
  const [milestone, limits] = await Promise.all([getEditableMilestone(viewer, slug), getDayLimits(viewer)]);
  if (!milestone || !limits) notFound();
  const [t, format, choices] = await Promise.all([getTranslations("Staff"), getFormatter(), milestoneChoices(localeOr(locale))]);
  const title = inLocale(translatedColumns(milestone, "title"), localeOr(locale)).text;
  return (
    <>
      <h1 className="mb-2 text-2xl font-semibold">{t("edit.editTitle", { title })}</h1>
      <p className="mb-6 flex gap-4 text-sm">
        {milestone.archivedAt ? null : (
          <Link href={`/admin/milestones/${slug}/progress`} className="underline">
            {t("milestones.logProgress")}
          </Link>
        )}
        <Link href={`/admin/milestones/${slug}/history`} className="underline">
          {t("milestones.history")}
        </Link>
      </p>
      {milestone.archivedAt ? (
        <div role="status" className="rounded border border-amber-700 bg-amber-50 p-4" data-archived>
          <p>
            {t("archive.archivedOn", { date: format.dateTime(new Date(milestone.archivedAt), { dateStyle: "long" }) })}{" "}
            {milestone.archiveReason ? t("archive.because", { reason: milestone.archiveReason }) : null}
          </p>
          <p className="mt-2 text-sm">{hasRole(viewer, "admin") ? t("archive.restoreHint") : t("archive.readOnly")}</p>
          {hasRole(viewer, "admin") ? (
            <div className="mt-3">
              <RestoreForm slug={slug} version={milestone.version} />
            </div>
          ) : null}
        </div>
      ) : hasRole(viewer, "editor") ? (
        <MilestoneForm milestone={milestone} {...choices} targetLimits={limits.target} />
      ) : (
        <NotAllowed readOnly />
      )}
      {!milestone.archivedAt && hasRole(viewer, "admin") ? <ArchiveForm slug={slug} version={milestone.version} isPublic={milestone.isPublic} /> : null}
    </>
  );
}
