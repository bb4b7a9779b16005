// GET /api/v1/imports/template.csv?lang=es — the bulk import's template: the milestones export's columns.
import { answering, csvResponse } from "@/lib/http/responses";
import { importTemplateCsv } from "@/lib/import/template";

export const GET = answering(async (request: Request) => csvResponse(importTemplateCsv(new URL(request.url).searchParams), { internal: false }));
