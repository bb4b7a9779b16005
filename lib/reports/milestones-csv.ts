import "server-only";
import { isoDayOrNull } from "../dates";
import { inLocale, noteTranslations, translatedColumns, type Locale } from "../translations";
import { seesInternal, type Viewer } from "../auth/roles";
import { noteFor } from "../public/visibility";
import { authorName, milestoneSnapshots, type ReportCut, type SnapshotRow } from "./as-of";
import { header, milestoneReportColumns, reportFileName, reportLabels, type ReportColumn } from "./columns";
import { csvStream, type CsvCell, type CsvDownload, type CsvFormat } from "./csv";
import type { MilestoneFilters } from "../milestones/filters";
import { parseReportRequest } from "./request";

/**
 * A milestone's public page as the files name it: a path on the tracker's
 * site (/es/milestones/…), the same whatever address the file was asked at,
 * so a file's bytes never depend on the request.
 */
export const publicPagePath = (lang: Locale, slug: string) => `/${lang}/milestones/${slug}`;

export type MilestonesFile = { filters: Partial<MilestoneFilters>; cut: ReportCut; lang: Locale; format: CsvFormat };

/** The rows of the milestones report, as bytes; the same file for the same cut, for the frozen snapshots too. */
export function milestonesCsvBody(viewer: Viewer, file: MilestonesFile, now = new Date()): ReadableStream<Uint8Array> {
  const internal = seesInternal(viewer);
  const labels = reportLabels[file.lang];
  const columns = milestoneReportColumns(internal);
  const text = (value: { en: string; es: string | null; ja: string | null }) => inLocale(value, file.lang).text;
  const cells: Partial<Record<ReportColumn, (row: SnapshotRow) => CsvCell>> = {
    key: ({ milestone }) => milestone.slug,
    pillar: ({ milestone }) => text(translatedColumns(milestone.pillar, "name")),
    kind: ({ milestone }) => labels.kind[milestone.kind],
    status: ({ snapshot }) => labels.status[snapshot.status],
    overdue: ({ snapshot }) => (snapshot.overdue ? labels.yes : labels.no),
    progress: ({ snapshot }) => snapshot.progress,
    title: ({ milestone }) => text(translatedColumns(milestone, "title")),
    summary: ({ milestone }) => text(translatedColumns(milestone, "summary")),
    targetDate: ({ snapshot }) => isoDayOrNull(snapshot.targetDate),
    originalTargetDate: ({ snapshot }) => isoDayOrNull(snapshot.originalTargetDate),
    timesRescheduled: ({ snapshot }) => snapshot.timesRescheduled,
    completedOn: ({ snapshot }) => isoDayOrNull(snapshot.completedOn),
    leadAgencyA: ({ milestone }) => milestone.leadAgencyA,
    leadAgencyB: ({ milestone }) => milestone.leadAgencyB,
    location: ({ milestone }) => milestone.location,
    sourceUrl: ({ milestone }) => milestone.sourceUrl,
    isPublic: ({ milestone }) => (milestone.isPublic ? labels.yes : labels.no),
    lastUpdateOn: ({ snapshot }) => (snapshot.last ? isoDayOrNull(snapshot.last.happenedOn) : null),
    lastUpdateNote: ({ snapshot }) => {
      const note = snapshot.last ? noteTranslations(noteFor(viewer, snapshot.last)) : null;
      return note ? inLocale(note, file.lang).text : null;
    },
    lastUpdateAuthor: ({ snapshot }) => (snapshot.last ? authorName(snapshot.last) : null),
    url: ({ milestone }) => (milestone.isPublic ? publicPagePath(file.lang, milestone.slug) : null),
    // A report of the past cannot be imported back over today's data.
    version: ({ milestone }) => (file.cut.asOf ? null : milestone.version),
  };
  const cellsOf = columns.map((column) => cells[column]!);
  async function* rows(): AsyncGenerator<CsvCell[][]> {
    for await (const batch of milestoneSnapshots(viewer, file.filters, file.cut, now)) {
      yield batch.map((row) => cellsOf.map((cell) => cell(row)));
    }
  }
  return csvStream(header(columns, file.lang), rows(), file.format);
}

/** The milestones report: one row per milestone the viewer may see that matches the list's filters. */
export function exportMilestonesCsv(viewer: Viewer, params: URLSearchParams, today = new Date()): CsvDownload {
  const request = parseReportRequest(params, today);
  return {
    fileName: reportFileName("milestones", { ...request, asOf: request.cut.asOf, internal: seesInternal(viewer) }, today),
    format: request.format,
    body: milestonesCsvBody(viewer, request, today),
  };
}
