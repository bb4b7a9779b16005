import { getTranslations, setRequestLocale } from "next-intl/server";
import { localeOr } from "@/lib/translations";
import { hasRole } from "@/lib/auth/roles";
import { NotAllowed } from "../../_components/not-allowed";
import { MilestoneForm } from "../_components/milestone-form";
import { milestoneChoices } from "../_components/milestone-choices";
import { staffUserOrSignIn } from "../../../staff-access";

export default async function NewMilestonePage({ params }: PageProps<"/[locale]/admin/milestones/new">) {
  const locale = localeOr((await params).locale);
  setRequestLocale(locale);
  if (!hasRole(await staffUserOrSignIn(locale, `/${locale}/admin/milestones/new`), "editor")) return <NotAllowed />;
  const [t, choices] = await Promise.all([getTranslations("Staff.edit"), milestoneChoices(locale)]);
  return (
    <>
      <h1 className="mb-6 text-2xl font-semibold">{t("createTitle")}</h1>
      <MilestoneForm milestone={null} {...choices} />
    </>
  );
}
