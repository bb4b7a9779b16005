import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { Suspense } from "react";
import type { Locale } from "@/lib/translations";
import { PublicShell } from "./public-shell";

/** The not-found page's content, in the visitor's language. */
export async function NotFoundPage({ locale }: { locale: Locale }) {
  const t = await getTranslations({ locale, namespace: "Public.notFound" });
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

export async function notFoundMetadata(locale: Locale): Promise<Metadata> {
  const t = await getTranslations({ locale, namespace: "Public.notFound" });
  return { title: t("title") };
}

function NotFoundStatus(): never {
  notFound();
}

/**
 * A 404 whose page is in the HTML itself. A plain notFound() leaves the body
 * empty for scripts to fill in (vercel/next.js#62228), and public pages block
 * Next's inline scripts. So the page is drawn here and notFound() is thrown
 * only inside a Suspense boundary: when Next renders a cached (ISR) page, that
 * sets status 404 and keeps what was rendered outside the boundary. The
 * calling route must therefore be cached (generateStaticParams), not dynamic.
 */
export function ServerRenderedNotFound({ locale }: { locale: Locale }) {
  return (
    <>
      <NotFoundPage locale={locale} />
      <NotFoundStatusBoundary />
    </>
  );
}

/** Makes a cached page answer 404 while keeping what was rendered beside it (see above). */
export function NotFoundStatusBoundary() {
  return (
    <Suspense fallback={null}>
      <NotFoundStatus />
    </Suspense>
  );
}
