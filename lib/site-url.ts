import "server-only";
/**
 * The public address of the tracker, for absolute links in metadata, feeds and
 * the sitemap: SITE_URL when set (https://roadmap.example.org), else the
 * address the request came to, else the local server.
 */
export function siteUrl(request?: Request): URL {
  const configured = process.env.SITE_URL?.trim();
  if (configured && URL.canParse(configured)) return new URL(configured.endsWith("/") ? configured : `${configured}/`);
  if (request) return new URL("/", request.url);
  return new URL(`http://localhost:${process.env.PORT ?? 3000}/`);
}
