import { NextRequest, type NextResponse } from "next/server";
import createMiddleware from "next-intl/middleware";
import { routing } from "./i18n/routing";
import { baseSecurityHeaders, contentSecurityPolicy, isHttps, needsNonce } from "./lib/security-headers";

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
  const response = localize(forwarded);
  response.headers.set("Content-Security-Policy", policy);
  for (const [name, value] of Object.entries(baseSecurityHeaders(https))) response.headers.set(name, value);
  return response;
}

export const config = {
  // Pages only: not the API, Next's assets, feeds or any file with an extension.
  matcher: ["/((?!api|_next|_vercel|.*\\..*).*)"],
};
