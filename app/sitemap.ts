import type { MetadataRoute } from "next";
import { publicMilestoneSlugs } from "@/lib/public/cached-reads";
import { siteUrl } from "@/lib/site-url";
import { locales } from "@/lib/translations";

// Built per request from cached data: a build must never read the database.
export const dynamic = "force-dynamic";

export default async function sitemap(): Promise<MetadataRoute.Sitemap> {
  const origin = siteUrl();
  const entry = (path: string, lastModified?: string) =>
    locales.map((locale) => ({
      url: new URL(`/${locale}${path}`, origin).href,
      ...(lastModified ? { lastModified } : {}),
      alternates: { languages: Object.fromEntries(locales.map((other) => [other, new URL(`/${other}${path}`, origin).href])) },
    }));
  const milestones = await publicMilestoneSlugs();
  return [...entry(""), ...entry("/milestones"), ...milestones.flatMap((milestone) => entry(`/milestones/${milestone.slug}`, milestone.updatedAt))];
}
