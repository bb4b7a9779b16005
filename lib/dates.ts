// Runs anywhere: calendar days, the one way the tracker reads, writes and counts them.
// A day something is due or happened is a calendar day with no time zone; it is
// stored as UTC midnight (PostgreSQL `date`) and written YYYY-MM-DD (ISO 8601).
import { z } from "zod";

export const dayMs = 86_400_000;

/** 2026-03-31 for the day at UTC midnight. */
export function isoDay(day: Date): string {
  return day.toISOString().slice(0, 10);
}

/** `isoDay`, or null for no day. */
export function isoDayOrNull(day: Date | null): string | null {
  return day ? isoDay(day) : null;
}

/** The day YYYY-MM-DD names, at UTC midnight; null unless it is a real day (not 2026-02-30). */
export function parseIsoDay(text: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return null;
  const day = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return !Number.isNaN(day.getTime()) && isoDay(day) === text ? day : null;
}

export function addDays(day: Date, days: number): Date {
  return new Date(day.getTime() + days * dayMs);
}

/** The first day of a year, at UTC midnight. */
export function startOfYear(year: number): Date {
  return new Date(Date.UTC(year, 0, 1));
}

/** The calendar day it is at `now` in a time zone (an IANA name), at UTC midnight. */
export function dayIn(timeZone: string, now = new Date()): Date {
  const parts = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
  return parseIsoDay(parts)!;
}

/** Today in UTC, the zone the tracker's calendar days are kept in. */
export function todayUtc(now = new Date()): Date {
  return parseIsoDay(isoDay(now))!;
}

/** A calendar-day parameter ("2025-11-17") of a URL, for the exports; the message names the parameter. */
export function dayParameter(parameter: string) {
  const message = `${parameter}: must be a date like 2025-11-17`;
  return z.string({ error: message }).transform((value, context) => {
    const day = parseIsoDay(value);
    if (!day) {
      context.addIssue({ code: "custom", message });
      return z.NEVER;
    }
    return day;
  });
}

/** Today's date where it is already latest (UTC+14), so no one's "today" counts as the future. */
export function latestToday(now = new Date()): Date {
  return todayUtc(new Date(now.getTime() + 14 * 60 * 60 * 1000));
}
