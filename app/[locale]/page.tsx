import { connection } from "next/server";
import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { MilestoneStatus } from "@/lib/generated/prisma/enums";
import { getRoadmapOverview } from "@/lib/roadmaps";
import { inLocale, type Locale } from "@/lib/translations";

export default async function OverviewPage({ params }: PageProps<"/[locale]">) {
  const locale = (await params).locale as Locale;
  setRequestLocale(locale);
  await connection(); // read at request time: the build never touches a database
  const [t, format, roadmap] = await Promise.all([
    getTranslations("Common"),
    getFormatter(),
    getRoadmapOverview(null),
  ]);
  if (!roadmap) return <main className="mx-auto max-w-4xl p-8">{t("notLoaded")}</main>;
  return (
    <main className="mx-auto max-w-4xl p-8">
      <h1 className="text-2xl font-semibold">{inLocale(roadmap.title, locale).text}</h1>
      <p className="mt-2 text-slate-700">
        {t("adopted", {
          partyA: inLocale(roadmap.partyA, locale).text,
          partyB: inLocale(roadmap.partyB, locale).text,
          date: format.dateTime(roadmap.adoptedOn, { dateStyle: "long" }),
          firstYear: roadmap.firstYear,
          lastYear: roadmap.lastYear,
        })}
      </p>
      <h2 className="mt-8 text-xl font-semibold">{t("pillars")}</h2>
      <ol className="mt-4 space-y-4">
        {roadmap.pillars.map((pillar) => (
          <li key={pillar.slug} className="rounded border border-slate-300 p-4">
            <h3 className="font-semibold">
              {pillar.position}. {inLocale(pillar.name, locale).text}
            </h3>
            <p className="text-sm text-slate-700">{t("milestoneCount", { count: pillar.total })}</p>
            <dl className="mt-2 flex flex-wrap gap-x-6 gap-y-1 text-sm">
              {Object.values(MilestoneStatus).map((status) => (
                <div key={status} className="flex gap-1">
                  <dt>{t(`status.${status}`)}:</dt>
                  <dd className="font-medium">{pillar.counts[status]}</dd>
                </div>
              ))}
            </dl>
          </li>
        ))}
      </ol>
    </main>
  );
}
