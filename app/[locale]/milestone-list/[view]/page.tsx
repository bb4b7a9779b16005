import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { setRequestLocale } from "next-intl/server";
import { MilestoneList, milestoneListMetadata } from "@/components/public/milestone-list";
import { listViewQuery } from "@/lib/public/list-view";
import { localeOr } from "@/lib/translations";

// The milestone list for one canonical view without free text (see
// lib/public/list-view.ts), rendered on its first visit and then served from
// the page cache until the database announces a change to the lists (tag
// "public:lists"). Rendered per request, the list took 30-45 ms; served from
// the cache, under 8 (one visitor's requests in a row, on this project's
// 2-core machine).

export function generateStaticParams() {
  return [];
}

async function viewParams(params: PageProps<"/[locale]/milestone-list/[view]">["params"]) {
  const { locale, view } = await params;
  const query = listViewQuery(decodeURIComponent(view));
  if (!query) notFound();
  return { locale: localeOr(locale), searchParams: Object.fromEntries(query) };
}

export async function generateMetadata({ params }: PageProps<"/[locale]/milestone-list/[view]">): Promise<Metadata> {
  const { locale, searchParams } = await viewParams(params);
  return milestoneListMetadata(locale, searchParams);
}

export default async function CachedMilestoneListPage({ params }: PageProps<"/[locale]/milestone-list/[view]">) {
  const { locale, searchParams } = await viewParams(params);
  setRequestLocale(locale);
  return <MilestoneList locale={locale} searchParams={searchParams} cachedView />;
}
