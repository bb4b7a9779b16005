import { locales, type Locale } from "@/lib/translations";

// Shared by the open-data route handlers: JSON and error shapes, headers, the `lang` parameter.

/** Open data: any site may read it; caches must check back, so an editor's change shows at once. */
export const openDataHeaders = {
  "Access-Control-Allow-Origin": "*",
  "Cache-Control": "public, max-age=0, must-revalidate",
};

export function json(body: unknown, status = 200): Response {
  return Response.json(body, { status, headers: openDataHeaders });
}

/** The API's one error shape: `{ error: { parameter, message } }`, `parameter` null when no parameter is at fault. */
export function jsonError(status: number, parameter: string | null, message: string): Response {
  return json({ error: { parameter, message } }, status);
}

/** `lang` of the feeds: en (default), es or ja. */
export function feedLocale(searchParams: URLSearchParams): Locale | Response {
  const lang = searchParams.get("lang");
  if (lang === null || lang === "") return "en";
  if ((locales as readonly string[]).includes(lang)) return lang as Locale;
  return new Response(`lang: must be one of ${locales.join(", ")}\n`, { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}
