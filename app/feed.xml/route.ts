// GET /feed.xml — Atom feed of the latest public progress updates; ?lang=es|ja for the titles in Spanish or Japanese.
import { getFormatter, getTranslations } from "next-intl/server";
import { atomFeed } from "@/lib/public/feeds";
import { openDataHeaders, feedLocale } from "@/lib/open-data";
import { publicRecentUpdates, publicRoadmap } from "@/lib/public/cached-reads";
import { siteUrl } from "@/lib/site-url";

export async function GET(request: Request) {
  const locale = feedLocale(new URL(request.url).searchParams);
  if (locale instanceof Response) return locale;
  const [common, tStatus, tOverview, format, entries, roadmap] = await Promise.all([
    getTranslations({ locale, namespace: "Common" }),
    getTranslations({ locale, namespace: "Common.status" }),
    getTranslations({ locale, namespace: "Public.overview" }),
    getFormatter({ locale }),
    publicRecentUpdates(50),
    publicRoadmap(),
  ]);
  const percent = (value: number) => format.number(value / 100, { style: "percent" });
  const body = atomFeed({
    locale,
    origin: siteUrl(request),
    title: `${common("siteName")}: ${tOverview("recentHeading")}`,
    statusLabel: (status) => tStatus(status),
    progressLabel: (from, to) => tOverview("progressChange", { from: percent(from), to: percent(to) }),
    entries,
    fallbackUpdated: roadmap?.adoptedOn ?? "2024-11-17",
  });
  return new Response(body, { headers: { ...openDataHeaders, "Content-Type": "application/atom+xml; charset=utf-8" } });
}
