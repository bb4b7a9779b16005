import { notFound } from "next/navigation";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { Link } from "@/i18n/navigation";
import { getEditableMilestone } from "@/lib/milestones/edits";
import { localeOr, inLocale, translatedColumns } from "@/lib/translations";
import { hasRole } from "@/lib/auth/roles";
import { NotAllowed } from "../../_components/not-allowed";
import { ArchiveForm } from "../_components/archive-form";
import { MilestoneForm } from "../_components/milestone-form";
import { milestoneChoices } from "../_components/milestone-choices";
import { staffUserOrSignIn } from "../../../staff-access";

export default async function EditMilestonePage({ params }: PageProps<"/[locale]/admin/milestones/[slug]">) {
  const { locale, slug } = await params;
  setRequestLocale(locale);
  const viewer = await staffUserOrSignIn(locale, `/${locale}/admin/milestones/${slug}`);
  const milestone = await getEditableMilestone(viewer, slug);
  if (!milestone) notFound();
  const [t, choices] = await Promise.all([getTranslations("Staff"), milestoneChoices(localeOr(locale))]);
  return (
    <>
      <h1 className="mb-2 text-2xl font-semibold">{t("edit.editTitle", { title: inLocale(translatedColumns(milestone, "title"), localeOr(locale)).text })}</h1>
      <p className="mb-6 flex gap-4 text-sm">
        <Link href={`/admin/milestones/${slug}/progress`} className="underline">
          {t("milestones.logProgress")}
        </Link>
        <Link href={`/admin/milestones/${slug}/history`} className="underline">
          {t("milestones.history")}
        </Link>
      </p>
      {hasRole(viewer, "editor") ? <MilestoneForm milestone={milestone} {...choices} /> : <NotAllowed readOnly />}
      {hasRole(viewer, "admin") ? <ArchiveForm slug={slug} version={milestone.version} /> : null}
    </>
  );
}
