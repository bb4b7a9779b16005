import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { CsvDownload } from "@/lib/reports/csv";
import { exportMilestonesCsv } from "@/lib/reports/milestones-csv";
import { exportProgressLogCsv } from "@/lib/reports/progress-log-csv";
import { addProgressUpdate } from "../support/builders";
import { seededDatabasePerFile } from "../support/database";

// The closest this machine has to Excel: LibreOffice converts each export to
// .xlsx, and the sheet must hold the Japanese and Spanish text intact and no formula.
// Needs Debian's libreoffice-calc-nogui (or libreoffice-calc).

seededDatabasePerFile();

const libreoffice = ["/usr/bin/libreoffice", "/usr/bin/soffice"].find((candidate) => existsSync(candidate));
const note = 'Firma en Lima, "por fin", tras 3 rondas\n日本語の備考 🇯🇵🇵🇪';
let workDir: string;

beforeAll(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), "tracker-libreoffice-"));
  const milestone = await db().milestone.findFirstOrThrow({ where: { isPublic: true, titleJa: { not: null } }, orderBy: { id: "asc" } });
  for (const [text, happenedOn] of [
    [note, "2025-03-01"],
    ['=HYPERLINK("http://evil.example","click")', "2025-04-01"],
  ] as const) {
    await addProgressUpdate(milestone, { note: text, happenedOn: new Date(`${happenedOn}T00:00:00Z`) });
  }
});

afterAll(async () => {
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

async function save(download: CsvDownload, name: string): Promise<string> {
  const file = path.join(workDir, name);
  await writeFile(file, Buffer.from(await new Response(download.body).arrayBuffer()));
  return file;
}

/** The text of every cell in the converted workbook (rich-text runs joined), and its sheet XML. */
function workbook(xlsx: string): { strings: string[]; sheet: string } {
  const xml = execFileSync("unzip", ["-p", xlsx, "xl/sharedStrings.xml"]).toString("utf8");
  const decode = (text: string) =>
    text
      .replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)))
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&amp;/g, "&");
  const strings = [...xml.matchAll(/<si>([\s\S]*?)<\/si>/g)].map((match) =>
    decode([...match[1]!.matchAll(/<t[^>]*>([\s\S]*?)<\/t>/g)].map((run) => run[1]).join("")),
  );
  return { strings, sheet: execFileSync("unzip", ["-p", xlsx, "xl/worksheets/sheet1.xml"]).toString("utf8") };
}

describe("an export opened in LibreOffice", () => {
  it("keeps Japanese and Spanish text, line breaks and emoji, and runs no formula", async () => {
    expect(libreoffice, "LibreOffice is needed: apt-get install -y libreoffice-calc-nogui").toBeDefined();
    const japanese = await save(exportMilestonesCsv(null, new URLSearchParams("lang=ja")), "milestones-ja.csv");
    const spanish = await save(exportProgressLogCsv(null, new URLSearchParams("lang=es"), new Date()), "progress-es.csv");
    // 44,34,76: comma-separated, double quotes, UTF-8 — what Excel reads from the byte-order mark.
    execFileSync(
      libreoffice!,
      [
        `-env:UserInstallation=file://${workDir}/profile`,
        "--headless",
        "--infilter=CSV:44,34,76,1",
        "--convert-to",
        "xlsx",
        "--outdir",
        workDir,
        japanese,
        spanish,
      ],
      { stdio: "pipe", timeout: 90_000 },
    );

    const ja = workbook(japanese.replace(/\.csv$/, ".xlsx"));
    const titlesJa = (await db().milestone.findMany({ where: { isPublic: true, titleJa: { not: null } }, select: { titleJa: true } })).map(
      (row) => row.titleJa,
    );
    expect(ja.strings).toEqual(expect.arrayContaining(["キー", "状況", "柱", "経済", "完了", ...titlesJa]));

    const es = workbook(spanish.replace(/\.csv$/, ".xlsx"));
    expect(es.strings).toEqual(expect.arrayContaining(["Clave", "Estado anterior", "Completado", note, `'=HYPERLINK("http://evil.example","click")`]));
    for (const sheet of [ja.sheet, es.sheet]) expect(sheet).not.toMatch(/<f[ >]/);
  });
});
