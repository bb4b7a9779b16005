import { parse } from "csv-parse/sync";
import iconv from "iconv-lite";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { MilestoneStatus } from "@/lib/generated/prisma/enums";
import { InvalidParameterError } from "@/lib/errors";
import { parseMilestoneFilters } from "@/lib/milestones/filters";
import { listMilestones } from "@/lib/milestones/list";
import { exportAnnualCsv, getAnnualReport } from "@/lib/reports/annual";
import { reportLabels } from "@/lib/reports/columns";
import type { CsvDownload } from "@/lib/reports/csv";
import { exportMilestonesCsv } from "@/lib/reports/milestones-csv";
import { exportProgressLogCsv } from "@/lib/reports/progress-log-csv";
import type { Viewer } from "@/lib/auth/roles";
import { addMilestone, addProgressUpdate, addStaff, staffViewer } from "../support/builders";
import { seededDatabasePerFile } from "../support/database";

seededDatabasePerFile();

const staff = staffViewer();
const today = new Date("2026-11-27T10:00:00Z");
const trickyNote = 'Signed in Lima, "finally", after 3 rounds,\nwith MINEM and METI\r\n日本語の備考 🇯🇵🇵🇪 ¡Cooperación!';
const formulaNotes = ['=HYPERLINK("http://evil.example","click")', "+1+2", "-2+3", "@SUM(A1:A2)", "\tTabbed", "\rReturn"];

async function bytes(download: CsvDownload): Promise<Buffer> {
  return Buffer.from(await new Response(download.body).arrayBuffer());
}

async function rowsOf(download: CsvDownload): Promise<Record<string, string>[]> {
  const buffer = await bytes(download);
  const text = download.format.encoding === "shift_jis" ? iconv.decode(buffer, "cp932") : buffer.toString("utf8");
  return parse(text, { columns: true, bom: true, relax_column_count: false });
}

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
let historyMilestoneSlug = "";

beforeAll(async () => {
  const author = await addStaff("editor", { email: "yamada@mofa.example", name: "Yamada Hanako" });
  // A milestone with a history built here: planned → in progress (30) → delayed (45) → in progress (70) → completed.
  const milestone = await addMilestone({
    slug: "report-history-copper",
    titleEn: "Copper supply-chain study",
    titleEs: "Estudio de la cadena de suministro de cobre",
    titleJa: "銅サプライチェーン調査",
    summaryEn: "A study",
    kind: "minerals_project",
    status: "completed",
    progress: 100,
    targetDate: day("2026-06-30"),
    completedOn: day("2026-05-20"),
    leadAgencyA: "METI",
    leadAgencyB: "MINEM",
    sourceUrl: "https://example.org/study",
    createdAt: new Date("2025-01-15T09:00:00Z"),
  });
  historyMilestoneSlug = milestone.slug;
  const steps: [string, MilestoneStatus, number, MilestoneStatus, number, string, boolean][] = [
    ["2025-02-01", "planned", 0, "in_progress", 30, "Kick-off in Lima", true],
    ["2025-06-10", "in_progress", 30, "delayed", 45, trickyNote, true],
    ["2025-11-17", "delayed", 45, "in_progress", 70, "Internal: budget approved", false],
    ["2026-05-20", "in_progress", 70, "completed", 100, "Report delivered", true],
  ];
  for (const [happenedOn, statusBefore, progressBefore, statusAfter, progressAfter, note, noteIsPublic] of steps) {
    await addProgressUpdate(milestone, {
      authorId: author.id,
      statusBefore,
      statusAfter,
      progressBefore,
      progressAfter,
      note,
      noteIsPublic,
      happenedOn: day(happenedOn),
    });
  }
  const internal = await addMilestone({
    slug: "report-internal-negotiation",
    titleEn: "Confidential negotiation",
    summaryEn: "Internal",
    kind: "agreement",
    status: "at_risk",
    progress: 20,
    targetDate: day("2027-02-01"),
    isPublic: false,
    sourceUrl: "https://example.org/internal",
  });
  for (const [index, note] of formulaNotes.entries()) {
    await addProgressUpdate(internal, { note, noteIsPublic: false, happenedOn: day(`2026-0${index + 1}-01`) });
  }
  await db().milestone.update({ where: { id: internal.id }, data: { location: "=cmd|' /C calc'!A0" } });
});

describe("the milestones export", () => {
  it("holds exactly the milestones of the public list with their database values", async () => {
    const rows = await rowsOf(exportMilestonesCsv(null, new URLSearchParams(), today));
    const list = await listMilestones(null, parseMilestoneFilters(new URLSearchParams("pageSize=100")));
    expect(rows.map((row) => row.Key).sort()).toEqual(list.milestones.map((milestone) => milestone.slug).sort());
    const stored = await db().milestone.findMany({ where: { isPublic: true }, include: { pillar: true } });
    for (const milestone of stored) {
      const row = rows.find((candidate) => candidate.Key === milestone.slug)!;
      expect(row).toMatchObject({
        Pillar: milestone.pillar.nameEn,
        Kind: reportLabels.en.kind[milestone.kind],
        Status: reportLabels.en.status[milestone.status],
        "Progress (%)": String(milestone.progress),
        Title: milestone.titleEn,
        "Target date": milestone.targetDate?.toISOString().slice(0, 10) ?? "",
        "Completed on": milestone.completedOn?.toISOString().slice(0, 10) ?? "",
        "Lead agency (Japan)": milestone.leadAgencyA ?? "",
        "Lead agency (Peru)": milestone.leadAgencyB ?? "",
        "Public page": `/en/milestones/${milestone.slug}`,
        Version: String(milestone.version),
      });
    }
    expect(Object.keys(rows[0]!)).not.toContain("Last update by");
    expect(JSON.stringify(rows)).not.toContain("Confidential");
  });

  it("gives staff the internal milestones, who updated last, and neutralised formulas", async () => {
    const rows = await rowsOf(exportMilestonesCsv(staff, new URLSearchParams("status=at_risk"), today));
    const internal = rows.find((row) => row.Key === "report-internal-negotiation")!;
    expect(internal).toMatchObject({ Public: "no", Location: "'=cmd|' /C calc'!A0", "Last update note": "'\rReturn" });
    const history = (await rowsOf(exportMilestonesCsv(staff, new URLSearchParams(), today))).find((row) => row.Key === historyMilestoneSlug)!;
    expect(history["Last update by"]).toBe("Yamada Hanako");
  });

  it("applies the list's filters and names them in the file name", async () => {
    for (const query of [
      "pillar=economic",
      "status=completed",
      "kind=agreement",
      "year=2024",
      "agency=meti",
      `q=${encodeURIComponent("覚書")}`,
      "pillar=economic&status=completed",
    ]) {
      const download = exportMilestonesCsv(null, new URLSearchParams(query), today);
      const rows = await rowsOf(download);
      const list = await listMilestones(null, parseMilestoneFilters(new URLSearchParams(`${query}&pageSize=100`)));
      expect(rows.map((row) => row.Key).sort(), query).toEqual(list.milestones.map((milestone) => milestone.slug).sort());
    }
    expect(exportMilestonesCsv(null, new URLSearchParams("status=delayed"), today).fileName).toBe("japan-peru-milestones_status-delayed_2026-11-27.csv");
    expect(exportMilestonesCsv(staff, new URLSearchParams("pillar=economic&lang=ja&encoding=shift_jis"), today).fileName).toBe(
      "japan-peru-milestones_pillar-economic_internal_ja_shift-jis_2026-11-27.csv",
    );
    expect(exportProgressLogCsv(null, new URLSearchParams("asOf=2025-11-17"), today).fileName).toBe("japan-peru-progress-log_as-of-2025-11-17.csv");
  });

  it("writes headers and values in Spanish and Japanese", async () => {
    const spanish = await rowsOf(exportMilestonesCsv(null, new URLSearchParams("lang=es"), today));
    const study = spanish.find((row) => row.Clave === historyMilestoneSlug)!;
    expect(study).toMatchObject({
      Estado: "Completado",
      Título: "Estudio de la cadena de suministro de cobre",
      Pilar: "Económico",
      "Página pública": `/es/milestones/${historyMilestoneSlug}`,
    });
    const japanese = await rowsOf(exportMilestonesCsv(null, new URLSearchParams("lang=ja"), today));
    expect(japanese.find((row) => row.キー === historyMilestoneSlug)).toMatchObject({ 状況: "完了", 名称: "銅サプライチェーン調査", 柱: "経済" });
  });

  it("starts with a byte-order mark unless bom=0, and ends records with CRLF", async () => {
    const withBom = await bytes(exportMilestonesCsv(null, new URLSearchParams(), today));
    expect([...withBom.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(withBom.toString("utf8")).toMatch(/^\uFEFFKey,Pillar,[^\n]*\r\n/);
    const withoutBom = await bytes(exportMilestonesCsv(null, new URLSearchParams("bom=0"), today));
    expect(withoutBom.subarray(0, 3).toString("utf8")).toBe("Key");
  });

  it("refuses a bad parameter, naming it", () => {
    for (const [query, parameter] of [
      ["asOf=2025-02-30", "asOf"],
      ["asOf=yesterday", "asOf"],
      ["lang=fr", "lang"],
      ["encoding=latin1", "encoding"],
      ["bom=yes", "bom"],
      ["status=finished", "status"],
    ] as const) {
      const error = (() => {
        try {
          exportMilestonesCsv(null, new URLSearchParams(query), today);
        } catch (caught) {
          return caught;
        }
      })();
      expect(error, query).toBeInstanceOf(InvalidParameterError);
      expect((error as InvalidParameterError).issues[0]!.parameter).toBe(parameter);
    }
  });
});

describe("the progress log export", () => {
  it("matches the database row by row, and a note with commas, quotes, line breaks, 日本語 and emoji survives", async () => {
    const rows = await rowsOf(exportProgressLogCsv(staff, new URLSearchParams(), today));
    const stored = await db().progressUpdate.findMany({ include: { milestone: true, author: true }, orderBy: [{ milestoneId: "asc" }, { id: "asc" }] });
    expect(rows).toHaveLength(stored.length);
    stored.forEach((entry, index) => {
      expect(rows[index]).toEqual({
        Key: entry.milestone.slug,
        Title: entry.milestone.titleEn,
        Date: entry.happenedOn.toISOString().slice(0, 10),
        "Recorded at": entry.recordedAt.toISOString(),
        Author: entry.author?.name ?? "",
        "Status before": reportLabels.en.status[entry.statusBefore],
        "Status after": reportLabels.en.status[entry.statusAfter],
        "Progress before (%)": String(entry.progressBefore),
        "Progress after (%)": String(entry.progressAfter),
        Note: /^[=+\-@\t\r]/.test(entry.note) ? `'${entry.note}` : entry.note,
        "Public note": entry.noteIsPublic ? "yes" : "no",
        Evidence: entry.evidenceUrl ?? "",
      });
    });
    expect(rows.map((row) => row.Note)).toContain(trickyNote);
  });

  it("makes every formula-like cell inert with a leading quote", async () => {
    const rows = await rowsOf(exportProgressLogCsv(staff, new URLSearchParams("status=at_risk"), today));
    const notes = rows.filter((row) => row.Key === "report-internal-negotiation").map((row) => row.Note);
    expect(notes).toEqual(formulaNotes.map((note) => `'${note}`));
    expect(notes.every((note) => !/^[=+\-@\t\r]/.test(note!))).toBe(true);
  });

  it("shows the public no internal milestone, note, evidence or author", async () => {
    const rows = await rowsOf(exportProgressLogCsv(null, new URLSearchParams(), today));
    expect(Object.keys(rows[0]!)).not.toContain("Author");
    expect(rows.some((row) => row.Key === "report-internal-negotiation")).toBe(false);
    const internalNote = rows.find((row) => row.Key === historyMilestoneSlug && row.Date === "2025-11-17")!;
    expect(internalNote.Note).toBe("");
    expect(JSON.stringify(rows)).not.toContain("budget approved");
  });

  it("decodes from Shift_JIS to the same Japanese text", async () => {
    const utf8 = await rowsOf(exportProgressLogCsv(null, new URLSearchParams("lang=ja"), today));
    const download = exportProgressLogCsv(null, new URLSearchParams("lang=ja&encoding=shift_jis"), today);
    const raw = await bytes(download);
    expect(raw.subarray(0, 3).toString("hex")).not.toBe("efbbbf");
    const shiftJis = await rowsOf(exportProgressLogCsv(null, new URLSearchParams("lang=ja&encoding=shift_jis"), today));
    expect(shiftJis.map((row) => row.名称)).toEqual(utf8.map((row) => row.名称));
    expect(shiftJis.map((row) => row.変更後の状況)).toEqual(utf8.map((row) => row.変更後の状況));
    expect(shiftJis.find((row) => row.名称 === "銅サプライチェーン調査")).toBeDefined();
    // Characters outside CP932 (emoji, accented Latin letters) cannot be written in Shift_JIS.
    const tricky = shiftJis.find((row) => row.備考?.startsWith("Signed in Lima"))!;
    expect(tricky.備考).toContain("日本語の備考");
  });
});

describe("as-of reports", () => {
  const studyAsOf = async (asOf: string, viewer: Viewer = null) =>
    (await rowsOf(exportMilestonesCsv(viewer, new URLSearchParams(`asOf=${asOf}`), today))).find((row) => row.Key === historyMilestoneSlug);

  it("rebuilds the milestone's status and progress on each past date from its history", async () => {
    const expected: [string, string | undefined, string | undefined, string][] = [
      ["2025-01-10", undefined, undefined, ""], // not created yet
      ["2025-01-20", "Planned", "0", ""],
      ["2025-02-01", "In progress", "30", "2025-02-01"],
      ["2025-06-09", "In progress", "30", "2025-02-01"],
      ["2025-06-10", "Delayed", "45", "2025-06-10"],
      ["2025-12-31", "In progress", "70", "2025-11-17"],
      ["2026-05-20", "Completed", "100", "2026-05-20"],
    ];
    for (const [asOf, status, progress, lastUpdate] of expected) {
      const row = await studyAsOf(asOf);
      if (!status) {
        expect(row, asOf).toBeUndefined();
        continue;
      }
      expect(row, asOf).toMatchObject({ Status: status, "Progress (%)": progress, "Last update": lastUpdate, Version: "" });
    }
    expect((await studyAsOf("2026-05-20"))!["Completed on"]).toBe("2026-05-20");
    expect((await studyAsOf("2025-12-31"))!["Completed on"]).toBe("");
    // The public sees the date of an internal update but not its note.
    expect((await studyAsOf("2025-12-31"))!["Last update note"]).toBe("");
    expect((await studyAsOf("2025-12-31", staff))!["Last update note"]).toBe("Internal: budget approved");
  });

  it("filters by the status on that date and lists only updates that had happened", async () => {
    const delayed = await rowsOf(exportMilestonesCsv(null, new URLSearchParams("asOf=2025-07-01&status=delayed"), today));
    expect(delayed.map((row) => row.Key)).toEqual([historyMilestoneSlug]);
    const seededCompleted = await rowsOf(exportMilestonesCsv(null, new URLSearchParams("asOf=2024-12-31&status=completed"), today));
    expect(seededCompleted.length).toBeGreaterThan(0);
    const log = await rowsOf(exportProgressLogCsv(null, new URLSearchParams("asOf=2025-06-10"), today));
    expect(log.every((row) => row.Date! <= "2025-06-10")).toBe(true);
    expect(log.filter((row) => row.Key === historyMilestoneSlug)).toHaveLength(2);
  });

  it("gives the same file for a past date however often it is produced", async () => {
    const first = await bytes(exportMilestonesCsv(null, new URLSearchParams("asOf=2025-11-17"), today));
    const second = await bytes(exportMilestonesCsv(null, new URLSearchParams("asOf=2025-11-17"), today));
    expect(second.equals(first)).toBe(true);
  });
});

describe("the annual working-group report", () => {
  it("sorts each pillar's milestones into completed, in progress, delayed or at risk, and coming up", async () => {
    const calendar2025 = await getAnnualReport(null, { year: 2025 });
    const economic = calendar2025.pillars.find((pillar) => pillar.slug === "economic")!;
    const study = economic.sections.inProgress.find((item) => item.slug === historyMilestoneSlug)!;
    expect(study).toMatchObject({ status: "in_progress", progress: 70 });
    // The public reads the year's public notes only.
    expect(study.notes.map((note) => note.text.en)).toEqual(["Kick-off in Lima", trickyNote]);
    expect(economic.sections.comingUp.map((item) => item.slug)).toContain(historyMilestoneSlug);

    const calendar2026 = await getAnnualReport(staff, { year: 2026 });
    const economic2026 = calendar2026.pillars.find((pillar) => pillar.slug === "economic")!;
    expect(economic2026.sections.completed.map((item) => item.slug)).toContain(historyMilestoneSlug);
    expect(economic2026.sections.delayedOrAtRisk.map((item) => item.slug)).toContain("report-internal-negotiation");
    expect((await getAnnualReport(null, { year: 2026 })).pillars.flatMap((pillar) => pillar.sections.delayedOrAtRisk.map((item) => item.slug))).not.toContain(
      "report-internal-negotiation",
    );
  });

  it("follows Japan's fiscal year from April to March when asked", async () => {
    // FY2025 ends on 31 March 2026: the study is in progress then; FY2026 (from April 2026) sees it completed.
    const fy2025 = await getAnnualReport(null, { year: 2025, basis: "fiscal" });
    expect(fy2025.start.toISOString().slice(0, 10)).toBe("2025-04-01");
    expect(fy2025.end.toISOString().slice(0, 10)).toBe("2026-03-31");
    const economic = fy2025.pillars.find((pillar) => pillar.slug === "economic")!;
    expect(economic.sections.inProgress.map((item) => item.slug)).toContain(historyMilestoneSlug);
    expect(economic.sections.inProgress.find((item) => item.slug === historyMilestoneSlug)!.notes.map((note) => note.text.en)).toEqual([trickyNote]);
    const fy2026 = await getAnnualReport(null, { year: 2026, basis: "fiscal" });
    expect(fy2026.pillars.find((pillar) => pillar.slug === "economic")!.sections.completed.map((item) => item.slug)).toContain(historyMilestoneSlug);
  });

  it("exports as CSV with the notes in one cell", async () => {
    const download = await exportAnnualCsv(null, new URLSearchParams("year=2025&basis=fiscal&lang=es"), today);
    expect(download.fileName).toBe("japan-peru-annual-fy2025_es_as-of-2026-03-31.csv");
    const rows = await rowsOf(download);
    const study = rows.filter((row) => row.Clave === historyMilestoneSlug);
    expect(study.map((row) => row.Sección)).toEqual(["En curso", "Previstos para el próximo año"]);
    expect(study[0]!.Notas).toBe(`2025-06-10: ${trickyNote}`);
    await expect(exportAnnualCsv(null, new URLSearchParams("year=next"), today)).rejects.toThrow(/^year:/);
    await expect(exportAnnualCsv(null, new URLSearchParams("year=2025&basis=school"), today)).rejects.toThrow(/^basis:/);
  });
});
