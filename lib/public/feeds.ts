import "server-only";
import type { DatedMilestone, PublicFeedEntry } from "./read-models";
import { inLocale, noteTranslations, type Locale } from "../translations";

// The text of the Atom and iCalendar feeds, built from public data only.

/** Characters XML 1.0 cannot hold at all, escaped or not: the tracker refuses to store them, but a feed must stay well-formed whatever it reads. */
const notXml = /[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu;

const escapeXml = (text: string) =>
  text.replace(notXml, "\ufffd").replace(/[<>&"']/g, (character) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;" })[character]!);

export type AtomFeedInput = {
  locale: Locale;
  origin: URL;
  title: string;
  /** Words for the entry titles: status labels and the "{from} → {to}" of progress. */
  statusLabel: (status: PublicFeedEntry["statusAfter"]) => string;
  progressLabel: (from: number, to: number) => string;
  entries: PublicFeedEntry[];
  /** When there are no entries, the feed's own date (the road map's adoption). */
  fallbackUpdated: string;
};

/** An Atom 1.0 feed (RFC 4287) of progress updates, newest first. */
export function atomFeed({ locale, origin, title, statusLabel, progressLabel, entries, fallbackUpdated }: AtomFeedInput): string {
  const host = origin.hostname;
  const selfUrl = new URL(`/feed.xml${locale === "en" ? "" : `?lang=${locale}`}`, origin).href;
  const updated = entries.reduce((latest, entry) => (entry.recordedAt > latest ? entry.recordedAt : latest), `${fallbackUpdated}T00:00:00.000Z`);
  const items = entries.map((entry) => {
    const link = new URL(`/${locale}/milestones/${entry.milestone.slug}`, origin).href;
    const change =
      entry.statusBefore === entry.statusAfter ? statusLabel(entry.statusAfter) : `${statusLabel(entry.statusBefore)} → ${statusLabel(entry.statusAfter)}`;
    const progress = entry.progressBefore !== entry.progressAfter ? `, ${progressLabel(entry.progressBefore, entry.progressAfter)}` : "";
    const note = noteTranslations(entry);
    const summary = [note ? inLocale(note, locale).text : null, entry.evidenceUrl].filter(Boolean).join("\n");
    return [
      "  <entry>",
      `    <id>tag:${host},2024:progress-update:${entry.id}</id>`,
      `    <title>${escapeXml(`${inLocale(entry.milestone.title, locale).text}: ${change}${progress}`)}</title>`,
      `    <link rel="alternate" type="text/html" href="${escapeXml(link)}"/>`,
      `    <updated>${entry.recordedAt}</updated>`,
      `    <published>${entry.happenedOn}T00:00:00Z</published>`,
      summary ? `    <summary type="text">${escapeXml(summary)}</summary>` : null,
      "  </entry>",
    ]
      .filter((line) => line !== null)
      .join("\n");
  });
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${locale}">`,
    `  <id>${escapeXml(selfUrl)}</id>`,
    `  <title>${escapeXml(title)}</title>`,
    `  <updated>${updated}</updated>`,
    `  <author><name>${escapeXml(title)}</name></author>`,
    `  <link rel="self" type="application/atom+xml" href="${escapeXml(selfUrl)}"/>`,
    `  <link rel="alternate" type="text/html" href="${escapeXml(new URL(`/${locale}`, origin).href)}"/>`,
    ...items,
    "</feed>",
    "",
  ].join("\n");
}

/** Escapes a TEXT value (RFC 5545 §3.3.11). */
const escapeText = (text: string) =>
  text
    .replace(/\\/g, "\\\\")
    .replace(/;/g, "\\;")
    .replace(/,/g, "\\,")
    // Every kind of line break is an escaped newline: a bare CR would otherwise end the content line.
    .replace(/\r\n|\r|\n/g, "\\n")
    // Other control characters are not allowed in a TEXT value (RFC 5545 §3.3.11).
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, "");

/** Folds a content line at 75 octets, never inside a UTF-8 character (RFC 5545 §3.1). */
function fold(line: string): string {
  const parts: string[] = [];
  let current = "";
  let octets = 0;
  for (const character of line) {
    const size = Buffer.byteLength(character);
    if (octets + size > (parts.length === 0 ? 75 : 74)) {
      parts.push(current);
      current = "";
      octets = 0;
    }
    current += character;
    octets += size;
  }
  parts.push(current);
  return parts.join("\r\n ");
}

const basicDate = (isoDay: string) => isoDay.replaceAll("-", "");
const basicTimestamp = (iso: string) => iso.replace(/[-:]/g, "").replace(/\.\d{3}/, "");
const nextDay = (isoDay: string) => new Date(Date.parse(`${isoDay}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

export type CalendarInput = {
  locale: Locale;
  origin: URL;
  name: string;
  /** The word that starts the summary of an event whose date passed undelivered ("Overdue"). */
  overdueLabel: string;
  events: DatedMilestone[];
};

/** An iCalendar (RFC 5545) feed: one all-day event per milestone, on its target date; an overdue one says so first. */
export function iCalendar({ locale, origin, name, overdueLabel, events }: CalendarInput): string {
  const host = origin.hostname;
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Roadmap tracker//Japan-Peru Road Map//EN",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    `X-WR-CALNAME:${escapeText(name)}`,
    "X-WR-TIMEZONE:UTC",
    "REFRESH-INTERVAL;VALUE=DURATION:PT6H",
    "X-PUBLISHED-TTL:PT6H",
  ];
  for (const event of events) {
    lines.push(
      "BEGIN:VEVENT",
      `UID:${event.slug}@${host}`,
      `DTSTAMP:${basicTimestamp(event.updatedAt)}`,
      `LAST-MODIFIED:${basicTimestamp(event.updatedAt)}`,
      `DTSTART;VALUE=DATE:${basicDate(event.date)}`,
      `DTEND;VALUE=DATE:${basicDate(nextDay(event.date))}`,
      `SUMMARY:${escapeText(`${event.overdue ? `${overdueLabel}: ` : ""}${inLocale(event.title, locale).text}`)}`,
      `URL:${new URL(`/${locale}/milestones/${event.slug}`, origin).href}`,
      ...(event.location ? [`LOCATION:${escapeText(event.location)}`] : []),
      "TRANSP:TRANSPARENT",
      "STATUS:TENTATIVE",
      "END:VEVENT",
    );
  }
  lines.push("END:VCALENDAR");
  return lines.map(fold).join("\r\n") + "\r\n";
}
