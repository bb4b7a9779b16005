import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { hasLocale, NextIntlClientProvider } from "next-intl";
import { getMessages, getTranslations, setRequestLocale } from "next-intl/server";
import { routing } from "@/i18n/routing";
import { siteUrl } from "@/lib/site-url";
import "../globals.css";

// No locale is prerendered at build (the build never touches the database):
// each page is rendered on its first visit and then served from Next's cache.
export function generateStaticParams() {
  return [];
}

export async function generateMetadata({ params }: LayoutProps<"/[locale]">): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: "Common" });
  return {
    metadataBase: siteUrl(),
    icons: { icon: "/favicon.svg" },
    title: { default: t("siteName"), template: `%s · ${t("siteName")}` },
    openGraph: { siteName: t("siteName") },
  };
}

export default async function LocaleLayout({ children, params }: LayoutProps<"/[locale]">) {
  const { locale } = await params;
  if (!hasLocale(routing.locales, locale)) notFound();
  setRequestLocale(locale);
  // Public pages are server-rendered only; their texts need not travel to the browser.
  const clientMessages = Object.fromEntries(Object.entries(await getMessages()).filter(([area]) => area !== "Public"));
  return (
    <html lang={locale}>
      <body className="bg-white text-slate-900 antialiased">
        <NextIntlClientProvider messages={clientMessages}>{children}</NextIntlClientProvider>
      </body>
    </html>
  );
}
