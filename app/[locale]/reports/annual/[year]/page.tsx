import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { Link } from "@/i18n/navigation";
import { InvalidParameterError } from "@/lib/errors";
import { basisParameter } from "@/lib/reports/annual-period";
import { annualSections, getAnnualReport, type AnnualReport } from "@/lib/reports/annual";
import { localeOr, inLocale } from "@/lib/translations";

// The monitoring working group's annual report, printable: per pillar, what was
// completed, what was due and not delivered, what is in progress, delayed or at
// risk, and what comes next. Years outside the adoption year to the current one
// never reach this page: the proxy rewrites them to the 404 page
// (lib/reports/annual-period.ts), and the data layer refuses them again.

async function loadReport(year: string, basis: string | string[] | undefined): Promise<AnnualReport> {
  try {
    return await getAnnualReport(null, { year, basis: basisParameter(basis) });
  } catch (error) {
    if (error instanceof InvalidParameterError) notFound();
    throw error;
  }
}

async function periodName(report: Pick<AnnualReport, "year" | "basis">) {
  const t = await getTranslations("Reports.annual");
  return report.basis === "fiscal" ? t("fiscalYear", { year: report.year, nextYear: report.year + 1 }) : t("calendarYear", { year: report.year });
}

export async function generateMetadata({ params, searchParams }: PageProps<"/[locale]/reports/annual/[year]">): Promise<Metadata> {
  const [{ year }, { basis }] = await Promise.all([params, searchParams]);
  const t = await getTranslations("Reports.annual");
  return { title: t("title", { period: await periodName({ year: Number(year), basis: basis === "fiscal" ? "fiscal" : "calendar" }) }) };
}

export default async function AnnualReportPage({ params, searchParams }: PageProps<"/[locale]/reports/annual/[year]">) {
  const [{ locale, year }, { basis }] = await Promise.all([params, searchParams]);
  setRequestLocale(locale);
  await connection();
  const report = await loadReport(year, basis);
  const [t, format] = await Promise.all([getTranslations("Reports"), getFormatter()]);
  const lang = localeOr(locale);
  const day = (date: Date) => format.dateTime(date, { dateStyle: "long" });
  const csv = `/api/v1/exports/annual.csv?year=${report.year}&basis=${report.basis}&lang=${lang}`;
  return (
    <main className="mx-auto max-w-4xl p-8 print:max-w-none print:p-0 print:text-[11pt]">
      <h1 className="text-2xl font-semibold">{t("annual.title", { period: await periodName(report) })}</h1>
      {report.provisional ? (
        <p className="mt-2 rounded border-l-4 border-amber-700 bg-amber-50 p-2 text-slate-900" data-provisional>
          {t("annual.provisional", { date: day(report.asOf) })}
        </p>
      ) : (
        <p className="mt-2 text-slate-700">{t("annual.asOf", { date: day(report.end) })}</p>
      )}
      <nav className="mt-4 flex flex-wrap gap-4 text-sm print:hidden">
        <Link
          className="underline"
          href={{ pathname: `/reports/annual/${report.year}`, query: { basis: "calendar" } }}
          aria-current={report.basis === "calendar" ? "page" : undefined}
        >
          {t("annual.calendarLink")}
        </Link>
        <Link
          className="underline"
          href={{ pathname: `/reports/annual/${report.year}`, query: { basis: "fiscal" } }}
          aria-current={report.basis === "fiscal" ? "page" : undefined}
        >
          {t("annual.fiscalLink")}
        </Link>
        <a className="underline" href={csv} download>
          {t("annual.download")}
        </a>
      </nav>
      <p className="mt-2 text-sm text-slate-600 print:hidden">{t("annual.print")}</p>
      {report.pillars.map((pillar) => (
        <section key={pillar.slug} className="mt-8 break-inside-avoid-page" data-pillar={pillar.slug}>
          <h2 className="border-b border-slate-300 text-xl font-semibold">
            {pillar.position}. {inLocale(pillar.name, lang).text}
          </h2>
          {annualSections.map((section) => (
            <div key={section} className="mt-4" data-section={section}>
              <h3 className="font-semibold">{t(`sections.${section}`)}</h3>
              {pillar.sections[section].length === 0 ? (
                <p className="text-sm text-slate-600">{t("annual.none")}</p>
              ) : (
                <ul className="mt-1 space-y-2">
                  {pillar.sections[section].map((item) => (
                    <li key={item.slug} className="break-inside-avoid">
                      <span className="font-medium">{inLocale(item.title, lang).text}</span>
                      <span className="text-sm text-slate-700">
                        {" — "}
                        {t(`status.${item.status}`)}, {item.progress}%
                        {item.completedOn
                          ? `, ${t("annual.completedOn", { date: day(item.completedOn) })}`
                          : item.targetDate
                            ? `, ${t("annual.target", { date: day(item.targetDate) })}`
                            : ""}
                      </span>
                      {item.notes.length > 0 && (
                        <ul className="ml-4 list-disc text-sm text-slate-700">
                          {item.notes.map((note, index) => (
                            <li key={index} className="whitespace-pre-line">
                              <time dateTime={note.on.toISOString().slice(0, 10)}>{day(note.on)}</time>: {inLocale(note.text, lang).text}
                            </li>
                          ))}
                        </ul>
                      )}
                    </li>
                  ))}
                </ul>
              )}
            </div>
          ))}
        </section>
      ))}
    </main>
  );
}
