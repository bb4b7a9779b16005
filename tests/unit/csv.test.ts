import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { csvText, readAhead } from "@/lib/reports/csv";

describe("CSV cells", () => {
  it("cannot run as a formula in a spreadsheet, even when a line break follows the formula", () => {
    const formulas = ["=1+2", "+81 3 1234", "-5", "@SUM(A1)", "\tx", "\rx", '=HYPERLINK("http://x")\nsecond line'];
    const plain = ["Lima", "2026-03-31", "'quoted", " =spaced", "", "日本語"];
    const [cells] = parse(csvText([[...formulas, ...plain, -5]]), { record_delimiter: "\r\n" });
    expect(cells).toEqual([...formulas.map((value) => `'${value}`), ...plain, "-5"]);
  });

  it("quotes every comma, quote and line break, including a lone CR or LF, and ends records with CRLF", () => {
    const rows = [["a,b", 'say "hi"', "line\nbreak", "carriage\rreturn", "plain", 42, null]];
    const text = csvText(rows);
    expect(text).toBe('"a,b","say ""hi""","line\nbreak","carriage\rreturn",plain,42,\r\n');
    expect(parse(text, { record_delimiter: "\r\n" })).toEqual([["a,b", 'say "hi"', "line\nbreak", "carriage\rreturn", "plain", "42", ""]]);
  });
});

describe("reading ahead while a batch is written", () => {
  it("hands out every batch in order, having started the next read before the reader is done", async () => {
    const started: number[] = [];
    async function* batches() {
      for (const batch of [1, 2, 3]) {
        started.push(batch);
        yield batch;
      }
    }
    const seen: { batch: number; readsStarted: number }[] = [];
    for await (const batch of readAhead(batches())) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      seen.push({ batch, readsStarted: started.length });
    }
    expect(seen).toEqual([
      { batch: 1, readsStarted: 2 },
      { batch: 2, readsStarted: 3 },
      { batch: 3, readsStarted: 3 },
    ]);
  });

  it("reports a read that fails while the reader is busy as that read's error, not as a crash", async () => {
    const unhandled: unknown[] = [];
    const record = (reason: unknown) => unhandled.push(reason);
    process.on("unhandledRejection", record);
    try {
      async function* batches() {
        yield 1;
        throw new Error("database went away");
      }
      const iterator = readAhead(batches());
      expect(await iterator.next()).toEqual({ done: false, value: 1 });
      await new Promise((resolve) => setTimeout(resolve, 20));
      await expect(iterator.next()).rejects.toThrow("database went away");
      expect(unhandled).toEqual([]);
    } finally {
      process.off("unhandledRejection", record);
    }
  });

  it("stops the source when the download is cancelled", async () => {
    let closed = false;
    async function* batches() {
      try {
        for (let batch = 1; ; batch++) yield batch;
      } finally {
        closed = true;
      }
    }
    const iterator = readAhead(batches());
    await iterator.next();
    await iterator.return(undefined);
    expect(closed).toBe(true);
  });
});
