import { defineRouting } from "next-intl/routing";
import { locales } from "@/lib/translations";

// The language is always in the URL (/en, /es, /ja) so every link and cached
// page names one language.
export const routing = defineRouting({
  locales,
  defaultLocale: "en",
  localePrefix: "always",
  // No cookie: a cached public page must be the same response for everyone.
  localeCookie: false,
});
