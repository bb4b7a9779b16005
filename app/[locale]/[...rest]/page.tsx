import type { Metadata } from "next";
import { notFoundMetadata, ServerRenderedNotFound } from "@/components/public/not-found-page";
import type { Locale } from "@/lib/translations";

// Cached like the milestone pages: only a cached render can be a 404 with its
// page in the HTML (components/public/not-found-page.tsx).
export function generateStaticParams() {
  return [];
}

export async function generateMetadata({ params }: PageProps<"/[locale]/[...rest]">): Promise<Metadata> {
  const { locale } = (await params) as { locale: Locale };
  return notFoundMetadata(locale);
}

// Any other address under a language is a real 404, shown in that language.
export default async function UnknownPage({ params }: PageProps<"/[locale]/[...rest]">) {
  const { locale } = (await params) as { locale: Locale };
  return <ServerRenderedNotFound locale={locale} />;
}
