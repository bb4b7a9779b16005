import { getLocale, getTranslations } from "next-intl/server";
import { PublicShell } from "@/components/public/public-shell";
import type { Locale } from "@/lib/translations";

export default async function NotFound() {
  const locale = (await getLocale()) as Locale;
  const t = await getTranslations("Public.notFound");
  return (
    <PublicShell locale={locale} path="">
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p className="mt-3 max-w-prose">{t("body")}</p>
      <ul className="mt-4 space-y-1">
        <li>
          <a className="text-blue-800 underline" href={`/${locale}`}>
            {t("home")}
          </a>
        </li>
        <li>
          <a className="text-blue-800 underline" href={`/${locale}/milestones`}>
            {t("list")}
          </a>
        </li>
      </ul>
    </PublicShell>
  );
}
