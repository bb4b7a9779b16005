// Runs anywhere: the filter vocabulary of the milestone list, shared by the
// public list and its cached views, the open-data API and the CSV exports.
// Each parameter is optional; an unknown value is an error naming it.
import { z } from "zod";
import { parseQuery } from "../http/query";
import { milestoneKinds, milestoneStatuses } from "../vocabulary";

export const milestoneSorts = ["target", "updated", "title"] as const;
export type MilestoneSort = (typeof milestoneSorts)[number];

const yearMessage = "year: must be a year such as 2026";
const pageMessage = "page: must be a whole number from 1";
const pageSizeMessage = "pageSize: must be a whole number from 1 to 100";

/** What a milestone must match: the filters proper, which the exports take too. */
export const milestoneFilterShape = {
  pillar: z
    .string()
    .trim()
    .regex(/^[a-z0-9-]{1,80}$/, "pillar: unknown pillar")
    .optional(),
  status: z.enum(milestoneStatuses, { error: "status: unknown status" }).optional(),
  kind: z.enum(milestoneKinds, { error: "kind: unknown kind" }).optional(),
  year: z.coerce.number({ error: yearMessage }).int(yearMessage).min(1900, yearMessage).max(2200, yearMessage).optional(),
  agency: z.string().trim().min(1).max(120, "agency: at most 120 characters").optional(),
  q: z.string().trim().min(1).max(200, "q: at most 200 characters").optional(),
  /** Past its target day and neither completed nor cancelled (lib/dates.ts `isOverdue`). */
  overdue: z.literal("1", { error: "overdue: must be 1 (overdue milestones only), or left out" }).optional(),
};

/** The list's defaults, which its canonical address leaves out. */
export const listDefaults = { sort: "target", page: 1, pageSize: 20 } as const;

/** The list: the filters, an order and a page. */
export const milestoneFilterSchema = z.object({
  ...milestoneFilterShape,
  sort: z.enum(milestoneSorts, { error: "sort: must be target, updated or title" }).default(listDefaults.sort),
  page: z.coerce.number({ error: pageMessage }).int(pageMessage).min(1, pageMessage).default(listDefaults.page),
  pageSize: z.coerce.number({ error: pageSizeMessage }).int(pageSizeMessage).min(1, pageSizeMessage).max(100, pageSizeMessage).default(listDefaults.pageSize),
});

export type MilestoneFilters = z.infer<typeof milestoneFilterSchema>;
export type MilestoneFilterInput = z.input<typeof milestoneFilterSchema>;

/** The list's parameters, in their canonical order. */
export const listParameters = Object.keys(milestoneFilterSchema.shape) as (keyof MilestoneFilters)[];

/** Parses the list's query; throws InvalidParameterError naming the parameters at fault. */
export function parseMilestoneFilters(search: URLSearchParams): MilestoneFilters {
  return parseQuery(milestoneFilterSchema, search);
}

/**
 * The one canonical query string of a view ("pillar=economic&status=completed"):
 * the parameters in `listParameters` order, defaults left out. Every link to
 * the list, the API's links and the cached views are written with it.
 */
export function canonicalQuery(filters: Partial<MilestoneFilters>): string {
  const query = new URLSearchParams();
  for (const name of listParameters) {
    const value = filters[name];
    if (value !== undefined && value !== listDefaults[name as keyof typeof listDefaults]) query.set(name, String(value));
  }
  return query.toString();
}
