import { readdir, readFile } from "node:fs/promises";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../..");

/** The tags Next recorded for a cached page (`/en/milestones/x`), or null when it is not in the cache. */
export async function cachedPageTags(pagePath: string): Promise<string[] | null> {
  const base = path.join(root, ".next/server/route-cache/APP_PAGE");
  let buckets: string[];
  try {
    buckets = await readdir(base);
  } catch {
    return null;
  }
  for (const bucket of buckets) {
    try {
      const meta = JSON.parse(await readFile(path.join(base, bucket, "$", `${pagePath.replace(/^\//, "")}.meta`), "utf8")) as {
        headers?: Record<string, string>;
      };
      return (meta.headers?.["x-next-cache-tags"] ?? "").split(",");
    } catch {
      // not in this bucket
    }
  }
  return null;
}
