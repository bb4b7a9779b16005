// GET /feed.xml — Atom feed of the latest public progress updates; ?lang=es|ja for the titles in Spanish or Japanese.
import { z } from "zod";
import { getFormatter, getTranslations } from "next-intl/server";
import { answering, feedResponse } from "@/lib/http/responses";
import { langParameter, parseQuery } from "@/lib/http/query";
import { publicRecentUpdates, publicRoadmap } from "@/lib/public/cached-reads";
import { atomFeed } from "@/lib/public/feeds";
import { siteUrl } from "@/lib/site-url";

export const GET = answering(async (request: Request) => {
  const { lang: locale } = parseQuery(z.object({ lang: langParameter }), new URL(request.url).searchParams);
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
  return feedResponse(body, "application/atom+xml; charset=utf-8");
});
