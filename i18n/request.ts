import { getRequestConfig } from "next-intl/server";
import { localeOr } from "@/lib/translations";

// Messages are kept in one file per area of the tracker (messages/<locale>/<area>.json).
const areas = ["common", "public", "staff", "reports"] as const;

export default getRequestConfig(async ({ requestLocale }) => {
  const requested = await requestLocale;
  const locale = localeOr(requested);
  const parts = await Promise.all(areas.map(async (area) => (await import(`../messages/${locale}/${area}.json`)).default as Record<string, unknown>));
  return {
    locale,
    messages: Object.assign({}, ...parts),
    // Milestone dates are calendar days stored at UTC midnight.
    timeZone: "UTC",
  };
});
