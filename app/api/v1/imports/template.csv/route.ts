// GET /api/v1/imports/template.csv?lang=es — the bulk import's template: the milestones export's columns.
import { importTemplateCsv } from "@/lib/import";
import { csvResponse } from "@/lib/reports";
import { locales, type Locale } from "@/lib/translations";

export function GET(request: Request) {
  const requested = new URL(request.url).searchParams.get("lang") ?? "en";
  const lang: Locale = (locales as readonly string[]).includes(requested) ? (requested as Locale) : "en";
  return csvResponse(importTemplateCsv(lang), null);
}
