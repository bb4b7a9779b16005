// Runs anywhere Node runs: Next loads it at run time, outside its bundles. Next's own file-system page cache (next.config.js `cacheHandler`), which
// stores pages without the scripts their Content-Security-Policy forbids.
// Public pages allow no script (lib/security-headers.js): Next's runtime and
// its inline page data were bytes every visitor downloaded and the browser
// refused, two thirds of the overview. Pages rendered with a nonce (staff,
// sign-in) need their scripts and are never cached anyway; they are kept whole.
// Loaded by Node at run time, not bundled, hence plain JavaScript.
import fileSystemCache from "next/dist/server/lib/incremental-cache/file-system-cache.js";

// A CommonJS module: Node hands over its exports object, the bundler (for proxy.ts) its default export.
const FileSystemCache = fileSystemCache.default ?? fileSystemCache;

const scriptElement = /<script\b(?![^>]*\btype="application\/ld\+json")[^>]*>[\s\S]*?<\/script>/g;
const scriptPreload = /<link\b(?=[^>]*\b(?:as="script"|rel="modulepreload"))[^>]*>/g;

/** The page without its scripts and script preloads, unless they carry a nonce and so are meant to run. */
export function withoutScripts(html) {
  if (/<script\b[^>]*\bnonce=/.test(html)) return html;
  return html.replace(scriptElement, "").replace(scriptPreload, "");
}

export default class PublicPageCache extends FileSystemCache {
  async set(key, data, context) {
    const page = data?.kind === "APP_PAGE" && typeof data.html === "string" ? { ...data, html: withoutScripts(data.html) } : data;
    return super.set(key, page, context);
  }
}
