import type { TranslatedText } from "../../lib/translations";
import type { MilestoneKind, MilestoneStatus } from "../../lib/vocabulary";

export type SeedRoadmap = {
  slug: string;
  title: TranslatedText;
  summary: TranslatedText;
  partyA: TranslatedText;
  partyB: TranslatedText;
  adoptedOn: string; // ISO date
  firstYear: number;
  lastYear: number;
  sourceUrl: string;
};

export type SeedPillar = { position: number; slug: string; name: TranslatedText };

export type SeedMilestone = {
  slug: string;
  pillar: string; // SeedPillar.slug
  title: TranslatedText;
  summary: TranslatedText;
  kind: MilestoneKind;
  status: MilestoneStatus; // "completed" only where FACTS.md says it happened
  targetDate?: string; // ISO date
  completedOn?: string; // ISO date, only for completed milestones
  leadAgencyA?: string; // Japanese side
  leadAgencyB?: string; // Peruvian side
  location?: string;
  sourceUrl: string;
};
