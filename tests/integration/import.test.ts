import { parse } from "csv-parse/sync";
import Papa from "papaparse";
import iconv from "iconv-lite";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { ForbiddenError, NotSignedInError } from "@/lib/errors";
import { importMilestones, type ImportReport } from "@/lib/import/apply";
import { ImportFileError } from "@/lib/import/read";
import { importTemplateCsv } from "@/lib/import/template";
import { updateMilestone } from "@/lib/milestones/edits";
import { exportMilestonesCsv } from "@/lib/reports/milestones-csv";
import type { Viewer } from "@/lib/auth/roles";
import { addStaff } from "../support/builders";
import { seededDatabasePerFile } from "../support/database";

seededDatabasePerFile();

let editor: Viewer;

beforeAll(async () => {
  const user = await addStaff("editor", { email: "editor@mofa.example", name: "Sato Editor" });
  editor = { id: user.id, role: "editor" };
});

/** The staff export as a table: header and rows. */
async function exported(query = ""): Promise<string[][]> {
  const download = exportMilestonesCsv(editor, new URLSearchParams(query));
  return parse(Buffer.from(await new Response(download.body).arrayBuffer()), { bom: true });
}

/** CSV text as Excel writes it: CRLF between records, fields with line breaks quoted. */
const csvOf = (table: string[][]) => Papa.unparse(table, { newline: "\r\n" });
const file = (table: string[][]) => Buffer.from(`\uFEFF${csvOf(table)}`);

/** Sets `column` of the row whose key is `key`. */
function edit(table: string[][], key: string, changes: Record<string, string>): string[][] {
  const header = table[0]!;
  return table.map((row, index) => (index > 0 && row[0] === key ? row.map((cell, column) => changes[header[column]!] ?? cell) : row));
}

async function state() {
  const [milestones, updates, events] = await Promise.all([
    db().milestone.findMany({ orderBy: { id: "asc" }, select: { slug: true, version: true, status: true, progress: true, titleEn: true, targetDate: true } }),
    db().progressUpdate.count(),
    db().auditEvent.count(),
  ]);
  return { milestones, updates, events };
}

async function fileProblem(bytes: Uint8Array): Promise<string> {
  const before = await state();
  try {
    await importMilestones(editor, bytes, { apply: true });
  } catch (error) {
    expect(error).toBeInstanceOf(ImportFileError);
    expect(await state()).toEqual(before);
    return (error as ImportFileError).problem.code;
  }
  throw new Error("the file was accepted");
}

const rejections = (report: ImportReport) =>
  report.rows.filter((row) => row.outcome === "reject").map((row) => ({ line: row.line, codes: row.problems.map((problem) => problem.code) }));

describe("importing an export back", () => {
  it("changes nothing, in each language", async () => {
    for (const lang of ["en", "es", "ja"]) {
      const before = await state();
      const table = await exported(`lang=${lang}`);
      const report = await importMilestones(editor, file(table), { apply: true });
      expect(report.counts, lang).toEqual({ create: 0, update: 0, unchanged: table.length - 1, reject: 0 });
      expect(await state()).toEqual(before);
    }
  });

  it("accepts the template's columns and the public export's", async () => {
    const template = importTemplateCsv(new URLSearchParams("lang=es"));
    const header = parse(Buffer.from(await new Response(template.body).arrayBuffer()), { bom: true })[0] as string[];
    expect(header).toEqual((await exported("lang=es"))[0]);
    const publicExport = exportMilestonesCsv(null, new URLSearchParams());
    const report = await importMilestones(editor, Buffer.from(await new Response(publicExport.body).arrayBuffer()), { apply: false });
    expect(report.counts.reject).toBe(0);
    expect(report.counts.update).toBe(0);
  });
});

describe("a dry run, then apply", () => {
  it("shows row by row what would be created and changed, saves nothing, then applies it all with history and audit", async () => {
    const table = await exported("pillar=economic");
    const [first, second] = [table[1]!, table[2]!];
    let changed = edit(table, first[0]!, {
      Status: "Delayed",
      "Progress (%)": "35",
      "Last update note": "Port works held up by permits",
      "Last update": "2026-10-01",
    });
    changed = edit(changed, second[0]!, { Title: "A clearer title", "Target date": "2031-12-31", "Last update note": "Moved to the 2031 dialogue" });
    const newRow = table[0]!.map(() => "");
    const put = (column: string, value: string) => (newRow[table[0]!.indexOf(column)] = value);
    put("Key", "new-hydrogen-dialogue");
    put("Pillar", "Económico"); // any language's pillar name
    put("Kind", "agreement");
    put("Status", "Planned");
    put("Progress (%)", "0");
    put("Title", "Hydrogen dialogue");
    put("Summary", "A new dialogue on hydrogen");
    put("Source", "https://example.org/hydrogen");
    put("Target date", "2027-06-30");
    put("Public", "yes");
    changed.push(newRow);

    const before = await state();
    const dryRun = await importMilestones(editor, file(changed), { apply: false });
    expect(await state()).toEqual(before);
    expect(dryRun.applied).toBe(false);
    expect(dryRun.counts).toEqual({ create: 1, update: 2, unchanged: table.length - 3, reject: 0 });
    const firstResult = dryRun.rows.find((row) => row.key === first[0])!;
    expect(firstResult.line).toBe(2);
    expect(firstResult.changes).toEqual([
      { column: "Status", before: first[table[0]!.indexOf("Status")], after: "Delayed" },
      { column: "Progress (%)", before: first[table[0]!.indexOf("Progress (%)")], after: "35" },
    ]);
    expect(firstResult).toMatchObject({
      title: first[table[0]!.indexOf("Title")],
      logs: { status: "delayed", progress: 35, happenedOn: "2026-10-01", note: "Port works held up by permits" },
      reschedule: null,
    });
    const secondResult = dryRun.rows.find((row) => row.key === second[0])!;
    expect(secondResult.changes.map((change) => change.column)).toEqual(["Title", "Target date"]);
    expect(secondResult).toMatchObject({
      logs: null,
      reschedule: { before: second[table[0]!.indexOf("Target date")], after: "2031-12-31", reason: "Moved to the 2031 dialogue" },
    });
    expect(dryRun.rows.at(-1)).toMatchObject({ key: "new-hydrogen-dialogue", outcome: "create", line: table.length + 1 });

    const applied = await importMilestones(editor, file(changed), { apply: true });
    expect(applied.applied).toBe(true);
    const delayed = await db().milestone.findUniqueOrThrow({ where: { slug: first[0] }, include: { progressUpdates: { orderBy: { id: "desc" }, take: 1 } } });
    expect(delayed).toMatchObject({ status: "delayed", progress: 35, version: Number(first[table[0]!.indexOf("Version")]) + 1 });
    expect(delayed.progressUpdates[0]).toMatchObject({ note: "Port works held up by permits", statusAfter: "delayed", authorId: editor!.id });
    expect(delayed.progressUpdates[0]!.happenedOn.toISOString().slice(0, 10)).toBe("2026-10-01");
    expect(await db().milestone.findUniqueOrThrow({ where: { slug: second[0] } })).toMatchObject({ titleEn: "A clearer title" });
    expect(await db().milestone.findUniqueOrThrow({ where: { slug: "new-hydrogen-dialogue" } })).toMatchObject({ kind: "agreement", isPublic: true });
    const after = await state();
    expect(after.updates).toBe(before.updates + 1);
    // One audit event per change: the progress (milestone and progress update), the edit and its reschedule, the creation.
    expect(after.events).toBe(before.events + 5);

    // The same file again changes nothing: its rows now match, except the completed milestone
    // whose completion date the new status cleared, which the file's old version cannot undo.
    const again = await importMilestones(editor, file(changed), { apply: true });
    expect(again.applied).toBe(false);
    expect(again.counts).toMatchObject({ create: 0, update: 0, reject: 1 });
    expect(rejections(again)).toEqual([{ line: 2, codes: ["stale"] }]);
    expect(await state()).toEqual(after);
  });

  it("rejects a row from an outdated export instead of overwriting a newer change", async () => {
    const table = await exported("pillar=people-to-people");
    const key = table[1]![0]!;
    const version = Number(table[1]![table[0]!.indexOf("Version")]);
    await updateMilestone(editor, key, { expectedVersion: version, location: "Cusco" });
    const before = await state();
    const report = await importMilestones(editor, file(edit(table, key, { "Target date": "2030-01-01" })), { apply: true });
    expect(report.applied).toBe(false);
    expect(report.rows.find((row) => row.key === key)).toMatchObject({
      outcome: "reject",
      problems: [{ code: "stale", values: { fileVersion: version, currentVersion: version + 1 } }],
    });
    expect(await state()).toEqual(before);
  });

  it("saves nothing when only the last row is bad", async () => {
    const table = await exported("pillar=defense-security");
    const keys = table.slice(1).map((row) => row[0]!);
    let changed = edit(table, keys[0]!, { "Target date": "2032-02-02", "Last update note": "Postponed by both sides" });
    changed = edit(changed, keys.at(-1)!, { Status: "Finished" });
    const before = await state();
    const report = await importMilestones(editor, file(changed), { apply: true });
    expect(report.applied).toBe(false);
    expect(report.counts.update).toBe(1);
    expect(rejections(report)).toEqual([{ line: table.length, codes: ["unknownStatus"] }]);
    expect(await state()).toEqual(before);
  });

  it("needs a note for a change of status or progress, like a manual update", async () => {
    const table = await exported("pillar=economic");
    const report = await importMilestones(editor, file(edit(table, table[1]![0]!, { "Progress (%)": "55" })), { apply: false });
    expect(rejections(report)).toEqual([{ line: 2, codes: ["noteRequired"] }]);
  });

  it("is for editors only", async () => {
    const bytes = file(await exported());
    await expect(importMilestones(null, bytes, { apply: false })).rejects.toBeInstanceOf(NotSignedInError);
    await expect(importMilestones({ id: editor!.id, role: "viewer" }, bytes, { apply: false })).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe("text and dates as Excel in Tokyo and Lima save them", () => {
  /** Rewrites every ISO date cell (2026-03-31) of a table with `format`. */
  const redate = (table: string[][], format: (year: string, month: string, day: string) => string) =>
    table.map((row, index) => (index === 0 ? row : row.map((cell) => cell.replace(/^(\d{4})-(\d{2})-(\d{2})$/, (_, y, m, d) => format(y, m, d)))));

  it("takes a Shift_JIS export with Spanish text back changing exactly the one edited row, and says once why the others are unchanged", async () => {
    const download = exportMilestonesCsv(editor, new URLSearchParams("lang=es&encoding=shift_jis"));
    const table: string[][] = parse(iconv.decode(Buffer.from(await new Response(download.body).arrayBuffer()), "cp932"));
    expect(table.some((row) => row.some((cell) => cell.includes("Canciller?a")))).toBe(true);
    const key = table[1]![0]!;
    const bytes = iconv.encode(csvOf(edit(table, key, { Lugar: "Arequipa" })), "cp932");
    const before = await state();
    const report = await importMilestones(editor, bytes, { apply: false });
    expect(report.counts).toMatchObject({ update: 1, reject: 0 });
    expect(report.rows.filter((row) => row.outcome === "update").map((row) => [row.key, row.changes.map((change) => change.column)])).toEqual([
      [key, ["Lugar"]],
    ]);
    expect(report.notices).toEqual([{ code: "shiftJisUnchanged", values: { cells: expect.any(Number) } }]);
    await importMilestones(editor, bytes, { apply: true });
    const after = await db().milestone.findMany({ select: { slug: true, leadAgencyB: true, location: true, titleEs: true, summaryEs: true } });
    expect(after.find((milestone) => milestone.slug === key)!.location).toBe("Arequipa");
    expect(JSON.stringify(after)).not.toContain("?a");
    expect((await state()).updates).toBe(before.updates);
  });

  it("reads dates as Japanese Excel saves them (2026/3/31)", async () => {
    const table = redate(await exported("lang=ja"), (year, month, day) => `${year}/${Number(month)}/${Number(day)}`);
    expect(table.some((row) => row.some((cell) => /^\d{4}\/\d{1,2}\/\d{1,2}$/.test(cell)))).toBe(true);
    const report = await importMilestones(editor, file(table), { apply: false });
    expect(report.counts).toMatchObject({ create: 0, update: 0, reject: 0 });
  });

  it("reads day-first dates in a Spanish file (31/03/2026) and refuses them where the order is ambiguous", async () => {
    const spanish = redate(await exported("lang=es"), (year, month, day) => `${day}/${month}/${year}`);
    expect((await importMilestones(editor, file(spanish), { apply: false })).counts).toMatchObject({ update: 0, reject: 0 });
    const english = redate(await exported("lang=en&pillar=economic"), (year, month, day) => `${day}/${month}/${year}`);
    const report = await importMilestones(editor, file(english), { apply: false });
    expect(report.counts.update).toBe(0);
    expect(report.rows.filter((row) => row.outcome === "reject").flatMap((row) => row.problems.map((problem) => problem.code))).toContain("ambiguousDate");
  });
});

describe("bad files", () => {
  it("refuses wrong, missing, unknown and repeated columns", async () => {
    const table = await exported();
    expect(await fileProblem(file(table.map((row) => row.slice(1))))).toBe("missingColumns");
    expect(await fileProblem(file(table.map((row, index) => [...row, index === 0 ? "Budget" : "1"])))).toBe("unknownColumns");
    expect(await fileProblem(file(table.map((row) => [...row, row[0]!])))).toBe("duplicateColumns");
  });

  it("rejects unknown statuses, pillars and kinds, malformed dates and numbers, with line numbers", async () => {
    const table = await exported("pillar=economic");
    const keys = table.slice(1, 7).map((row) => row[0]!);
    let changed = edit(table, keys[0]!, { Status: "Finished" });
    changed = edit(changed, keys[1]!, { Pillar: "Space" });
    changed = edit(changed, keys[2]!, { Kind: "Party" });
    changed = edit(changed, keys[3]!, { "Target date": "31/12/2027" });
    changed = edit(changed, keys[4]!, { "Completed on": "2025-02-30" });
    changed = edit(changed, keys[5]!, { "Progress (%)": "120" });
    const report = await importMilestones(editor, file(changed), { apply: true });
    expect(report.applied).toBe(false);
    expect(rejections(report)).toEqual([
      { line: 2, codes: ["unknownStatus"] },
      { line: 3, codes: ["unknownPillar"] },
      { line: 4, codes: ["unknownKind"] },
      { line: 5, codes: ["ambiguousDate"] },
      { line: 6, codes: ["badDate"] },
      { line: 7, codes: ["badProgress"] },
    ]);
  });

  it("rejects duplicate keys, naming the other line", async () => {
    const table = await exported("pillar=economic");
    const report = await importMilestones(editor, file([...table, table[1]!]), { apply: true });
    expect(report.applied).toBe(false);
    expect(report.rows.at(-1)).toMatchObject({
      line: table.length + 1,
      outcome: "reject",
      problems: [{ code: "duplicateKey", values: { key: table[1]![0], line: 2 } }],
    });
  });

  it("rejects formula cells, and takes back the export's neutralised ones", async () => {
    const table = await exported("pillar=economic");
    const key = table[1]![0]!;
    const formula = await importMilestones(editor, file(edit(table, key, { Location: '=HYPERLINK("http://evil.example")' })), { apply: true });
    expect(formula.applied).toBe(false);
    expect(formula.rows[0]!.problems).toEqual([{ code: "formula", values: { column: "Location", character: '"="' } }]);
    for (const character of ["+", "-", "@", "\t", "\r"]) {
      const report = await importMilestones(editor, file(edit(table, key, { Location: `${character}cmd` })), { apply: false });
      expect(
        report.rows[0]!.problems.map((problem) => problem.code),
        JSON.stringify(character),
      ).toEqual(["formula"]);
    }
    const neutralised = await importMilestones(editor, file(edit(table, key, { Location: "'=Lima" })), { apply: false });
    expect(neutralised.rows[0]!.changes).toEqual([{ column: "Location", before: table[1]![table[0]!.indexOf("Location")], after: "=Lima" }]);
  });

  it("reads a Shift_JIS file from older Japanese Excel", async () => {
    const table = await exported("lang=ja&pillar=economic");
    // Characters Shift_JIS lacks (accented letters, emoji) cannot be in such a file; this row has none.
    const plain = table.findIndex((row, index) => index > 0 && row.every((cell) => iconv.decode(iconv.encode(cell, "cp932"), "cp932") === cell));
    const key = table[plain]![0]!;
    const changed = edit(table, key, { 目標日: "2029-03-31", 最終更新の備考: "両国の合意により延期" });
    const bytes = iconv.encode(csvOf(changed), "cp932");
    const report = await importMilestones(editor, bytes, { apply: false });
    expect(report.counts.reject).toBe(0);
    expect(report.rows.find((row) => row.key === key)!.changes).toEqual([
      { column: "目標日", before: table[plain]![table[0]!.indexOf("目標日")], after: "2029-03-31" },
    ]);
  });

  it("refuses an empty file, one over 5 MB or 10,000 rows, a text in another encoding, and what is not a CSV", async () => {
    const table = await exported();
    expect(await fileProblem(new Uint8Array())).toBe("empty");
    expect(await fileProblem(Buffer.from("\uFEFF\r\n\r\n"))).toBe("empty");
    expect(await fileProblem(file([table[0]!]))).toBe("empty");
    expect(await fileProblem(Buffer.alloc(5 * 1024 * 1024 + 1, "a"))).toBe("tooLarge");
    const manyRows = [table[0]!, ...Array.from({ length: 10_001 }, (_, index) => table[0]!.map(() => String(index)))];
    expect(await fileProblem(Buffer.from(csvOf(manyRows)))).toBe("tooManyRows");
    expect(await fileProblem(Buffer.from([0x4b, 0x65, 0x79, 0x0a, 0x82, 0xff, 0xfd, 0x0a]))).toBe("encoding");
    expect(await fileProblem(Buffer.from("PK\u0003\u0004 an xlsx workbook", "latin1"))).toBe("notCsvZip");
    expect(await fileProblem(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]))).toBe("notCsvBinary");
    expect(await fileProblem(Buffer.from(`${table[0]!.join(",")}\n"unclosed,"quote"x\n`))).toBe("notCsvSyntax");
    expect(await fileProblem(Buffer.from("Dear colleagues,\nplease find the figures attached.\n"))).toBe("unknownColumns");
  });

  it("refuses a header of a million columns before reading the rest, with a message of one line", async () => {
    const wide = Buffer.from(`${Array.from({ length: 1_000_000 }, () => "x").join(",")}\nrow\n`);
    expect(await fileProblem(wide)).toBe("tooManyColumns");
    const table = await exported();
    const strange = [[...table[0]!, ...Array.from({ length: 12 }, (_, index) => `Column that is not ours ${index} ${"x".repeat(200)}`)], ...table.slice(1)];
    try {
      await importMilestones(editor, file(strange), { apply: false });
      throw new Error("the file was accepted");
    } catch (error) {
      const { code, values } = (error as ImportFileError).problem;
      expect(code).toBe("unknownColumns");
      expect(String(values?.columns).length).toBeLessThan(500);
      expect(String(values?.columns)).toMatch(/\(\+4\)$/);
    }
  });

  it("reads a file saved as UTF-16 (Excel's Unicode text), with Spanish and Japanese intact", async () => {
    const table = await exported("lang=ja");
    const text = `\uFEFF${csvOf(table)}`;
    for (const bytes of [Buffer.from(text, "utf16le"), Buffer.from(text, "utf16le").swap16()]) {
      const report = await importMilestones(editor, bytes, { apply: false });
      expect(report.counts).toEqual({ create: 0, update: 0, unchanged: table.length - 1, reject: 0 });
    }
  });
});
