// Runs anywhere: calendar days, the one way the tracker reads, writes and counts them.
// A day something is due or happened is a calendar day with no time zone; it is
// stored as UTC midnight (PostgreSQL `date`) and written YYYY-MM-DD (ISO 8601).
//
// Which day it is depends on where one stands, and the Road Map's parties are
// fourteen hours apart. Two rules, each chosen so that no one is wronged:
// - A day something happened may be as late as today in Tokyo, where each day
//   begins first: staff in Tokyo and in Lima can both log their own today, and
//   no one can log a day that has not begun anywhere.
// - A day has ended once it has ended in Lima, where each day ends last: a
//   milestone is overdue only after its target day has ended there, and a
//   report "as of" a day, or of what was known by the end of it, is final only
//   then. Nothing is called overdue, or final, too early.
import { z } from "zod";

export const dayMs = 86_400_000;

/** Where each day begins first and ends last among the Road Map's parties. */
export const timeZones = { dayBegins: "Asia/Tokyo", dayEnds: "America/Lima" } as const;

/** 2026-03-31 for the day at UTC midnight. */
export function isoDay(day: Date): string {
  return day.toISOString().slice(0, 10);
}

/** `isoDay`, or null for no day. */
export function isoDayOrNull(day: Date | null): string | null {
  return day ? isoDay(day) : null;
}

/** The day of a year, month (1–12) and day, at UTC midnight, for any year from 1 to 9999. */
export function utcDay(year: number, month: number, day: number): Date {
  const date = new Date(Date.UTC(2000, month - 1, day));
  date.setUTCFullYear(year);
  return date;
}

/** The day YYYY-MM-DD names, at UTC midnight; null unless it is a real day (not 2026-02-30). */
export function parseIsoDay(text: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return null;
  const day = utcDay(Number(match[1]), Number(match[2]), Number(match[3]));
  return !Number.isNaN(day.getTime()) && isoDay(day) === text ? day : null;
}

export function addDays(day: Date, days: number): Date {
  return new Date(day.getTime() + days * dayMs);
}

/** The first day of a year, at UTC midnight. */
export function startOfYear(year: number): Date {
  return utcDay(year, 1, 1);
}

/** The calendar day it is at `now` in a time zone (an IANA name), at UTC midnight. */
export function dayIn(timeZone: string, now = new Date()): Date {
  const parts = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
  return parseIsoDay(parts)!;
}

/** Today in UTC, the zone the tracker's calendar days are stored in. */
export function todayUtc(now = new Date()): Date {
  return parseIsoDay(isoDay(now))!;
}

/** The latest day something can have happened: today in Tokyo. */
export function latestDay(now = new Date()): Date {
  return dayIn(timeZones.dayBegins, now);
}

/** Today in Lima: every day before it has ended for both parties. */
export function todayEverywhere(now = new Date()): Date {
  return dayIn(timeZones.dayEnds, now);
}

/** The last day that has ended for both parties: yesterday in Lima. */
export function lastEndedDay(now = new Date()): Date {
  return addDays(todayEverywhere(now), -1);
}

/** Minutes a time zone is ahead of UTC at `instant` (Lima: −300). */
function offsetMinutes(timeZone: string, instant: Date): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric" })
      .formatToParts(instant)
      .map((part) => [part.type, part.value]),
  );
  const local = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute));
  return Math.round((local - instant.getTime()) / 60_000);
}

/** The moment a day ends for both parties (midnight after it in Lima): what was recorded before it was known by the end of the day. */
export function endOfDay(day: Date): Date {
  const midnight = addDays(day, 1);
  return new Date(midnight.getTime() - offsetMinutes(timeZones.dayEnds, midnight) * 60_000);
}

/** Statuses of a milestone that is done with: it cannot be overdue. */
export const closedStatuses = ["completed", "cancelled"] as const;

/**
 * Overdue: past its target day and neither completed nor cancelled. A derived
 * flag, never a status. `endedBy` is the last day that has ended: for today's
 * state `lastEndedDay()`, for a report as of a day that day itself. The
 * milestone list's query form is `overdueWhere` (lib/milestones/list.ts).
 */
export function isOverdue(milestone: { status: string; targetDate: Date | null }, endedBy: Date): boolean {
  return milestone.targetDate !== null && milestone.targetDate <= endedBy && !(closedStatuses as readonly string[]).includes(milestone.status);
}

/** What the date rules need to know of a road map. */
export type RoadmapSpan = { adoptedOn: Date; firstYear: number; lastYear: number };

/** Years after a road map's last year in which a target date may still lie: time for a late commitment to be delivered. */
export const targetHorizonYears = 2;

export type DayRange = { min: Date; max: Date };

/**
 * The days the forms and the data layer accept: a day something happened or
 * was completed lies from January 1 of the road map's first year to today in
 * Tokyo; a target date from the adoption to December 31 of the horizon year.
 */
export function dayLimits(span: RoadmapSpan, now = new Date()): { happened: DayRange; target: DayRange } {
  return {
    happened: { min: startOfYear(span.firstYear), max: latestDay(now) },
    target: { min: span.adoptedOn, max: utcDay(span.lastYear + targetHorizonYears, 12, 31) },
  };
}

/**
 * A calendar-day parameter ("2025-11-17") of a report's URL, which must name a
 * day that has ended for both parties; the messages name the parameter and the limit.
 */
export function endedDayParameter(parameter: string, now: () => Date = () => new Date()) {
  const message = `${parameter}: must be a date like 2025-11-17`;
  return z.string({ error: message }).transform((value, context) => {
    const day = parseIsoDay(value);
    if (!day) {
      context.addIssue({ code: "custom", message });
      return z.NEVER;
    }
    const latest = lastEndedDay(now());
    if (day > latest) {
      context.addIssue({ code: "custom", message: `${parameter}: must be a day that has ended, ${isoDay(latest)} or earlier` });
      return z.NEVER;
    }
    return day;
  });
}
