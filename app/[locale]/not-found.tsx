import { getLocale } from "next-intl/server";
import { NotFoundPage } from "@/components/public/not-found-page";
import { localeOr } from "@/lib/translations";

// Drawn by the browser only (Next does not server-render this boundary, see
// components/public/not-found-page.tsx); staff pages, which run Next's scripts, rely on it.
export default async function NotFound() {
  return <NotFoundPage locale={localeOr(await getLocale())} />;
}
