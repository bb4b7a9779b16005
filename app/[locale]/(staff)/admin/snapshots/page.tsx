import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { hasRole } from "@/lib/auth/roles";
import { isoDay, lastEndedDay } from "@/lib/dates";
import { getDayLimits } from "@/lib/milestones/roadmap";
import { listSnapshots } from "@/lib/reports/snapshots";
import { localeOr } from "@/lib/translations";
import { FreezeForm } from "./_components/freeze-form";
import { staffUserOrSignIn } from "../../staff-access";

export default async function SnapshotsPage({ params }: PageProps<"/[locale]/admin/snapshots">) {
  const locale = localeOr((await params).locale);
  setRequestLocale(locale);
  const viewer = await staffUserOrSignIn(locale, `/${locale}/admin/snapshots`);
  const [t, format, snapshots, limits] = await Promise.all([getTranslations("Staff.snapshots"), getFormatter(), listSnapshots(), getDayLimits(viewer)]);
  const day = (date: Date) => format.dateTime(date, { dateStyle: "long", timeZone: "UTC" });
  return (
    <>
      <h1 className="mb-2 text-2xl font-semibold">{t("title")}</h1>
      <p className="mb-6 max-w-3xl text-slate-700">{t("intro")}</p>
      {hasRole(viewer, "editor") && limits ? <FreezeForm limits={{ min: limits.happened.min, max: isoDay(lastEndedDay()) }} /> : null}
      <section className="mt-8">
        {snapshots.length === 0 ? (
          <p className="text-slate-600">{t("none")}</p>
        ) : (
          <ul className="divide-y divide-slate-200 bg-white">
            {snapshots.map((snapshot) => (
              <li key={snapshot.slug} className="p-3">
                <a className="font-medium underline" href={`/${locale}/snapshots/${snapshot.slug}`}>
                  {snapshot.name}
                </a>
                <span className="block text-sm text-slate-600">
                  {t("frozenAt", { asOf: day(snapshot.asOf), knownAt: format.dateTime(snapshot.knownAt, { dateStyle: "medium", timeStyle: "short" }) })}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
