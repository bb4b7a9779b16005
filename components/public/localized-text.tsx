import { getTranslations } from "next-intl/server";
import { inLocale, type Locale, type TranslatedText } from "@/lib/translations";

/** A road map text in the page's language, or the English text marked as such when no translation exists. */
export async function LocalizedText({ text, locale }: { text: TranslatedText; locale: Locale }) {
  const shown = inLocale(text, locale);
  if (!shown.isFallback) return <>{shown.text}</>;
  const t = await getTranslations("Common");
  return (
    <>
      <span lang="en">{shown.text}</span> <span className="fallback-note text-sm font-normal text-slate-700">({t("untranslated")})</span>
    </>
  );
}
