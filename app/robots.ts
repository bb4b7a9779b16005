import type { MetadataRoute } from "next";
import { siteUrl } from "@/lib/site-url";

// Per request, so SITE_URL set at start (not at build) names the sitemap.
export const dynamic = "force-dynamic";

export default function robots(): MetadataRoute.Robots {
  return {
    rules: { userAgent: "*", allow: "/", disallow: ["/api/"] },
    sitemap: new URL("/sitemap.xml", siteUrl()).href,
  };
}
