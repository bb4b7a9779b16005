import { defineRouting } from "next-intl/routing";
import { locales } from "@/lib/translations";

// The language is always in the URL (/en, /es, /ja) so every link and cached
// page names one language.
export const routing = defineRouting({
  locales,
  defaultLocale: "en",
  localePrefix: "always",
});
