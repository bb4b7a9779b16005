import "server-only";
import { isoDayOrNull } from "../dates";
import { inLocale, translatedColumns } from "../translations";
import { seesInternal, type Viewer } from "../auth/roles";
import { noteFor } from "../public/visibility";
import { authorName, milestoneSnapshots, type SnapshotRow } from "./as-of";
import { header, milestoneReportColumns, reportFileName, reportLabels, type ReportColumn } from "./columns";
import { csvStream, type CsvCell, type CsvDownload } from "./csv";
import { parseReportRequest } from "./request";

/** The milestones report: one row per milestone the viewer may see that matches the list's filters. */
export function exportMilestonesCsv(viewer: Viewer, params: URLSearchParams, baseUrl: string, today = new Date()): CsvDownload {
  const request = parseReportRequest(params);
  const internal = seesInternal(viewer);
  const labels = reportLabels[request.lang];
  const columns = milestoneReportColumns(internal);
  const cells: Partial<Record<ReportColumn, (row: SnapshotRow) => CsvCell>> = {
    key: ({ milestone }) => milestone.slug,
    pillar: ({ milestone }) => inLocale(translatedColumns(milestone.pillar, "name"), request.lang).text,
    kind: ({ milestone }) => labels.kind[milestone.kind],
    status: ({ snapshot }) => labels.status[snapshot.status],
    progress: ({ snapshot }) => snapshot.progress,
    title: ({ milestone }) => inLocale(translatedColumns(milestone, "title"), request.lang).text,
    summary: ({ milestone }) => inLocale(translatedColumns(milestone, "summary"), request.lang).text,
    targetDate: ({ milestone }) => isoDayOrNull(milestone.targetDate),
    completedOn: ({ snapshot }) => isoDayOrNull(snapshot.completedOn),
    leadAgencyA: ({ milestone }) => milestone.leadAgencyA,
    leadAgencyB: ({ milestone }) => milestone.leadAgencyB,
    location: ({ milestone }) => milestone.location,
    sourceUrl: ({ milestone }) => milestone.sourceUrl,
    isPublic: ({ milestone }) => (milestone.isPublic ? labels.yes : labels.no),
    lastUpdateOn: ({ snapshot }) => (snapshot.last ? isoDayOrNull(snapshot.last.happenedOn) : null),
    lastUpdateNote: ({ snapshot }) => (snapshot.last ? noteFor(viewer, snapshot.last).note : null),
    lastUpdateAuthor: ({ snapshot }) => (snapshot.last ? authorName(snapshot.last) : null),
    url: ({ milestone }) => (milestone.isPublic ? `${baseUrl}/${request.lang}/milestones/${milestone.slug}` : null),
    // A snapshot of the past cannot be imported back over today's data.
    version: ({ milestone }) => (request.asOf ? null : milestone.version),
  };
  const cellsOf = columns.map((column) => cells[column]!);
  async function* rows(): AsyncGenerator<CsvCell[][]> {
    for await (const batch of milestoneSnapshots(viewer, request.filters, request.asOf)) {
      yield batch.map((row) => cellsOf.map((cell) => cell(row)));
    }
  }
  return {
    fileName: reportFileName("milestones", { ...request, internal }, today),
    format: request.format,
    body: csvStream(header(columns, request.lang), rows(), request.format),
  };
}
