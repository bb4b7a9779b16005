import { describe, expect, it } from "vitest";
import { afterAdoptionEvents, afterAdoptionMilestones } from "@/prisma/seed/japan-peru-after-adoption";
import { milestones, pillars, roadmap } from "@/prisma/seed/japan-peru";
import { cleanText, textProblem } from "@/lib/text";

/** Every string anywhere in a value, with where it is. */
function strings(value: unknown, at = ""): [string, string][] {
  if (typeof value === "string") return [[at, value]];
  if (Array.isArray(value)) return value.flatMap((item, index) => strings(item, `${at}[${index}]`));
  if (value && typeof value === "object") return Object.entries(value).flatMap(([key, item]) => strings(item, `${at}.${key}`));
  return [];
}

describe("the seed's texts", () => {
  it("follow the one text rule, as any text written through a form does", () => {
    const all = strings({ roadmap, pillars, milestones, afterAdoptionMilestones, afterAdoptionEvents });
    expect(all.length).toBeGreaterThan(500);
    const broken = all.filter(([, text]) => textProblem(text) !== null || cleanText(text, { multiline: true }) !== text);
    expect(broken).toEqual([]);
  });
});
