// GET /calendar.ics — iCalendar feed of the upcoming public dialogues and events, and the overdue ones (all-day, on their target date); ?lang=es|ja.
import { z } from "zod";
import { getTranslations } from "next-intl/server";
import { isoDay, todayUtc } from "@/lib/dates";
import { answering, feedResponse } from "@/lib/http/responses";
import { langParameter, parseQuery } from "@/lib/http/query";
import { publicCalendarEvents } from "@/lib/public/cached-reads";
import { iCalendar } from "@/lib/public/feeds";
import { eventKinds } from "@/lib/public/read-models";
import { siteUrl } from "@/lib/site-url";

/** How far ahead the calendar looks: to the end of the Road Map and beyond. */
const horizonDays = 366 * 10;

export const GET = answering(async (request: Request) => {
  const { lang: locale } = parseQuery(z.object({ lang: langParameter }), new URL(request.url).searchParams);
  const [common, events] = await Promise.all([
    getTranslations({ locale, namespace: "Common" }),
    publicCalendarEvents(isoDay(todayUtc()), horizonDays, eventKinds),
  ]);
  const body = iCalendar({ locale, origin: siteUrl(request), name: common("siteName"), overdueLabel: common("overdue"), events });
  return feedResponse(body, "text/calendar; charset=utf-8", { "Content-Disposition": 'inline; filename="roadmap-calendar.ics"' });
});
