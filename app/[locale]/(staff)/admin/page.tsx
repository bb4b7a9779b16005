import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { Link } from "@/i18n/navigation";
import { getStaffDashboard, staleAfterDays, type AttentionItem } from "@/lib/milestones/dashboard";
import { localeOr, inLocale } from "@/lib/translations";
import { HistoryList } from "./_components/history-list";
import { staffUserOrSignIn } from "../staff-access";

const shownPerList = 15;

export default async function DashboardPage({ params }: PageProps<"/[locale]/admin">) {
  const locale = localeOr((await params).locale);
  setRequestLocale(locale);
  const [t, common, format, dashboard] = await Promise.all([
    getTranslations("Staff"),
    getTranslations("Common"),
    getFormatter(),
    getStaffDashboard(await staffUserOrSignIn(locale, `/${locale}/admin`)),
  ]);
  const list = (items: AttentionItem[], detail: (item: AttentionItem) => string) =>
    items.length === 0 ? (
      <p className="text-slate-600">{t("dashboard.nothing")}</p>
    ) : (
      <>
        <ul className="divide-y divide-slate-200">
          {items.slice(0, shownPerList).map((item) => (
            <li key={item.slug} className="py-2">
              <Link href={`/admin/milestones/${item.slug}/progress`} className="underline">
                {inLocale(item.title, locale).text}
              </Link>
              <span className="block text-sm text-slate-600">
                {common(`status.${item.status}`)} · {item.progress} % · {detail(item)}
              </span>
            </li>
          ))}
        </ul>
        {items.length > shownPerList ? <p className="mt-2 text-sm text-slate-600">{t("dashboard.andMore", { count: items.length - shownPerList })}</p> : null}
      </>
    );
  const day = (date: Date) => format.dateTime(date, { dateStyle: "medium" });
  return (
    <>
      <h1 className="mb-6 text-2xl font-semibold">{t("dashboard.title")}</h1>
      <div className="grid gap-6 md:grid-cols-2">
        <section className="rounded border border-slate-300 bg-white p-4">
          <h2 className="text-lg font-semibold">
            {t("dashboard.overdue")} ({dashboard.overdue.length})
          </h2>
          <p className="mb-2 text-sm text-slate-600">{t("dashboard.overdueHint")}</p>
          {list(dashboard.overdue, (item) => (item.targetDate ? t("dashboard.target", { date: day(item.targetDate) }) : ""))}
        </section>
        <section className="rounded border border-slate-300 bg-white p-4">
          <h2 className="text-lg font-semibold">
            {t("dashboard.stale", { days: staleAfterDays })} ({dashboard.stale.length})
          </h2>
          <p className="mb-2 text-sm text-slate-600">{t("dashboard.staleHint", { days: staleAfterDays })}</p>
          {list(dashboard.stale, (item) => (item.lastUpdateOn ? t("dashboard.lastUpdate", { date: day(item.lastUpdateOn) }) : t("dashboard.neverUpdated")))}
        </section>
      </div>
      <section className="mt-8">
        <h2 className="mb-3 text-lg font-semibold">{t("dashboard.recentActivity")}</h2>
        <HistoryList entries={dashboard.recentActivity} showMilestone />
      </section>
    </>
  );
}
