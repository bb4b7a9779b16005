import { getTranslations, setRequestLocale } from "next-intl/server";
import { localeOr } from "@/lib/translations";
import { hasRole } from "@/lib/auth/roles";
import { NotAllowed } from "../_components/not-allowed";
import { ImportForm } from "./_components/import-form";
import { staffUserOrSignIn } from "../../staff-access";

export default async function ImportPage({ params }: PageProps<"/[locale]/admin/import">) {
  const locale = localeOr((await params).locale);
  setRequestLocale(locale);
  if (!hasRole(await staffUserOrSignIn(locale, `/${locale}/admin/import`), "editor")) return <NotAllowed />;
  const t = await getTranslations("Reports.import");
  return (
    <>
      <h1 className="mb-4 text-2xl font-semibold">{t("title")}</h1>
      <p className="mb-2 max-w-3xl text-slate-700">{t("intro")}</p>
      <p className="mb-6 flex gap-4 text-sm">
        <a className="underline" href={`/api/v1/imports/template.csv?lang=${locale}`} download>
          {t("template")}
        </a>
        <a className="underline" href={`/api/v1/exports/milestones.csv?lang=${locale}`} download>
          {t("export")}
        </a>
      </p>
      <ImportForm />
    </>
  );
}
