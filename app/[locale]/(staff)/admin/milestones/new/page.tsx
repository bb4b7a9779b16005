import { notFound } from "next/navigation";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { getDayLimits } from "@/lib/milestones/roadmap";
import { localeOr } from "@/lib/translations";
import { hasRole } from "@/lib/auth/roles";
import { NotAllowed } from "../../_components/not-allowed";
import { MilestoneForm } from "../_components/milestone-form";
import { milestoneChoices } from "../_components/milestone-choices";
import { staffUserOrSignIn } from "../../../staff-access";

export default async function NewMilestonePage({ params }: PageProps<"/[locale]/admin/milestones/new">) {
  const locale = localeOr((await params).locale);
  setRequestLocale(locale);
  const viewer = await staffUserOrSignIn(locale, `/${locale}/admin/milestones/new`);
  if (!hasRole(viewer, "editor")) return <NotAllowed />;
  const [t, choices, limits] = await Promise.all([getTranslations("Staff.edit"), milestoneChoices(locale), getDayLimits(viewer)]);
  if (!limits) notFound();
  return (
    <>
      <h1 className="mb-6 text-2xl font-semibold">{t("createTitle")}</h1>
      <MilestoneForm milestone={null} {...choices} targetLimits={limits.target} />
    </>
  );
}
