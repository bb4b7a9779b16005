import "server-only";
import { stringify } from "csv-stringify/sync";
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
  bom: z.enum(["0", "1"], { error: "bom: must be 0 or 1" }).default("1").transform((value) => value === "1"),
});
export type CsvFormat = z.infer<typeof csvFormatSchema>;

/** A cell that starts like this is a formula to Excel and LibreOffice (OWASP, CSV injection). */
const formulaStart = /^[=+\-@\t\r]/;

export function startsLikeFormula(value: string): boolean {
  return formulaStart.test(value);
}

/** Makes a cell inert by prefixing a single quote, as OWASP recommends; the import removes it again. */
export function neutraliseFormula(value: string): string {
  return startsLikeFormula(value) ? `'${value}` : value;
}

export type CsvCell = string | number | null;

function cellText(cell: CsvCell): string {
  if (cell === null) return "";
  return typeof cell === "number" ? String(cell) : neutraliseFormula(cell);
}

const lineBreak = /[\r\n]/;

/** Rows as RFC 4180 text: fields quoted when they hold a comma, quote or line break; CRLF between records. */
export function csvText(rows: CsvCell[][]): string {
  // csv-stringify quotes a lone CR or LF only when told to; RFC 4180 wants every line break quoted.
  return stringify(
    rows.map((row) => row.map(cellText)),
    { record_delimiter: "windows", quoted_match: lineBreak },
  );
}

function encode(text: string, encoding: CsvEncoding): Uint8Array {
  // CP932 is Microsoft's Shift_JIS, the one Japanese Excel reads; characters it lacks become "?".
  return encoding === "shift_jis" ? iconv.encode(text, "cp932") : Buffer.from(text, "utf8");
}

const rowsPerChunk = 200;

/**
 * A CSV file as a byte stream: the header row, then each batch of rows as the
 * source yields it. Batches are pulled only when the reader wants more, so a
 * slow download holds one batch in memory, never the whole file.
 */
export function csvStream(header: string[], batches: AsyncIterable<CsvCell[][]>, format: CsvFormat): ReadableStream<Uint8Array> {
  const iterator = batches[Symbol.asyncIterator]();
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
        // Written in small pieces: csv-stringify is much faster on short texts than on one long one.
        for (let start = 0; start < next.value.length; start += rowsPerChunk) {
          controller.enqueue(encode(csvText(next.value.slice(start, start + rowsPerChunk)), format.encoding));
        }
      } catch (error) {
        controller.error(error);
      }
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}
