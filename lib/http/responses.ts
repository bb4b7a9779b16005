import "server-only";
import { errorStatus, TrackerError } from "../errors";
import type { CsvDownload } from "../reports/csv";

// What route handlers answer: open-data JSON, CSV files, feeds, and every
// failure in one JSON shape, `{ "error": { "code", "parameter", "message" } }`.

/** Open data: any site may read it; caches must check back, so an editor's change shows at once. */
export const openDataHeaders = {
  "Access-Control-Allow-Origin": "*",
  "Cache-Control": "public, max-age=0, must-revalidate",
};

export function jsonResponse(body: unknown, status = 200): Response {
  return Response.json(body, { status, headers: openDataHeaders });
}

/** A feed or other public text file. */
export function feedResponse(body: string, contentType: string, headers: Record<string, string> = {}): Response {
  return new Response(body, { headers: { ...openDataHeaders, "Content-Type": contentType, ...headers } });
}

/** The answer to a failed request: an expected failure's code, status and message, or a generic 500 with no internals. */
export function errorResponse(error: unknown): Response {
  if (error instanceof TrackerError) {
    return jsonResponse({ error: { code: error.code, parameter: error.parameter, message: error.message } }, errorStatus[error.code]);
  }
  console.error(error);
  return jsonResponse({ error: { code: "internal_error", parameter: null, message: "The request could not be answered" } }, 500);
}

/** A route handler that answers any failure with `errorResponse`. */
export function answering<Args extends unknown[]>(handler: (...args: Args) => Promise<Response>): (...args: Args) => Promise<Response> {
  return async (...args) => {
    try {
      return await handler(...args);
    } catch (error) {
      return errorResponse(error);
    }
  };
}

/** A CSV download; staff files are private to the browser that asked for them. */
export function csvResponse(download: CsvDownload, { internal }: { internal: boolean }): Response {
  const ascii = download.fileName.replace(/[^\x20-\x7e]/g, "_").replace(/"/g, "_");
  return new Response(download.body, {
    headers: {
      "Content-Type": `text/csv; charset=${download.format.encoding === "shift_jis" ? "Shift_JIS" : "utf-8"}; header=present`,
      "Content-Disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(download.fileName)}`,
      "Cache-Control": internal ? "private, no-store" : "public, max-age=60",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
