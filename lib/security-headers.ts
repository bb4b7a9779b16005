// Security headers for every page. Public pages are cached and work without
// JavaScript (links and GET forms), so in production they allow no script at
// all: the browser does not even download Next's runtime, which those pages
// would only parse and never use. Staff and sign-in pages are rendered per
// request and get a fresh nonce, which Next adds to its own inline scripts.

/** Paths (after the locale) rendered per request for signed-in staff or sign-in. */
const dynamicSections = new Set(["admin", "sign-in", "set-password"]);

export function needsNonce(pathname: string): boolean {
  const [, , section] = pathname.split("/");
  return section !== undefined && dynamicSections.has(section);
}

export function isHttps(url: URL, headers: Headers): boolean {
  return url.protocol === "https:" || headers.get("x-forwarded-proto")?.split(",")[0]?.trim() === "https";
}

export function contentSecurityPolicy(options: { nonce: string | null; https: boolean; development: boolean; formTargets?: string[] }): string {
  const scripts = options.nonce || options.development
    ? ["'self'", ...(options.nonce ? [`'nonce-${options.nonce}'`, "'strict-dynamic'"] : []), ...(options.development ? ["'unsafe-eval'"] : [])]
    : ["'none'"];
  return [
    "default-src 'self'",
    `script-src ${scripts.join(" ")}`,
    // Inline style attributes only; scripts stay strict.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    `form-action ${["'self'", ...(options.formTargets ?? [])].join(" ")}`,
    "frame-ancestors 'none'",
    ...(options.https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

/** The headers every response gets besides its Content-Security-Policy. */
export function baseSecurityHeaders(https: boolean): Record<string, string> {
  return {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Frame-Options": "DENY",
    ...(https ? { "Strict-Transport-Security": "max-age=63072000; includeSubDomains" } : {}),
  };
}
