import { fileURLToPath } from "node:url";
import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./i18n/request.ts");

// Pages get their headers from proxy.ts; these cover what it does not run for
// (the API, feeds, files). Keep in step with lib/security-headers.ts.
const staticSecurityHeaders = [
  { key: "Content-Security-Policy", value: "default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "DENY" },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // Next's own page cache, keeping public pages without the scripts they may not run.
  cacheHandler: fileURLToPath(new URL("./lib/public-page-cache.js", import.meta.url)),
  // Loaded by Node at run time, not bundled: PGlite ships WebAssembly and data
  // files it finds next to its own code.
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "pg", "@prisma/adapter-pg"],
  // The bulk import takes CSV files of up to 5 MB (lib/import.ts), sent to a server action.
  experimental: { serverActions: { bodySizeLimit: "6mb" } },
  async headers() {
    return [
      ...["/api/:path*", "/_next/:path*", "/:file(.*\\.[^/]*)"].map((source) => ({ source, headers: staticSecurityHeaders })),
      {
        source: "/:path*",
        has: [{ type: "header", key: "x-forwarded-proto", value: "https" }],
        headers: [{ key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" }],
      },
    ];
  },
};

export default withNextIntl(nextConfig);
