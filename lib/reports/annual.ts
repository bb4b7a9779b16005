import "server-only";
import { z } from "zod";
import { dayMs, isoDayOrNull, lastEndedDay, latestDay } from "../dates";
import type { MilestoneKind, MilestoneStatus } from "../generated/prisma/enums";
import { parseQuery } from "../http/query";
import { inLocale, noteTranslations, translatedColumns, type TranslatedText } from "../translations";
import { seesInternal, type Viewer } from "../auth/roles";
import { annualOptionsSchema, annualPeriodOf, type YearBasis } from "./annual-period";
import { noteFor } from "../public/visibility";
import { liveCut, milestoneSnapshots, type Snapshot } from "./as-of";
import { header, reportFileName, reportLabels, type ReportColumn } from "./columns";
import { csvStream, type CsvDownload } from "./csv";
import { fileOptions } from "./request";

// The monitoring working group's annual report, as a page and as CSV.

/** A calendar year, or Japan's fiscal year: April of `year` to March of the next. */
export function reportPeriod(year: number, basis: YearBasis): { start: Date; end: Date } {
  const startMonth = basis === "fiscal" ? 3 : 0;
  return { start: new Date(Date.UTC(year, startMonth, 1)), end: new Date(Date.UTC(year + 1, startMonth, 1) - dayMs) };
}

export const annualSections = ["completed", "dueNotDelivered", "inProgress", "delayedOrAtRisk", "comingUp"] as const;
export type AnnualSection = (typeof annualSections)[number];

export type AnnualItem = {
  slug: string;
  title: TranslatedText;
  kind: MilestoneKind;
  status: MilestoneStatus;
  progress: number;
  targetDate: Date | null;
  completedOn: Date | null;
  /** The notes of the period the viewer may read, oldest first, with their translations. */
  notes: { on: Date; text: TranslatedText }[];
};

export type AnnualReport = {
  year: number;
  basis: YearBasis;
  start: Date;
  end: Date;
  /** The year has not ended: the report shows today's state, as of `asOf` (today in Tokyo), and will change. */
  provisional: boolean;
  /** The day the report shows the tracker as of: the year's last day, or today while it runs. */
  asOf: Date;
  pillars: { slug: string; position: number; name: TranslatedText; sections: Record<AnnualSection, AnnualItem[]> }[];
};

function sectionsOf(snapshot: Snapshot, period: { start: Date; end: Date }, next: { start: Date; end: Date }): AnnualSection[] {
  const within = (date: Date | null, range: { start: Date; end: Date }) => date !== null && date >= range.start && date <= range.end;
  const targetDate = snapshot.targetDate;
  const sections: AnnualSection[] = [];
  if (snapshot.status === "completed" && within(snapshot.completedOn, period)) sections.push("completed");
  if (snapshot.overdue && within(targetDate, period)) sections.push("dueNotDelivered");
  if (snapshot.status === "in_progress") sections.push("inProgress");
  if (snapshot.status === "delayed" || snapshot.status === "at_risk") sections.push("delayedOrAtRisk");
  if (snapshot.status !== "completed" && snapshot.status !== "cancelled" && within(targetDate, next)) sections.push("comingUp");
  return sections;
}

/**
 * The monitoring working group's annual report: per pillar, what was completed
 * in the year, what was due in it and not delivered, what is in progress and
 * what is delayed or at risk at its end, and what is due the next year, with
 * the year's notes; rebuilt as of the year's last day. Only for the years from
 * the adoption to the current one, whose report is provisional: today's state.
 */
export async function getAnnualReport(viewer: Viewer, input: { year: unknown; basis?: unknown }, now = new Date()): Promise<AnnualReport> {
  const { year, basis } = annualPeriodOf(input, now);
  const period = reportPeriod(year, basis);
  const next = reportPeriod(year + 1, basis);
  const provisional = period.end > lastEndedDay(now);
  const cut = provisional ? liveCut : { asOf: period.end, knownAt: null };
  const pillars = new Map<string, AnnualReport["pillars"][number]>();
  for await (const batch of milestoneSnapshots(viewer, {}, cut, now)) {
    for (const { milestone, snapshot, history } of batch) {
      const sections = sectionsOf(snapshot, period, next);
      if (sections.length === 0) continue;
      const pillar = pillars.get(milestone.pillar.slug) ?? {
        slug: milestone.pillar.slug,
        position: milestone.pillar.position,
        name: translatedColumns(milestone.pillar, "name"),
        sections: { completed: [], dueNotDelivered: [], inProgress: [], delayedOrAtRisk: [], comingUp: [] },
      };
      pillars.set(pillar.slug, pillar);
      const notes = history.flatMap((entry) => {
        const text = noteTranslations(noteFor(viewer, entry));
        return text && entry.happenedOn >= period.start && entry.happenedOn <= period.end ? [{ on: entry.happenedOn, text }] : [];
      });
      const item: AnnualItem = {
        slug: milestone.slug,
        title: translatedColumns(milestone, "title"),
        kind: milestone.kind,
        status: snapshot.status,
        progress: snapshot.progress,
        targetDate: snapshot.targetDate,
        completedOn: snapshot.completedOn,
        notes,
      };
      for (const section of sections) pillar.sections[section].push(item);
    }
  }
  const byDate = (a: AnnualItem, b: AnnualItem) =>
    (a.completedOn ?? a.targetDate ?? period.end).getTime() - (b.completedOn ?? b.targetDate ?? period.end).getTime();
  const ordered = [...pillars.values()].sort((a, b) => a.position - b.position);
  for (const pillar of ordered) for (const section of annualSections) pillar.sections[section].sort(byDate);
  return { year, basis, ...period, provisional, asOf: provisional ? latestDay(now) : period.end, pillars: ordered };
}

/** The annual report as CSV: one row per milestone and section, the notes in one cell. */
export async function exportAnnualCsv(viewer: Viewer, params: URLSearchParams, today = new Date()): Promise<CsvDownload> {
  const { lang, encoding, bom, ...requested } = parseQuery(z.object({ ...annualOptionsSchema.shape, ...fileOptions }), params);
  const format = { encoding, bom };
  const report = await getAnnualReport(viewer, requested, today);
  const labels = reportLabels[lang];
  const columns: ReportColumn[] = ["pillar", "section", "key", "title", "kind", "status", "progress", "targetDate", "completedOn", "notes"];
  const rows = report.pillars.flatMap((pillar) =>
    annualSections.flatMap((section) =>
      pillar.sections[section].map((item) => [
        inLocale(pillar.name, lang).text,
        labels.sections[section],
        item.slug,
        inLocale(item.title, lang).text,
        labels.kind[item.kind],
        labels.status[item.status],
        item.progress,
        isoDayOrNull(item.targetDate),
        isoDayOrNull(item.completedOn),
        item.notes.map((note) => `${isoDayOrNull(note.on)}: ${inLocale(note.text, lang).text}`).join("\n"),
      ]),
    ),
  );
  const period = report.basis === "fiscal" ? `annual-fy${report.year}` : `annual-${report.year}`;
  async function* batches() {
    yield rows;
  }
  return {
    fileName: reportFileName(
      report.provisional ? `${period}-provisional` : period,
      { lang, format, internal: seesInternal(viewer), asOf: report.provisional ? null : report.end },
      today,
    ),
    format,
    body: csvStream(header(columns, lang), batches(), format),
  };
}
