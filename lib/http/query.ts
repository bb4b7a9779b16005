// Runs anywhere (the proxy reads the list's views with it): one policy for
// query strings. Only known parameters, one value each; an empty value means
// "not given" (an empty form field). The first parameter at fault is named.
import { z } from "zod";
import { InvalidParameterError } from "../errors";
import { textProblem } from "../text";
import { locales } from "../translations";

/** The query's values by name, or an InvalidParameterError naming an unknown or repeated parameter. */
export function queryValues(search: URLSearchParams, known: readonly string[]): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, value] of search) {
    if (!known.includes(name)) {
      throw new InvalidParameterError([{ parameter: name, message: `${name}: unknown parameter (known: ${known.join(", ")})` }]);
    }
    if (value === "") continue;
    if (name in values) throw new InvalidParameterError([{ parameter: name, message: `${name}: give it once` }]);
    if (textProblem(value)) {
      throw new InvalidParameterError([
        { parameter: name, message: `${name}: holds a character that is not readable text (a control character)`, reason: "unreadable" },
      ]);
    }
    values[name] = value;
  }
  return values;
}

/** The issues of a failed parse, each naming its parameter. */
export function parameterIssues(error: z.ZodError): { parameter: string; message: string }[] {
  return error.issues.map((issue) => ({ parameter: String(issue.path[0] ?? ""), message: issue.message }));
}

/** Parses a query string with `schema`, whose keys are the known parameters. */
export function parseQuery<Shape extends z.ZodRawShape>(schema: z.ZodObject<Shape>, search: URLSearchParams): z.output<z.ZodObject<Shape>> {
  const parsed = schema.safeParse(queryValues(search, Object.keys(schema.shape)));
  if (!parsed.success) throw new InvalidParameterError(parameterIssues(parsed.error));
  return parsed.data;
}

/** `lang` of the feeds and files: en (default), es or ja. */
export const langParameter = z.enum(locales, { error: `lang: must be one of ${locales.join(", ")}` }).default("en");

/** A page's `searchParams` (a record, as Next passes them) as a query, repeated values kept. */
export function searchParamsOf(record: Record<string, string | string[] | undefined>): URLSearchParams {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(record)) {
    for (const one of typeof value === "string" ? [value] : (value ?? [])) search.append(name, one);
  }
  return search;
}
