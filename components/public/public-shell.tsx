import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import type { Locale } from "@/lib/translations";
import { LanguageSwitcher } from "./language-switcher";

/**
 * Header, main landmark and footer of every public page. `path` is the page's
 * path without the locale (with its query), for the language switcher.
 */
export async function PublicShell({
  locale,
  path,
  current,
  children,
}: {
  locale: Locale;
  path: string;
  current?: "overview" | "milestones";
  children: ReactNode;
}) {
  const t = await getTranslations("Common");
  const navLink = (href: string, label: string, active: boolean) => (
    <a
      href={href}
      aria-current={active ? "page" : undefined}
      className={`rounded px-2 py-1 ${active ? "font-semibold text-slate-900 underline decoration-2 underline-offset-4" : "text-blue-800 hover:bg-slate-100"}`}
    >
      {label}
    </a>
  );
  return (
    <>
      <a
        href="#main"
        className="skip-link sr-only z-10 rounded bg-white px-3 py-2 text-blue-800 focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:ring-2 focus:ring-blue-800"
      >
        {t("skipToContent")}
      </a>
      <header className="site-header border-b border-slate-200 bg-slate-50">
        <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-x-6 gap-y-2 px-4 py-3">
          <a href={`/${locale}`} className="font-semibold text-slate-900 hover:underline">
            {t("siteName")}
          </a>
          <nav aria-label={t("mainNavigation")}>
            <ul className="flex flex-wrap gap-1">
              <li>{navLink(`/${locale}`, t("overview"), current === "overview")}</li>
              <li>{navLink(`/${locale}/milestones`, t("milestones"), current === "milestones")}</li>
            </ul>
          </nav>
          <LanguageSwitcher locale={locale} path={path} />
        </div>
      </header>
      <main id="main" tabIndex={-1} className="mx-auto max-w-5xl px-4 py-8 focus:outline-none">
        {children}
      </main>
      <footer className="site-footer mt-12 border-t border-slate-200 bg-slate-50">
        <div className="mx-auto max-w-5xl px-4 py-6 text-sm text-slate-700">
          <p>{t("footerAbout")}</p>
          <ul className="mt-3 flex flex-wrap gap-x-4 gap-y-1">
            <li>
              <a className="text-blue-800 underline" href="/feed.xml">
                {t("atomFeed")}
              </a>
            </li>
            <li>
              <a className="text-blue-800 underline" href="/calendar.ics">
                {t("calendarFeed")}
              </a>
            </li>
            <li>
              {/* A JSON endpoint, not a page: a plain link is right here. */}
              {/* eslint-disable-next-line @next/next/no-html-link-for-pages */}
              <a className="text-blue-800 underline" href="/api/v1/milestones">
                {t("openData")}
              </a>
            </li>
          </ul>
        </div>
      </footer>
    </>
  );
}
