import { parse } from "csv-parse/sync";
import iconv from "iconv-lite";
import type { CsvDownload } from "@/lib/reports/csv";

// Reading the tracker's CSV files back, as a spreadsheet or a script would.

/** The file's bytes, as a download would save them. */
export async function csvBytes(download: CsvDownload): Promise<Buffer> {
  return Buffer.from(await new Response(download.body).arrayBuffer());
}

/** The file's rows, keyed by its (translated) header. */
export async function csvRows(download: CsvDownload): Promise<Record<string, string>[]> {
  const buffer = await csvBytes(download);
  const text = download.format.encoding === "shift_jis" ? iconv.decode(buffer, "cp932") : buffer.toString("utf8");
  return parse(text, { columns: true, bom: true, relax_column_count: false });
}

/** The file as a table: the header row, then the rows. */
export async function csvTable(download: CsvDownload): Promise<string[][]> {
  const buffer = await csvBytes(download);
  const text = download.format.encoding === "shift_jis" ? iconv.decode(buffer, "cp932") : buffer.toString("utf8");
  return parse(text, { bom: true });
}
