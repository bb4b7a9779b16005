import type { Metadata } from "next";
import { locales, type Locale } from "@/lib/translations";

/** Title, description, canonical and hreflang links and Open Graph tags of a public page; `path` excludes the locale. */
export function publicMetadata({ locale, path, title, description }: { locale: Locale; path: string; title: string; description: string }): Metadata {
  const ogLocales: Record<Locale, string> = { en: "en_GB", es: "es_PE", ja: "ja_JP" };
  return {
    title,
    description,
    alternates: {
      canonical: `/${locale}${path}`,
      languages: { ...Object.fromEntries(locales.map((other) => [other, `/${other}${path}`])), "x-default": `/en${path}` },
    },
    openGraph: {
      type: "website",
      title,
      description,
      url: `/${locale}${path}`,
      locale: ogLocales[locale],
      alternateLocale: locales.filter((other) => other !== locale).map((other) => ogLocales[other]),
    },
  };
}
