import type { Metadata } from "next";
import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { publicMetadata } from "@/components/public/metadata";
import { LocalizedText } from "@/components/public/localized-text";
import { PublicShell } from "@/components/public/public-shell";
import { OverdueIcon, StatusBadge, StatusChange, StatusIcon } from "@/components/public/status-badge";
import { Timeline } from "@/components/public/timeline";
import { milestoneStatuses } from "@/lib/vocabulary";
import { isoDay, todayUtc } from "@/lib/dates";
import { publicRecentUpdates, publicRoadmap, publicTimeline, publicUpcoming } from "@/lib/public/cached-reads";
import { localeOr, inLocale } from "@/lib/translations";

// Rendered on its first visit, then served from the page cache until the database announces a
// change to the lists (tag "public:lists") or the day changes: "today" and "coming up" move.

const upcomingDays = 90;

export async function generateMetadata({ params }: PageProps<"/[locale]">): Promise<Metadata> {
  const locale = localeOr((await params).locale);
  const [common, t] = await Promise.all([getTranslations({ locale, namespace: "Common" }), getTranslations({ locale, namespace: "Public.overview" })]);
  return { ...publicMetadata({ locale, path: "", title: common("siteName"), description: t("metaDescription") }), title: { absolute: common("siteName") } };
}

export default async function OverviewPage({ params }: PageProps<"/[locale]">) {
  const locale = localeOr((await params).locale);
  setRequestLocale(locale);
  const today = isoDay(todayUtc());
  const [common, t, tStatus, format, roadmap, timeline, recent, upcoming] = await Promise.all([
    getTranslations("Common"),
    getTranslations("Public.overview"),
    getTranslations("Common.status"),
    getFormatter(),
    publicRoadmap(),
    publicTimeline(),
    publicRecentUpdates(10),
    publicUpcoming(today, upcomingDays),
  ]);
  if (!roadmap) {
    return (
      <PublicShell locale={locale} path="" current="overview">
        <p>{common("notLoaded")}</p>
      </PublicShell>
    );
  }
  const date = (isoDay: string) => format.dateTime(new Date(`${isoDay}T00:00:00Z`), { dateStyle: "long" });
  return (
    <PublicShell locale={locale} path="" current="overview">
      <h1 className="text-2xl leading-snug font-bold text-balance sm:text-3xl">
        <LocalizedText text={roadmap.title} locale={locale} />
      </h1>
      <dl className="mt-4 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
        <dt className="font-semibold">{t("parties")}</dt>
        <dd>
          {inLocale(roadmap.partyA, locale).text} · {inLocale(roadmap.partyB, locale).text}
        </dd>
        <dt className="font-semibold">{t("adoptedOn")}</dt>
        <dd>{date(roadmap.adoptedOn)}</dd>
        <dt className="font-semibold">{t("period")}</dt>
        <dd>{t("periodValue", { firstYear: roadmap.firstYear, lastYear: roadmap.lastYear })}</dd>
      </dl>
      {roadmap.summary ? (
        <p className="mt-4 max-w-prose leading-relaxed text-slate-800">
          <LocalizedText text={roadmap.summary} locale={locale} />
        </p>
      ) : null}
      <p className="mt-3">
        <a className="text-blue-800 underline" href={roadmap.sourceUrl}>
          {t("source")}
        </a>
      </p>

      <section aria-labelledby="pillars-heading" className="mt-10">
        <h2 id="pillars-heading" className="text-xl font-bold">
          {t("pillarsHeading")}
        </h2>
        <ol className="mt-4 grid gap-4 sm:grid-cols-2">
          {roadmap.pillars.map((pillar) => {
            const share = pillar.total === 0 ? 0 : pillar.counts.completed / pillar.total;
            return (
              <li key={pillar.slug} data-pillar={pillar.slug} className="pillar-card rounded-lg border border-slate-300 p-4">
                <h3 className="font-semibold">
                  {pillar.position}. <LocalizedText text={pillar.name} locale={locale} />
                </h3>
                <p className="mt-1 text-sm text-slate-700">
                  {common("milestoneCount", { count: pillar.total })} · {t("completedShare", { share: format.number(share, { style: "percent" }) })}
                </p>
                <svg className="mt-2 h-2 w-full" viewBox="0 0 100 2" preserveAspectRatio="none" aria-hidden="true" focusable="false">
                  <rect width="100" height="2" fill="#e2e8f0" />
                  <rect width={Math.round(share * 100)} height="2" fill="#15803d" />
                </svg>
                <dl className="mt-3 flex flex-wrap gap-x-4 gap-y-1 text-sm" aria-label={t("byStatus")}>
                  {milestoneStatuses
                    .filter((status) => pillar.counts[status] > 0)
                    .map((status) => (
                      <div key={status} className="flex items-center gap-1.5">
                        <dt className="flex items-center gap-1.5">
                          <StatusIcon status={status} />
                          {t("statusCount", { status: tStatus(status) })}
                        </dt>
                        <dd className="font-semibold">{format.number(pillar.counts[status])}</dd>
                      </div>
                    ))}
                </dl>
                {pillar.overdue > 0 ? (
                  <p className="mt-2 flex items-center gap-1.5 text-sm text-red-900" data-overdue={pillar.overdue}>
                    <OverdueIcon />
                    <a className="underline" href={`/${locale}/milestones?pillar=${pillar.slug}&overdue=1`}>
                      {t("overdueCount", { count: format.number(pillar.overdue) })}
                    </a>
                  </p>
                ) : null}
                <p className="mt-3 text-sm">
                  <a className="text-blue-800 underline" href={`/${locale}/milestones?pillar=${pillar.slug}`}>
                    {t("seeMilestones", { count: pillar.total })}
                  </a>
                </p>
              </li>
            );
          })}
        </ol>
      </section>

      <section aria-labelledby="timeline-heading" className="mt-10">
        <h2 id="timeline-heading" className="mb-4 text-xl font-bold">
          {t("timelineHeading")}
        </h2>
        <Timeline locale={locale} firstYear={roadmap.firstYear} lastYear={roadmap.lastYear} pillars={roadmap.pillars} milestones={timeline} today={today} />
      </section>

      <div className="mt-10 grid gap-10 md:grid-cols-2">
        <section aria-labelledby="recent-heading">
          <h2 id="recent-heading" className="text-xl font-bold">
            {t("recentHeading")}
          </h2>
          {recent.length === 0 ? (
            <p className="mt-3 text-slate-700">{t("recentEmpty")}</p>
          ) : (
            <ol className="mt-3 space-y-3">
              {recent.map((update) => (
                <li key={update.id} className="border-l-4 border-slate-300 pl-3">
                  <a className="font-medium text-blue-800 underline" href={`/${locale}/milestones/${update.milestone.slug}`}>
                    {inLocale(update.milestone.title, locale).text}
                  </a>
                  <p className="mt-1 flex flex-wrap items-center gap-x-2 gap-y-1 text-sm text-slate-700">
                    <time dateTime={update.happenedOn}>{date(update.happenedOn)}</time>
                    <StatusChange from={update.statusBefore} to={update.statusAfter} />
                    {update.progressBefore !== update.progressAfter ? (
                      <span>
                        {t("progressChange", {
                          from: format.number(update.progressBefore / 100, { style: "percent" }),
                          to: format.number(update.progressAfter / 100, { style: "percent" }),
                        })}
                      </span>
                    ) : null}
                  </p>
                </li>
              ))}
            </ol>
          )}
        </section>

        <section aria-labelledby="upcoming-heading">
          <h2 id="upcoming-heading" className="text-xl font-bold">
            {t("upcomingHeading", { days: upcomingDays })}
          </h2>
          {upcoming.length === 0 ? (
            <p className="mt-3 text-slate-700">{t("upcomingEmpty", { days: upcomingDays })}</p>
          ) : (
            <ol className="mt-3 space-y-3">
              {upcoming.map((milestone) => (
                <li key={milestone.slug} className="border-l-4 border-slate-300 pl-3">
                  <a className="font-medium text-blue-800 underline" href={`/${locale}/milestones/${milestone.slug}`}>
                    {inLocale(milestone.title, locale).text}
                  </a>
                  <p className="mt-1 flex flex-wrap items-center gap-2 text-sm text-slate-700">
                    <time dateTime={milestone.date}>{t("due", { date: date(milestone.date) })}</time>
                    <StatusBadge status={milestone.status} />
                  </p>
                </li>
              ))}
            </ol>
          )}
        </section>
      </div>
    </PublicShell>
  );
}
