import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { csvText, neutraliseFormula } from "@/lib/csv";

describe("CSV cells", () => {
  it("cannot run as a formula in a spreadsheet", () => {
    for (const value of ["=1+2", "+81 3 1234", "-5", "@SUM(A1)", "\tx", "\rx"]) expect(neutraliseFormula(value)).toBe(`'${value}`);
    for (const value of ["Lima", "2026-03-31", "'quoted", " =spaced", ""]) expect(neutraliseFormula(value)).toBe(value);
  });

  it("quotes every comma, quote and line break, including a lone CR or LF, and ends records with CRLF", () => {
    const rows = [["a,b", 'say "hi"', "line\nbreak", "carriage\rreturn", "plain", 42, null]];
    const text = csvText(rows);
    expect(text).toBe('"a,b","say ""hi""","line\nbreak","carriage\rreturn",plain,42,\r\n');
    expect(parse(text, { record_delimiter: "\r\n" })).toEqual([["a,b", 'say "hi"', "line\nbreak", "carriage\rreturn", "plain", "42", ""]]);
  });
});
