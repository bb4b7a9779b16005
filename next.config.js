import { fileURLToPath } from "node:url";
import createNextIntlPlugin from "next-intl/plugin";
import { staticSecurityHeaders } from "./lib/security-headers.js";

const withNextIntl = createNextIntlPlugin("./i18n/request.ts");

// Staff and sign-in pages get a nonce policy from proxy.ts; everything else
// (public pages, the API, feeds, files) gets these, without running the proxy.
const securityHeaders = staticSecurityHeaders({ development: process.env.NODE_ENV === "development" });

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // The public page cache: in memory, kept fresh by the database's change notices (lib/public/page-cache.js).
  cacheHandler: fileURLToPath(new URL("./lib/public/page-cache.js", import.meta.url)),
  // Loaded by Node at run time, not bundled. (PGlite runs in a worker thread that Node loads
  // from lib/pglite-worker.mjs, outside the bundles too.)
  serverExternalPackages: ["pg", "@prisma/adapter-pg"],
  // The bulk import takes CSV files of up to 5 MB (lib/import/limits.ts), sent to a server action.
  experimental: { serverActions: { bodySizeLimit: "6mb" } },
  async headers() {
    return [
      { source: "/:path*", headers: securityHeaders.plain },
      { source: "/:path*", has: [{ type: "header", key: "x-forwarded-proto", value: "https" }], headers: securityHeaders.https },
    ];
  },
};

export default withNextIntl(nextConfig);
