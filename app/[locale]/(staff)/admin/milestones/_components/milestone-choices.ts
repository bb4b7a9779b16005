import "server-only";
import { getTranslations } from "next-intl/server";
import { milestoneStatuses, type MilestoneStatus } from "@/lib/vocabulary";
import { listPillarChoices } from "@/lib/milestones/edits";
import { inLocale, type Locale } from "@/lib/translations";

/** The pillar options and status names the milestone forms show, in the page's language. */
export async function milestoneChoices(locale: Locale) {
  const [common, pillars] = await Promise.all([getTranslations("Common"), listPillarChoices()]);
  return {
    pillars: pillars.map((pillar) => ({ value: pillar.slug, label: inLocale(pillar.name, locale).text })),
    statusNames: Object.fromEntries(milestoneStatuses.map((status) => [status, common(`status.${status}`)])) as Record<MilestoneStatus, string>,
  };
}
