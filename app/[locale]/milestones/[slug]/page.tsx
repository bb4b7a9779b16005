import type { Metadata } from "next";
import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { publicMetadata } from "@/components/public/metadata";
import { notFoundMetadata, ServerRenderedNotFound } from "@/components/public/not-found-page";
import { LocalizedText } from "@/components/public/localized-text";
import { PublicShell } from "@/components/public/public-shell";
import { OverdueBadge, StatusBadge, StatusChange } from "@/components/public/status-badge";
import { publicMilestone, publicWithdrawal } from "@/lib/public/cached-reads";
import type { PublicProgressUpdate, PublicReschedule, PublicWithdrawal } from "@/lib/public/read-models";
import { inLocale, noteTranslations, type Locale } from "@/lib/translations";

// Rendered on its first visit, then served from the page cache until the database announces a
// change to this milestone: everything here is read under its tag alone
// ("public:milestone:<slug>"), so other milestones' changes leave it be.
export function generateStaticParams() {
  return [];
}

export async function generateMetadata({ params }: PageProps<"/[locale]/milestones/[slug]">): Promise<Metadata> {
  const { locale, slug } = (await params) as { locale: Locale; slug: string };
  const milestone = await publicMilestone(slug);
  if (!milestone) {
    if (!(await publicWithdrawal(slug))) return notFoundMetadata(locale);
    const t = await getTranslations({ locale, namespace: "Public.milestone" });
    return { title: t("withdrawnTitle"), robots: { index: false } };
  }
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
  if (!milestone) {
    const withdrawal = await publicWithdrawal(slug);
    return withdrawal ? <WithdrawnMilestone locale={locale} withdrawal={withdrawal} /> : <ServerRenderedNotFound locale={locale} />;
  }
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
          {milestone.overdue ? <OverdueBadge /> : null}
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
            <dd>
              {milestone.targetDate ? <time dateTime={milestone.targetDate}>{date(milestone.targetDate)}</time> : t("notSet")}
              {milestone.overdue && milestone.targetDate ? (
                <span className="block text-sm text-red-900">{t("overdue", { date: date(milestone.targetDate) })}</span>
              ) : null}
            </dd>
          </div>
          {milestone.originalTargetDate ? (
            <div className={row}>
              <dt className="font-semibold">{t("originalTarget")}</dt>
              <dd data-original-target>
                <time dateTime={milestone.originalTargetDate}>{date(milestone.originalTargetDate)}</time> (
                {t("timesRescheduled", { count: milestone.timesRescheduled })})
              </dd>
            </div>
          ) : null}
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
          {milestone.history.length + milestone.reschedules.length === 0 ? (
            <p className="mt-3 text-slate-700">{t("historyEmpty")}</p>
          ) : (
            <ol className="history mt-4 space-y-4">
              {historyEntries(milestone.history, milestone.reschedules).map((entry) =>
                entry.kind === "progress" ? (
                  <li key={`progress-${entry.update.id}`} className="rounded-lg border border-slate-300 p-4">
                    <p className="font-semibold">
                      <time dateTime={entry.update.happenedOn}>{date(entry.update.happenedOn)}</time>
                    </p>
                    <ul className="mt-2 space-y-1 text-sm">
                      <li className="flex flex-wrap items-center gap-1.5">
                        {t("statusLabel")}
                        <StatusChange from={entry.update.statusBefore} to={entry.update.statusAfter} />
                      </li>
                      {entry.update.progressBefore !== entry.update.progressAfter ? (
                        <li>{t("progressChange", { from: percent(entry.update.progressBefore), to: percent(entry.update.progressAfter) })}</li>
                      ) : null}
                    </ul>
                    {noteTranslations(entry.update) ? (
                      <p className="mt-2 max-w-prose whitespace-pre-line">
                        <LocalizedText text={noteTranslations(entry.update)!} locale={locale} />
                      </p>
                    ) : (
                      <p className="mt-2 text-sm text-slate-700">{t("noteInternal")}</p>
                    )}
                    {entry.update.evidenceUrl ? (
                      <p className="mt-2 text-sm">
                        <a className="source-link text-blue-800 underline" href={entry.update.evidenceUrl}>
                          {t("evidence")}
                        </a>
                      </p>
                    ) : null}
                  </li>
                ) : (
                  <li key={`reschedule-${entry.reschedule.id}`} className="rounded-lg border border-slate-300 p-4" data-reschedule>
                    <p className="font-semibold">
                      <time dateTime={entry.day}>{date(entry.day)}</time>
                    </p>
                    <p className="mt-2 text-sm">
                      {entry.reschedule.targetDateBefore
                        ? `${t("rescheduled")}: ${t("rescheduledChange", {
                            from: date(entry.reschedule.targetDateBefore),
                            to: entry.reschedule.targetDateAfter ? date(entry.reschedule.targetDateAfter) : t("noDate"),
                          })}`
                        : t("targetSet", { to: entry.reschedule.targetDateAfter ? date(entry.reschedule.targetDateAfter) : t("noDate") })}
                    </p>
                    {entry.reschedule.reason ? (
                      <p className="mt-2 max-w-prose whitespace-pre-line">{t("reason", { reason: entry.reschedule.reason })}</p>
                    ) : null}
                  </li>
                ),
              )}
            </ol>
          )}
        </section>
      </article>
    </PublicShell>
  );
}

type HistoryItem = { kind: "progress"; day: string; update: PublicProgressUpdate } | { kind: "reschedule"; day: string; reschedule: PublicReschedule };

/** Progress updates (by the day they happened) and moves of the target date (by the day they were recorded), newest first. */
function historyEntries(history: PublicProgressUpdate[], reschedules: PublicReschedule[]): HistoryItem[] {
  const items: HistoryItem[] = [
    ...history.map((update) => ({ kind: "progress" as const, day: update.happenedOn, update })),
    ...reschedules.map((reschedule) => ({ kind: "reschedule" as const, day: reschedule.recordedAt.slice(0, 10), reschedule })),
  ];
  // Stable: each kind keeps its own order within a day.
  return items.sort((a, b) => (a.day < b.day ? 1 : a.day > b.day ? -1 : 0));
}

/** All the public is told of a milestone withdrawn from tracking: that it was, when and why. */
async function WithdrawnMilestone({ locale, withdrawal }: { locale: Locale; withdrawal: PublicWithdrawal }) {
  const [t, format] = await Promise.all([getTranslations("Public.milestone"), getFormatter()]);
  return (
    <PublicShell locale={locale} path={`/milestones/${withdrawal.slug}`} current="milestones">
      <article className="mt-4" data-withdrawn>
        <h1 className="text-2xl font-bold sm:text-3xl">{t("withdrawnTitle")}</h1>
        <p className="mt-4 max-w-prose">
          {t("withdrawnBody", { date: format.dateTime(new Date(`${withdrawal.withdrawnOn}T00:00:00Z`), { dateStyle: "long" }) })}
        </p>
        <p className="mt-2 max-w-prose whitespace-pre-line">
          {withdrawal.reason ? t("withdrawnReason", { reason: withdrawal.reason }) : t("withdrawnNoReason")}
        </p>
        <p className="mt-6">
          <a className="text-blue-800 underline" href={`/${locale}/milestones`}>
            {t("backToList")}
          </a>
        </p>
      </article>
    </PublicShell>
  );
}
