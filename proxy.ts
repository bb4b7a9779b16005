import { NextRequest, NextResponse } from "next/server";
import createMiddleware from "next-intl/middleware";
import { routing } from "./i18n/routing";
import { cachedListViewPath } from "./lib/public/list-view";
import { isAnnualPeriod } from "./lib/reports/annual-period";
import { baseSecurityHeaders, contentSecurityPolicy, isHttps, needsNonce } from "./lib/security-headers.js";

// Sends "/" and other unprefixed pages to the visitor's language.
const localize = createMiddleware(routing);

/** Where the sign-in form may send the browser: the single sign-on provider. */
function singleSignOnOrigin(): string[] {
  try {
    return process.env.AUTH_OIDC_ISSUER ? [new URL(process.env.AUTH_OIDC_ISSUER).origin] : [];
  } catch {
    return [];
  }
}

const annualReportPath = new RegExp(`^/(${routing.locales.join("|")})/reports/annual/([^/]+)/?$`);

/**
 * For an annual report of a year it cannot cover, the address of the 404 page
 * drawn by the catch-all (app/[locale]/[...rest]). The report page is dynamic,
 * and a dynamic page's own 404 leaves its body to scripts that public pages
 * do not run (components/public/not-found-page.tsx).
 */
function missingAnnualReport(pathname: string, searchParams: URLSearchParams): string | null {
  const [, locale, year] = annualReportPath.exec(pathname) ?? [];
  if (!locale || !year) return null;
  let exists = false;
  try {
    exists = isAnnualPeriod(decodeURIComponent(year), searchParams.getAll("basis"));
  } catch {
    // Malformed percent-encoding names no year.
  }
  return exists ? null : `/${locale}/not-found`;
}

export default function proxy(request: NextRequest): NextResponse {
  const https = isHttps(request.nextUrl, request.headers);
  const nonce = needsNonce(request.nextUrl.pathname) ? Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64") : null;
  const policy = contentSecurityPolicy({
    nonce,
    https,
    development: process.env.NODE_ENV === "development",
    formTargets: nonce ? singleSignOnOrigin() : [],
  });
  // Next reads the nonce from the request's policy header and adds it to its scripts.
  const forwarded = nonce ? new NextRequest(request, { headers: new Headers([...request.headers, ["content-security-policy", policy]]) }) : request;
  // A list view without free text is served from its cached page (lib/public/list-view.ts), and
  // an annual report that cannot exist from the cached 404 page.
  const rewrite =
    cachedListViewPath(request.nextUrl.pathname, request.nextUrl.searchParams) ?? missingAnnualReport(request.nextUrl.pathname, request.nextUrl.searchParams);
  const response = rewrite ? NextResponse.rewrite(new URL(rewrite, request.url)) : localize(forwarded);
  response.headers.set("Content-Security-Policy", policy);
  for (const [name, value] of Object.entries(baseSecurityHeaders(https))) response.headers.set(name, value);
  return response;
}

export const config = {
  // Only what needs it: "/" and unprefixed addresses (sent to a language), the
  // list (its cached views), annual reports (a year they cannot cover), staff
  // and sign-in pages (a nonce) and unknown addresses. Not the overview or
  // milestone pages, whose headers come from next.config.js: the proxy would
  // cost them two thirds of their speed (npm run bench). Not the API, Next's
  // assets, feeds, files or the health checks. The languages are those of i18n/routing.ts.
  matcher: ["/((?!api|healthz|readyz|_next|_vercel|.*\\..*|(?:en|es|ja)(?:/milestones/|$)).*)"],
};
