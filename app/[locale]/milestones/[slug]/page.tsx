import type { Metadata } from "next";
import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { publicMetadata } from "@/components/public/metadata";
import { notFoundMetadata, ServerRenderedNotFound } from "@/components/public/not-found-page";
import { LocalizedText } from "@/components/public/localized-text";
import { PublicShell } from "@/components/public/public-shell";
import { StatusBadge, StatusChange } from "@/components/public/status-badge";
import { publicMilestone } from "@/lib/public/cached-reads";
import { inLocale, type Locale } from "@/lib/translations";

// Rendered on its first visit, then served from the page cache until the database announces a
// change to this milestone: everything here is read under its tag alone
// ("public:milestone:<slug>"), so other milestones' changes leave it be.
export function generateStaticParams() {
  return [];
}

export async function generateMetadata({ params }: PageProps<"/[locale]/milestones/[slug]">): Promise<Metadata> {
  const { locale, slug } = (await params) as { locale: Locale; slug: string };
  const milestone = await publicMilestone(slug);
  if (!milestone) return notFoundMetadata(locale);
  return publicMetadata({
    locale,
    path: `/milestones/${slug}`,
    title: inLocale(milestone.title, locale).text,
    description: inLocale(milestone.summary, locale).text.slice(0, 300),
  });
}

export default async function MilestonePage({ params }: PageProps<"/[locale]/milestones/[slug]">) {
  const { locale, slug } = (await params) as { locale: Locale; slug: string };
  setRequestLocale(locale);
  const [milestone, t, tStatus, tKind, format] = await Promise.all([
    publicMilestone(slug),
    getTranslations("Public.milestone"),
    getTranslations("Common.status"),
    getTranslations("Public.kind"),
    getFormatter(),
  ]);
  if (!milestone) return <ServerRenderedNotFound locale={locale} />;
  const date = (isoDay: string) => format.dateTime(new Date(`${isoDay}T00:00:00Z`), { dateStyle: "long" });
  const percent = (value: number) => format.number(value / 100, { style: "percent" });
  const partyA = inLocale(milestone.parties.a, locale).text;
  const partyB = inLocale(milestone.parties.b, locale).text;
  const agencies = [
    milestone.leadAgencyA ? t("leadAgencyA", { party: partyA, agency: milestone.leadAgencyA }) : null,
    milestone.leadAgencyB ? t("leadAgencyA", { party: partyB, agency: milestone.leadAgencyB }) : null,
  ].filter((line): line is string => line !== null);
  const row = "grid gap-1 border-b border-slate-200 py-2 sm:grid-cols-[12rem_1fr]";

  return (
    <PublicShell locale={locale} path={`/milestones/${slug}`} current="milestones">
      <p className="print-hidden">
        <a className="text-blue-800 underline" href={`/${locale}/milestones`}>
          ← {t("backToList")}
        </a>
      </p>
      <article className="mt-4">
        <h1 className="text-2xl leading-snug font-bold text-balance sm:text-3xl">
          <LocalizedText text={milestone.title} locale={locale} />
        </h1>
        <div className="mt-3 flex flex-wrap items-center gap-3">
          <StatusBadge status={milestone.status} />
          <span className="text-sm text-slate-700">{t("lastUpdated", { date: format.dateTime(new Date(milestone.updatedAt), { dateStyle: "long" }) })}</span>
        </div>
        <p className="mt-4 max-w-prose leading-relaxed text-slate-800">
          <LocalizedText text={milestone.summary} locale={locale} />
        </p>

        <dl className="mt-6 border-t border-slate-200">
          <div className={row}>
            <dt className="font-semibold">{t("pillar")}</dt>
            <dd>
              <a className="text-blue-800 underline" href={`/${locale}/milestones?pillar=${milestone.pillar.slug}`}>
                {milestone.pillar.position}. <LocalizedText text={milestone.pillar.name} locale={locale} />
              </a>
            </dd>
          </div>
          <div className={row}>
            <dt className="font-semibold">{t("kind")}</dt>
            <dd>{tKind(milestone.kind)}</dd>
          </div>
          <div className={row}>
            <dt className="font-semibold">{t("status")}</dt>
            <dd>{tStatus(milestone.status)}</dd>
          </div>
          <div className={row}>
            <dt className="font-semibold" id="progress-label">
              {t("progress")}
            </dt>
            <dd className="flex items-center gap-3">
              <progress className="h-2 w-40" max={100} value={milestone.progress} aria-labelledby="progress-label" />
              <span>{percent(milestone.progress)}</span>
            </dd>
          </div>
          <div className={row}>
            <dt className="font-semibold">{t("targetDate")}</dt>
            <dd>{milestone.targetDate ? <time dateTime={milestone.targetDate}>{date(milestone.targetDate)}</time> : t("notSet")}</dd>
          </div>
          {milestone.completedOn ? (
            <div className={row}>
              <dt className="font-semibold">{t("completedOn")}</dt>
              <dd>
                <time dateTime={milestone.completedOn}>{date(milestone.completedOn)}</time>
              </dd>
            </div>
          ) : null}
          {agencies.length > 0 ? (
            <div className={row}>
              <dt className="font-semibold">{t("leadAgencies")}</dt>
              <dd>
                <ul>
                  {agencies.map((line) => (
                    <li key={line}>{line}</li>
                  ))}
                </ul>
              </dd>
            </div>
          ) : null}
          {milestone.location ? (
            <div className={row}>
              <dt className="font-semibold">{t("location")}</dt>
              <dd>{milestone.location}</dd>
            </div>
          ) : null}
          <div className={row}>
            <dt className="font-semibold">{t("source")}</dt>
            <dd className="break-words">
              <a className="source-link text-blue-800 underline" href={milestone.sourceUrl}>
                {t("sourceLink")}
              </a>
            </dd>
          </div>
        </dl>

        <section aria-labelledby="history-heading" className="mt-10">
          <h2 id="history-heading" className="text-xl font-bold">
            {t("historyHeading")}
          </h2>
          {milestone.history.length === 0 ? (
            <p className="mt-3 text-slate-700">{t("historyEmpty")}</p>
          ) : (
            <ol className="history mt-4 space-y-4">
              {milestone.history.map((update) => (
                <li key={update.id} className="rounded-lg border border-slate-300 p-4">
                  <p className="font-semibold">
                    <time dateTime={update.happenedOn}>{date(update.happenedOn)}</time>
                  </p>
                  <ul className="mt-2 space-y-1 text-sm">
                    <li className="flex flex-wrap items-center gap-1.5">
                      {t("statusLabel")}
                      <StatusChange from={update.statusBefore} to={update.statusAfter} />
                    </li>
                    {update.progressBefore !== update.progressAfter ? (
                      <li>{t("progressChange", { from: percent(update.progressBefore), to: percent(update.progressAfter) })}</li>
                    ) : null}
                  </ul>
                  {update.note ? <p className="mt-2 max-w-prose">{update.note}</p> : <p className="mt-2 text-sm text-slate-700">{t("noteInternal")}</p>}
                  {update.evidenceUrl ? (
                    <p className="mt-2 text-sm">
                      <a className="source-link text-blue-800 underline" href={update.evidenceUrl}>
                        {t("evidence")}
                      </a>
                    </p>
                  ) : null}
                </li>
              ))}
            </ol>
          )}
        </section>
      </article>
    </PublicShell>
  );
}
