import { parseFeed } from "@rowanmanning/feed-parser";
import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { InvalidParameterError } from "@/lib/errors";
import { parseFields, requiredParagraphs, requiredText, httpUrl } from "@/lib/forms/fields";
import { ValidationError } from "@/lib/errors";
import { parseMilestoneFilters } from "@/lib/milestones/filters";
import { atomFeed, iCalendar } from "@/lib/public/feeds";
import type { DatedMilestone, PublicFeedEntry } from "@/lib/public/read-models";
import { cleanText, textProblem } from "@/lib/text";
import { hostileStrings } from "../support/hostile";

describe("the one text rule", () => {
  it("refuses what would break a reader or mislead one, naming why", () => {
    expect(hostileStrings.map((text) => textProblem(cleanText(text, { multiline: true })))).toEqual([
      "controlCharacter",
      "controlCharacter",
      null,
      "invalidCharacter",
      "invalidCharacter",
      "invalidCharacter",
      "bidiControl",
      "bidiControl",
      "controlCharacter",
    ]);
  });

  it("keeps line breaks as LF in paragraphs and makes them spaces in a line, and composes accents", () => {
    expect(cleanText("one\r\ntwo\rthree\nfour", { multiline: true })).toBe("one\ntwo\nthree\nfour");
    expect(cleanText("Road\r\nMap", { multiline: false })).toBe("Road Map");
    expect(cleanText("Cancilleri\u0301a", { multiline: false })).toBe("Cancillería");
    expect(textProblem("日本語\tと español 🇯🇵")).toBeNull();
  });

  it("is applied by every form field, which names the problem", () => {
    const fail = (schema: Parameters<typeof parseFields>[0], value: string) => {
      try {
        parseFields(schema, value);
        return null;
      } catch (error) {
        return (error as ValidationError).fieldErrors.form;
      }
    };
    expect(fail(requiredText(300), "Title\u0000")).toEqual(["controlCharacter"]);
    expect(fail(requiredParagraphs(4000), "Note \u202eevil")).toEqual(["bidiControl"]);
    expect(fail(httpUrl, "https://example.org/\tx")).toEqual(["invalidUrl"]);
    expect(parseFields(requiredParagraphs(4000), "line one\r\nline two")).toBe("line one\nline two");
  });

  it("is applied to query parameters, which are refused naming the parameter", () => {
    for (const value of ["a\u0000b", "x\u202ey"]) {
      expect(() => parseMilestoneFilters(new URLSearchParams({ q: value }))).toThrow(InvalidParameterError);
    }
    try {
      parseMilestoneFilters(new URLSearchParams({ agency: "MOFA\u0000" }));
    } catch (error) {
      expect((error as InvalidParameterError).parameter).toBe("agency");
    }
  });
});

describe("feeds built from whatever is stored", () => {
  const origin = new URL("https://roadmap.example.org/");
  const entries: PublicFeedEntry[] = hostileStrings.map((text, index) => ({
    id: index + 1,
    statusBefore: "planned",
    statusAfter: "in_progress",
    progressBefore: 0,
    progressAfter: 10,
    note: text,
    noteEs: text,
    noteJa: null,
    evidenceUrl: null,
    happenedOn: "2025-08-07",
    recordedAt: "2025-08-08T10:00:00.000Z",
    milestone: { slug: `hostile-${index}`, title: { en: text, es: text, ja: text }, updatedAt: "2025-08-08T10:00:00.000Z" },
  }));

  it("stay well-formed Atom that a feed reader parses, one entry per update", async () => {
    const xml = atomFeed({
      locale: "en",
      origin,
      title: "Feed",
      statusLabel: (status) => status,
      progressLabel: () => "",
      entries,
      fallbackUpdated: "2024-11-17",
    });
    const feed = parseFeed(xml);
    expect(feed.items).toHaveLength(hostileStrings.length);
    expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
  });

  it("stay iCalendar whose events no stored text can end or extend", () => {
    const events: DatedMilestone[] = hostileStrings.map((text, index) => ({
      slug: `hostile-${index}`,
      title: { en: text, es: null, ja: null },
      status: "planned",
      kind: "ministerial_dialogue",
      pillar: { slug: "economic", position: 2 },
      overdue: index % 2 === 0,
      date: "2026-03-31",
      location: text,
      updatedAt: "2025-08-08T10:00:00.000Z",
    }));
    const text = iCalendar({ locale: "en", origin, name: "Calendar", overdueLabel: "Overdue", events });
    const calendar = new ICAL.Component(ICAL.parse(text));
    const parsed = calendar.getAllSubcomponents("vevent");
    expect(parsed).toHaveLength(hostileStrings.length);
    expect(parsed.some((event) => event.hasProperty("attach"))).toBe(false);
    expect(text.split("\r\n").every((line) => !line.includes("\r") && !line.includes("\n"))).toBe(true);
  });
});
