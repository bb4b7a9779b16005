import "server-only";
import { createHash } from "node:crypto";
import { z } from "zod";
import { knownUntilNow, recordAuditEvent } from "../audit";
import { dayLimits, isoDay, lastEndedDay } from "../dates";
import { db } from "../db";
import { NotFoundError, ValidationError } from "../errors";
import { calendarDay, limitError, parseFields, requiredText } from "../forms/fields";
import { langParameter, parseQuery } from "../http/query";
import { defaultRoadmapSlug } from "../milestones/roadmap";
import { locales, type Locale } from "../translations";
import { requireRole, type Viewer } from "../auth/roles";
import type { ReportCut } from "./as-of";
import { reportFileName } from "./columns";
import type { CsvDownload, CsvFormat } from "./csv";
import { milestonesCsvBody } from "./milestones-csv";
import { progressLogCsvBody } from "./progress-log-csv";

// Frozen snapshots: a named report of the tracker as it stood at the end of a
// day, as it was known when staff froze it. Its files are never stored: they
// are rebuilt from the append-only history on every download, and the SHA-256
// of each, computed when it was frozen, is kept to check them against. Only
// one thing can change them afterwards: something in them withdrawn from
// public view since, because internal data never appears publicly, and that
// rule outranks a file's bytes.

export const snapshotReports = ["milestones", "progress-log"] as const;
export type SnapshotReport = (typeof snapshotReports)[number];

/** The files' one format, part of what their hashes are of: UTF-8 with a byte-order mark, as Excel reads it. */
const snapshotFormat: CsvFormat = { encoding: "utf-8", bom: true };

/** A snapshot file's bytes: public data only, whoever asks, and nothing in them depends on the request or the day. */
function fileBody(report: SnapshotReport, cut: ReportCut, lang: Locale): ReadableStream<Uint8Array> {
  const file = { filters: {}, cut, lang, format: snapshotFormat };
  return report === "milestones" ? milestonesCsvBody(null, file) : progressLogCsvBody(null, file);
}

async function digest(body: ReadableStream<Uint8Array>): Promise<{ sha256: string; byteLength: number }> {
  const hash = createHash("sha256");
  let byteLength = 0;
  const reader = body.getReader();
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
    hash.update(chunk.value);
    byteLength += chunk.value.byteLength;
  }
  return { sha256: hash.digest("hex"), byteLength };
}

const freezeSchema = z.object({ name: requiredText(200), asOf: calendarDay });

/** A snapshot's permanent address from its name ("Working group meeting 2025" → working-group-meeting-2025). */
function slugOf(name: string, asOf: Date): string {
  const words = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/, "");
  // A name in Japanese has no such words: the day names it.
  return words || `snapshot-${isoDay(asOf)}`;
}

export type FrozenSnapshot = { slug: string };

/**
 * Freezes a snapshot: the tracker at the end of `asOf`, a day that has ended
 * for both parties, as known now. Editors only.
 */
export async function freezeSnapshot(viewer: Viewer, input: unknown): Promise<FrozenSnapshot> {
  const actor = requireRole(viewer, "editor");
  const { name, asOf } = parseFields(freezeSchema, input);
  const span = await db().roadmap.findUniqueOrThrow({ where: { slug: defaultRoadmapSlug }, select: { adoptedOn: true, firstYear: true, lastYear: true } });
  const earliest = dayLimits(span).happened.min;
  const latest = lastEndedDay();
  if (asOf < earliest) throw new ValidationError({ asOf: [limitError("dateTooEarly", earliest)] });
  if (asOf > latest) throw new ValidationError({ asOf: [limitError("dayNotEnded", latest)] });

  // Everything recorded before this moment has committed; anything recorded later comes after it.
  const knownAt = await db().$transaction((tx) => knownUntilNow(tx));
  const cut = { asOf, knownAt };
  const files: { report: SnapshotReport; lang: Locale; sha256: string; byteLength: number }[] = [];
  for (const report of snapshotReports) {
    for (const lang of locales) files.push({ report, lang, ...(await digest(fileBody(report, cut, lang))) });
  }
  const base = slugOf(name, asOf);
  const taken = new Set((await db().snapshot.findMany({ where: { slug: { startsWith: base } }, select: { slug: true } })).map((row) => row.slug));
  let slug = base;
  for (let suffix = 2; taken.has(slug); suffix++) slug = `${base}-${suffix}`;
  await db().$transaction(async (tx) => {
    const snapshot = await tx.snapshot.create({ data: { slug, name, asOf, knownAt, frozenById: actor.id, files: { create: files } }, select: { id: true } });
    await recordAuditEvent(tx, {
      actorId: actor.id,
      action: "snapshot.freeze",
      entityType: "Snapshot",
      entityId: String(snapshot.id),
      after: { slug, name, asOf: isoDay(asOf), knownAt: knownAt.toISOString(), files },
    });
  });
  return { slug };
}

export type SnapshotFileCheck = {
  report: SnapshotReport;
  lang: Locale;
  sha256: string;
  byteLength: number;
  /** The SHA-256 of the file rebuilt now, and whether it is the one frozen. */
  currentSha256: string;
  matches: boolean;
  /** Where to download it (relative to the site). */
  path: string;
};

export type SnapshotRecord = { slug: string; name: string; asOf: string; knownAt: string; files: SnapshotFileCheck[]; checkedAt: string };

const snapshotSelect = {
  slug: true,
  name: true,
  asOf: true,
  knownAt: true,
  files: { orderBy: { id: "asc" }, select: { report: true, lang: true, sha256: true, byteLength: true } },
} as const;

const filePath = (slug: string, report: SnapshotReport, lang: Locale) =>
  `/api/v1/snapshots/${slug}/${report === "milestones" ? "milestones" : "progress"}.csv?lang=${lang}`;

/** A snapshot with each of its files rebuilt and checked against the hash it was frozen with; null for none. Public. */
export async function readSnapshot(slug: string, now = new Date()): Promise<SnapshotRecord | null> {
  const row = await db().snapshot.findUnique({ where: { slug }, select: snapshotSelect });
  if (!row) return null;
  const cut = { asOf: row.asOf, knownAt: row.knownAt };
  const files: SnapshotFileCheck[] = [];
  for (const file of row.files) {
    const report = file.report as SnapshotReport;
    const lang = file.lang as Locale;
    const { sha256 } = await digest(fileBody(report, cut, lang));
    files.push({
      report,
      lang,
      sha256: file.sha256,
      byteLength: file.byteLength,
      currentSha256: sha256,
      matches: sha256 === file.sha256,
      path: filePath(slug, report, lang),
    });
  }
  return { slug: row.slug, name: row.name, asOf: isoDay(row.asOf), knownAt: row.knownAt.toISOString(), files, checkedAt: now.toISOString() };
}

export type SnapshotSummary = { slug: string; name: string; asOf: Date; knownAt: Date };

/** Every frozen snapshot, latest first. */
export async function listSnapshots(): Promise<SnapshotSummary[]> {
  return db().snapshot.findMany({ orderBy: [{ knownAt: "desc" }, { id: "desc" }], select: { slug: true, name: true, asOf: true, knownAt: true } });
}

const fileQuerySchema = z.object({ lang: langParameter });

/** One file of a snapshot, rebuilt from the history. Public. */
export async function snapshotFileCsv(slug: string, report: SnapshotReport, search: URLSearchParams): Promise<CsvDownload> {
  const { lang } = parseQuery(fileQuerySchema, search);
  const row = /^[a-z0-9-]{1,80}$/.test(slug) ? await db().snapshot.findUnique({ where: { slug }, select: { asOf: true, knownAt: true } }) : null;
  if (!row) throw new NotFoundError(`slug: no snapshot "${slug.slice(0, 80)}"`, "slug");
  return {
    fileName: reportFileName(report, { snapshot: slug, asOf: row.asOf, lang, format: snapshotFormat, internal: false }, row.knownAt),
    format: snapshotFormat,
    body: fileBody(report, { asOf: row.asOf, knownAt: row.knownAt }, lang),
  };
}
