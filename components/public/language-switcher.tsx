import { getTranslations } from "next-intl/server";
import { locales, type Locale } from "@/lib/translations";

const languageNames: Record<Locale, string> = { en: "English", es: "Español", ja: "日本語" };

/** Plain links to the same page in each language: works without JavaScript. `path` excludes the locale. */
export async function LanguageSwitcher({ locale, path }: { locale: Locale; path: string }) {
  const t = await getTranslations("Common");
  return (
    <nav aria-label={t("languages")} className="language-switcher">
      <ul className="flex gap-1">
        {locales.map((other) => (
          <li key={other}>
            <a
              href={`/${other}${path}`}
              hrefLang={other}
              lang={other}
              aria-current={other === locale ? "true" : undefined}
              className={
                other === locale
                  ? "block rounded px-2 py-1 font-semibold text-slate-900 underline decoration-2 underline-offset-4"
                  : "block rounded px-2 py-1 text-blue-800 hover:bg-slate-100"
              }
            >
              {languageNames[other]}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
