import type { Metadata } from "next";
import { setRequestLocale } from "next-intl/server";
import { MilestoneList, milestoneListMetadata } from "@/components/public/milestone-list";
import { localeOr } from "@/lib/translations";

// The filters live in the query string, so this page renders per request:
// views with free text (q, agency), or with a value it cannot use. The others
// are served from the page cache through /{lang}/milestone-list/{view} (see
// lib/public/list-view.ts).
export const dynamic = "force-dynamic";

export async function generateMetadata({ params, searchParams }: PageProps<"/[locale]/milestones">): Promise<Metadata> {
  return milestoneListMetadata(localeOr((await params).locale), await searchParams);
}

export default async function MilestoneListPage({ params, searchParams }: PageProps<"/[locale]/milestones">) {
  const locale = localeOr((await params).locale);
  setRequestLocale(locale);
  return <MilestoneList locale={locale} searchParams={await searchParams} />;
}
