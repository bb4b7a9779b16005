import { describe, expect, it } from "vitest";
import { dayLimits, endOfDay, isOverdue, lastEndedDay, latestDay, parseIsoDay, todayEverywhere } from "@/lib/dates";

// The date rules (lib/dates.ts): a day may have happened as late as today in
// Tokyo; a day has ended once it has ended in Lima.

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const iso = (date: Date) => date.toISOString().slice(0, 10);

describe("which day it is", () => {
  it("lets something have happened as late as today in Tokyo, which begins first", () => {
    expect(iso(latestDay(new Date("2026-12-01T14:59:00Z")))).toBe("2026-12-01");
    expect(iso(latestDay(new Date("2026-12-01T15:00:00Z")))).toBe("2026-12-02");
  });

  it("counts a day as ended only once it has ended in Lima, which ends last", () => {
    expect(iso(todayEverywhere(new Date("2026-12-02T04:59:00Z")))).toBe("2026-12-01");
    expect(iso(lastEndedDay(new Date("2026-12-02T04:59:00Z")))).toBe("2026-11-30");
    expect(iso(lastEndedDay(new Date("2026-12-02T05:00:00Z")))).toBe("2026-12-01");
    expect(endOfDay(day("2025-11-28")).toISOString()).toBe("2025-11-29T05:00:00.000Z");
  });
});

describe("overdue", () => {
  const endedBy = day("2026-03-31");
  it("is a milestone past its target day and neither completed nor cancelled", () => {
    expect(isOverdue({ status: "planned", targetDate: day("2026-03-31") }, endedBy)).toBe(true);
    expect(isOverdue({ status: "in_progress", targetDate: day("2026-03-30") }, endedBy)).toBe(true);
    expect(isOverdue({ status: "delayed", targetDate: day("2026-04-01") }, endedBy)).toBe(false);
    expect(isOverdue({ status: "completed", targetDate: day("2025-01-01") }, endedBy)).toBe(false);
    expect(isOverdue({ status: "cancelled", targetDate: day("2025-01-01") }, endedBy)).toBe(false);
    expect(isOverdue({ status: "planned", targetDate: null }, endedBy)).toBe(false);
  });

  it("starts the day after the target day has ended in Lima, never earlier", () => {
    const milestone = { status: "planned", targetDate: day("2026-03-31") };
    // 1 April in Tokyo, still 31 March in Lima.
    expect(isOverdue(milestone, lastEndedDay(new Date("2026-04-01T03:00:00Z")))).toBe(false);
    expect(isOverdue(milestone, lastEndedDay(new Date("2026-04-01T05:00:00Z")))).toBe(true);
  });
});

describe("the days the forms accept", () => {
  const span = { adoptedOn: day("2024-11-17"), firstYear: 2024, lastYear: 2033 };
  it("run from the Road Map's first year to today in Tokyo for what happened, and from the adoption to two years after its end for targets", () => {
    const limits = dayLimits(span, new Date("2026-12-01T16:00:00Z"));
    expect([iso(limits.happened.min), iso(limits.happened.max)]).toEqual(["2024-01-01", "2026-12-02"]);
    expect([iso(limits.target.min), iso(limits.target.max)]).toEqual(["2024-11-17", "2035-12-31"]);
  });

  it("reads years before 100 as they are, so that 0001-01-01 is refused as too early, not as 1901", () => {
    expect(parseIsoDay("0001-01-01")?.getUTCFullYear()).toBe(1);
    expect(parseIsoDay("9999-12-31")?.getUTCFullYear()).toBe(9999);
    expect(parseIsoDay("2026-02-29")).toBeNull();
  });
});
