import { getFormatter, getTranslations } from "next-intl/server";
import type { DatedMilestone } from "@/lib/public/read-models";
import { MilestoneStatus } from "@/lib/generated/prisma/enums";
import { inLocale, type Locale, type TranslatedText } from "@/lib/translations";
import { StatusIcon, StatusShape } from "./status-badge";

const width = 1000;
const left = 16;
const right = 16;
const top = 8;
const rowHeight = 48;
const axisHeight = 36;

/**
 * The Road Map's years as a server-rendered SVG: one row per pillar, each
 * milestone placed on the day it was completed or is due, drawn by the shape
 * of its status; a dashed line marks today. The same milestones follow as a
 * table, the text alternative.
 */
export async function Timeline({
  locale,
  firstYear,
  lastYear,
  pillars,
  milestones,
  today,
}: {
  locale: Locale;
  firstYear: number;
  lastYear: number;
  pillars: { slug: string; position: number; name: TranslatedText }[];
  milestones: DatedMilestone[];
  today: string;
}) {
  const [t, tStatus, format] = await Promise.all([getTranslations("Public.timeline"), getTranslations("Common.status"), getFormatter()]);
  const start = Date.UTC(firstYear, 0, 1);
  const end = Date.UTC(lastYear + 1, 0, 1);
  const x = (isoDay: string) => left + ((Date.parse(`${isoDay}T00:00:00Z`) - start) / (end - start)) * (width - left - right);
  const height = top + pillars.length * rowHeight + axisHeight;
  const years = Array.from({ length: lastYear - firstYear + 2 }, (_, index) => firstYear + index);
  const todayX = x(today);
  const showToday = todayX >= left && todayX <= width - right;
  // Several milestones on one day in one row are fanned out vertically so each stays visible.
  const seen = new Map<string, number>();
  const placed = milestones.flatMap((milestone) => {
    const row = pillars.findIndex((pillar) => pillar.slug === milestone.pillar.slug);
    if (row < 0) return [];
    const key = `${row}:${milestone.date.slice(0, 7)}`;
    const index = seen.get(key) ?? 0;
    seen.set(key, index + 1);
    const offset = index === 0 ? 0 : (index % 2 === 1 ? -1 : 1) * Math.ceil(index / 2) * 8;
    return [{ milestone, cx: x(milestone.date), cy: top + row * rowHeight + 30 + Math.max(-14, Math.min(14, offset)) }];
  });
  const date = (isoDay: string) => format.dateTime(new Date(`${isoDay}T00:00:00Z`), { dateStyle: "medium" });

  return (
    <figure className="timeline">
      {/* On a phone the drawing keeps a readable size and scrolls sideways. */}
      <div className="timeline-scroll overflow-x-auto" tabIndex={0} role="group" aria-label={t("scroll")}>
        <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby="timeline-title timeline-desc" className="h-auto w-full min-w-[720px]">
          <title id="timeline-title">{t("title", { firstYear, lastYear })}</title>
          <desc id="timeline-desc">{t("description", { count: placed.length })}</desc>
          {pillars.map((pillar, row) => (
            <g key={pillar.slug}>
              <rect x={left} y={top + row * rowHeight} width={width - left - right} height={rowHeight - 4} fill={row % 2 === 0 ? "#f8fafc" : "#f1f5f9"} />
              <text x={left + 6} y={top + row * rowHeight + 15} fontSize="13" fill="#1e293b" fontWeight="600">
                {pillar.position}. {inLocale(pillar.name, locale).text}
              </text>
            </g>
          ))}
          {years.map((year) => {
            const yearX = x(`${year}-01-01`);
            return (
              <g key={year}>
                <line x1={yearX} x2={yearX} y1={top} y2={top + pillars.length * rowHeight} stroke="#cbd5e1" strokeWidth="1" />
                {year <= lastYear ? (
                  <text x={yearX + (x(`${year + 1}-01-01`) - yearX) / 2} y={height - 14} fontSize="13" fill="#334155" textAnchor="middle">
                    {year}
                  </text>
                ) : null}
              </g>
            );
          })}
          {showToday ? (
            <g>
              <line x1={todayX} x2={todayX} y1={top} y2={top + pillars.length * rowHeight} stroke="#0f172a" strokeWidth="1.5" strokeDasharray="4 3" />
              <text x={todayX + 4} y={top + pillars.length * rowHeight + 14} fontSize="12" fill="#0f172a">
                {t("today")}
              </text>
            </g>
          ) : null}
          {placed.map(({ milestone, cx, cy }) => (
            <g key={milestone.slug} transform={`translate(${cx.toFixed(1)} ${cy})`}>
              <title>{`${inLocale(milestone.title, locale).text} — ${tStatus(milestone.status)}, ${date(milestone.date)}`}</title>
              <StatusShape status={milestone.status} />
            </g>
          ))}
        </svg>
      </div>
      <figcaption className="mt-3">
        <p className="sr-only">{t("legend")}</p>
        <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm text-slate-800" aria-label={t("legend")}>
          {Object.values(MilestoneStatus).map((status) => (
            <li key={status} className="inline-flex items-center gap-1.5">
              <StatusIcon status={status} />
              {tStatus(status)}
            </li>
          ))}
          <li className="inline-flex items-center gap-1.5">
            <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true">
              <line x1="8" x2="8" y1="0" y2="16" stroke="#0f172a" strokeWidth="1.5" strokeDasharray="4 3" />
            </svg>
            {t("todayLegend", { date: date(today) })}
          </li>
        </ul>
      </figcaption>
      <details className="timeline-list mt-4 rounded border border-slate-300 p-3">
        <summary className="cursor-pointer font-medium text-blue-800">{t("asList", { count: placed.length })}</summary>
        <table className="mt-3 w-full text-left text-sm">
          <caption className="sr-only">{t("title", { firstYear, lastYear })}</caption>
          <thead>
            <tr className="border-b border-slate-300">
              <th scope="col" className="py-1 pr-3">
                {t("date")}
              </th>
              <th scope="col" className="py-1 pr-3">
                {t("milestone")}
              </th>
              <th scope="col" className="py-1 pr-3">
                {t("pillar")}
              </th>
              <th scope="col" className="py-1">
                {t("status")}
              </th>
            </tr>
          </thead>
          <tbody>
            {placed.map(({ milestone }) => (
              <tr key={milestone.slug} className="border-b border-slate-200 align-top">
                <td className="py-1 pr-3 whitespace-nowrap">{date(milestone.date)}</td>
                <td className="py-1 pr-3">
                  <a className="text-blue-800 underline" href={`/${locale}/milestones/${milestone.slug}`}>
                    {inLocale(milestone.title, locale).text}
                  </a>
                </td>
                <td className="py-1 pr-3">{milestone.pillar.position}</td>
                <td className="py-1">
                  <span className="inline-flex items-center gap-1.5">
                    <StatusIcon status={milestone.status} />
                    {tStatus(milestone.status)}
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
