import { describe, expect, it } from "vitest";
import { lostInShiftJis, readDay, readHeader, throughShiftJis } from "@/lib/import/read";
import { importColumns } from "@/lib/import/read";
import { reportLabels } from "@/lib/reports/columns";

// The import's reader (no database): dates as Excel saves them in Tokyo and
// Lima, and texts as they come back through Shift_JIS.

const iso = (value: ReturnType<typeof readDay>) => (value instanceof Date ? value.toISOString().slice(0, 10) : value);

describe("dates as Excel saves them", () => {
  it("reads ISO and year-first dates in every file's language", () => {
    for (const lang of ["en", "es", "ja"] as const) {
      expect(iso(readDay("2026-03-31", lang))).toBe("2026-03-31");
      expect(iso(readDay("2026/3/31", lang))).toBe("2026-03-31");
      expect(iso(readDay("2026/03/01", lang))).toBe("2026-03-01");
    }
  });

  it("reads day-first dates in a Spanish file only, and refuses the order it cannot tell", () => {
    expect(iso(readDay("31/03/2026", "es"))).toBe("2026-03-31");
    expect(iso(readDay("1/4/2026", "es"))).toBe("2026-04-01");
    expect(readDay("1/4/2026", "en")).toBe("ambiguous");
    expect(readDay("31/03/2026", "ja")).toBe("ambiguous");
  });

  it("refuses what is not a real day or not a date", () => {
    for (const value of ["2026/2/30", "30/02/2026", "31.03.2026", "2026-3-31", "26/3/31", "tomorrow"]) expect(readDay(value, "es"), value).toBe("bad");
  });
});

describe("texts through Shift_JIS", () => {
  it("shows the characters Shift_JIS cannot hold as ?, and names them", () => {
    expect(throughShiftJis("Cancillería")).toBe("Canciller?a");
    expect(throughShiftJis("外務省")).toBe("外務省");
    expect(lostInShiftJis("Diálogo político")).toEqual(["á", "í"]);
  });

  it("reads a Spanish header as a Shift_JIS file shows it", () => {
    const labels = importColumns.map((column) => throughShiftJis(reportLabels.es.columns[column]));
    expect(labels).toContain("T?tulo");
    const header = readHeader(labels, "shift_jis");
    expect(header.lang).toBe("es");
    expect(header.columns.size).toBe(importColumns.length);
  });
});
