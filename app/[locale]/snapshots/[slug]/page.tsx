import type { Metadata } from "next";
import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { publicMetadata } from "@/components/public/metadata";
import { notFoundMetadata, ServerRenderedNotFound } from "@/components/public/not-found-page";
import { PublicShell } from "@/components/public/public-shell";
import { publicSnapshot } from "@/lib/public/cached-reads";
import type { Locale } from "@/lib/translations";

// A frozen report's permanent address: its CSV files in the three languages,
// each with the SHA-256 it was frozen with and whether it still has it. Rendered
// on its first visit and served from the page cache until the lists change
// (any change may withdraw something from its files).
export function generateStaticParams() {
  return [];
}

const languageNames: Record<Locale, string> = { en: "English", es: "Español", ja: "日本語" };

export async function generateMetadata({ params }: PageProps<"/[locale]/snapshots/[slug]">): Promise<Metadata> {
  const { locale, slug } = (await params) as { locale: Locale; slug: string };
  const snapshot = /^[a-z0-9-]{1,80}$/.test(slug) ? await publicSnapshot(slug) : null;
  if (!snapshot) return notFoundMetadata(locale);
  const t = await getTranslations({ locale, namespace: "Public.snapshot" });
  return publicMetadata({ locale, path: `/snapshots/${slug}`, title: t("title", { name: snapshot.name }), description: snapshot.name });
}

export default async function SnapshotPage({ params }: PageProps<"/[locale]/snapshots/[slug]">) {
  const { locale, slug } = (await params) as { locale: Locale; slug: string };
  setRequestLocale(locale);
  const [snapshot, t, format] = await Promise.all([
    /^[a-z0-9-]{1,80}$/.test(slug) ? publicSnapshot(slug) : null,
    getTranslations("Public.snapshot"),
    getFormatter(),
  ]);
  if (!snapshot) return <ServerRenderedNotFound locale={locale} />;
  const day = (isoDay: string) => format.dateTime(new Date(`${isoDay}T00:00:00Z`), { dateStyle: "long" });
  const moment = (iso: string) => format.dateTime(new Date(iso), { dateStyle: "long", timeStyle: "short" });
  const anyDiffers = snapshot.files.some((file) => !file.matches);
  return (
    <PublicShell locale={locale} path={`/snapshots/${slug}`}>
      <h1 className="text-2xl font-bold sm:text-3xl">{t("title", { name: snapshot.name })}</h1>
      <p className="mt-3 max-w-prose">{t("intro", { asOf: day(snapshot.asOf), knownAt: `${moment(snapshot.knownAt)} UTC` })}</p>
      <table className="mt-6 w-full text-left text-sm">
        <thead>
          <tr className="border-b border-slate-400">
            <th scope="col" className="py-2 pr-3">
              {t("file")}
            </th>
            <th scope="col" className="py-2 pr-3">
              {t("language")}
            </th>
            <th scope="col" className="py-2 pr-3">
              {t("size")}
            </th>
            <th scope="col" className="py-2 pr-3">
              {t("sha256")}
            </th>
            <th scope="col" className="py-2">
              {t("check")}
            </th>
          </tr>
        </thead>
        <tbody>
          {snapshot.files.map((file) => (
            <tr
              key={`${file.report}-${file.lang}`}
              className="border-b border-slate-200 align-top"
              data-file={`${file.report}.${file.lang}`}
              data-matches={file.matches}
            >
              <td className="py-2 pr-3">
                <a className="text-blue-800 underline" href={file.path}>
                  {t(file.report)}
                </a>
              </td>
              <td className="py-2 pr-3" lang={file.lang}>
                {languageNames[file.lang]}
              </td>
              <td className="py-2 pr-3 whitespace-nowrap">{t("bytes", { count: file.byteLength })}</td>
              <td className="py-2 pr-3 font-mono text-xs break-all">{file.sha256}</td>
              <td className="py-2">
                {file.matches ? (
                  <span>✓ {t("matches")}</span>
                ) : (
                  <span className="font-medium text-red-900">
                    ✗ {t("differs")}
                    <span className="block font-mono text-xs font-normal break-all">{file.currentSha256}</span>
                  </span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="mt-3 text-sm text-slate-700">{t("checkedOn", { date: `${moment(snapshot.checkedAt)} UTC` })}</p>
      {anyDiffers ? <p className="mt-3 max-w-prose rounded border-l-4 border-red-900 bg-red-50 p-3">{t("differsExplained")}</p> : null}
    </PublicShell>
  );
}
