// GET /calendar.ics — iCalendar feed of the upcoming public dialogues and events (all-day, on their target date); ?lang=es|ja.
import { getTranslations } from "next-intl/server";
import { iCalendar } from "@/lib/public/feeds";
import { feedLocale, openDataHeaders } from "@/lib/open-data";
import { eventKinds, todayUtc } from "@/lib/public/read-models";
import { publicUpcoming } from "@/lib/public/cached-reads";
import { siteUrl } from "@/lib/site-url";

/** How far ahead the calendar looks: to the end of the Road Map and beyond. */
const horizonDays = 366 * 10;

export async function GET(request: Request) {
  const locale = feedLocale(new URL(request.url).searchParams);
  if (locale instanceof Response) return locale;
  const [common, events] = await Promise.all([getTranslations({ locale, namespace: "Common" }), publicUpcoming(todayUtc(), horizonDays, eventKinds)]);
  const body = iCalendar({ locale, origin: siteUrl(request), name: common("siteName"), events });
  return new Response(body, {
    headers: { ...openDataHeaders, "Content-Type": "text/calendar; charset=utf-8", "Content-Disposition": 'inline; filename="roadmap-calendar.ics"' },
  });
}
