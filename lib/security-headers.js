// Runs anywhere: next.config.js and proxy.ts load it. Security headers for every response. Public pages are cached and work
// without JavaScript (links and GET forms), so in production they allow no
// script at all: the browser does not even download Next's runtime, which
// those pages would only parse and never use. Staff and sign-in pages are
// rendered per request and get a fresh nonce from proxy.ts, which Next adds to
// its own inline scripts. Everything else (public pages, the API, feeds,
// files) gets its headers from next.config.js, so proxy.ts runs only where it
// must. Plain JavaScript: next.config.js reads it too.

/** Paths (after the locale) rendered per request for signed-in staff or sign-in. */
const dynamicSections = new Set(["admin", "sign-in", "set-password", "forgot-password"]);

/** @param {string} pathname */
export function needsNonce(pathname) {
  const [, , section] = pathname.split("/");
  return section !== undefined && dynamicSections.has(section);
}

/**
 * @param {URL} url
 * @param {Headers} headers
 */
export function isHttps(url, headers) {
  return url.protocol === "https:" || headers.get("x-forwarded-proto")?.split(",")[0]?.trim() === "https";
}

/**
 * @param {{ nonce: string | null; https: boolean; development: boolean; formTargets?: string[] }} options
 * @returns {string}
 */
export function contentSecurityPolicy(options) {
  const scripts =
    options.nonce || options.development
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

/**
 * The headers every response gets besides its Content-Security-Policy.
 * @param {boolean} https
 * @returns {Record<string, string>}
 */
export function baseSecurityHeaders(https) {
  return {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Frame-Options": "DENY",
    ...(https ? { "Strict-Transport-Security": "max-age=63072000; includeSubDomains" } : {}),
  };
}

/**
 * Headers for what proxy.ts does not run for, in next.config.js's form: the
 * no-script policy, and over HTTPS (as the proxy in front says) also
 * upgrade-insecure-requests and HSTS.
 * @param {{ development: boolean }} options
 */
export function staticSecurityHeaders({ development }) {
  /** @param {boolean} https */
  const headers = (https) =>
    Object.entries({ "Content-Security-Policy": contentSecurityPolicy({ nonce: null, https, development }), ...baseSecurityHeaders(https) }).map(
      ([key, value]) => ({ key, value }),
    );
  return { plain: headers(false), https: headers(true) };
}
