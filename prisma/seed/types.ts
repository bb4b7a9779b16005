import type { MilestoneKind, MilestoneStatus } from "../../lib/generated/prisma/enums";

/** Text in the tracker's three languages; English is required, the others fall back to it. */
export type Translated = { en: string; es?: string; ja?: string };

export type SeedRoadmap = {
  slug: string;
  title: Translated;
  summary: Translated;
  partyA: Translated;
  partyB: Translated;
  adoptedOn: string; // ISO date
  firstYear: number;
  lastYear: number;
  sourceUrl: string;
};

export type SeedPillar = { position: number; slug: string; name: Translated };

export type SeedMilestone = {
  slug: string;
  pillar: string; // SeedPillar.slug
  title: Translated;
  summary: Translated;
  kind: MilestoneKind;
  status: MilestoneStatus; // "completed" only where FACTS.md says it happened
  targetDate?: string; // ISO date
  completedOn?: string; // ISO date, only for completed milestones
  leadAgencyA?: string; // Japanese side
  leadAgencyB?: string; // Peruvian side
  location?: string;
  sourceUrl: string;
};
