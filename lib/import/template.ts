import "server-only";
import { z } from "zod";
import { todayUtc } from "../dates";
import { parseQuery } from "../http/query";
import { header, reportFileName } from "../reports/columns";
import { csvStream, type CsvDownload } from "../reports/csv";
import { fileOptions } from "../reports/request";
import { importColumns } from "./read";

/** The import template: the staff export's header row, in the language and format asked for (`lang`, `encoding`, `bom`). */
export function importTemplateCsv(search: URLSearchParams): CsvDownload {
  const { lang, encoding, bom } = parseQuery(z.object(fileOptions), search);
  const format = { encoding, bom };
  async function* noRows() {}
  return {
    fileName: reportFileName("milestones-template", { lang, format, internal: false }, todayUtc()),
    format,
    body: csvStream(header(importColumns, lang), noRows(), format),
  };
}
