import { describe, expect, it } from "vitest";
import { readPublicMilestone } from "@/lib/public/read-models";
import { exportProgressLogCsv } from "@/lib/reports/progress-log-csv";
import { afterAdoptionEvents } from "@/prisma/seed/japan-peru-after-adoption";
import { csvRows } from "../support/csv";
import { seededDatabasePerFile } from "../support/database";

// The Road Map as public reporting describes it (../shared/roadmap/FACTS.md).

seededDatabasePerFile();

describe("the seeded Road Map", () => {
  it("shows the visa exemption completed on the day it entered into force, with its source", async () => {
    const visa = await readPublicMilestone("visa-exemption-reintroduction-2026");
    expect(visa).toMatchObject({ status: "completed", progress: 100, completedOn: "2025-07-01" });
    const completion = visa!.history.find((update) => update.statusAfter === "completed")!;
    expect(completion).toMatchObject({
      happenedOn: "2025-07-01",
      evidenceUrl: "https://eltiempo.pe/nacional/peruanos-podran-viajar-sin-visa-a-japon-desde-el-1-de-julio-de-2025",
    });
  });

  it("says a milestone was last updated when its last public change was recorded, never the day the seed ran", async () => {
    expect((await readPublicMilestone("road-map-adoption-2024"))?.updatedAt.slice(0, 10)).toBe("2024-11-17");
    expect((await readPublicMilestone("road-map-final-review-2033"))?.updatedAt.slice(0, 10)).toBe("2024-11-17");
    expect((await readPublicMilestone("visa-exemption-reintroduction-2026"))?.updatedAt.slice(0, 10)).toBe("2025-07-01");
  });

  it("gives every event after the adoption its note in the reader's language, in the progress log", async () => {
    for (const [lang, dateColumn, noteColumn] of [
      ["es", "Fecha", "Nota"],
      ["ja", "日付", "備考"],
    ] as const) {
      const rows = await csvRows(exportProgressLogCsv(null, new URLSearchParams(`lang=${lang}`)));
      for (const event of afterAdoptionEvents) {
        const row = rows.find((candidate) => candidate[dateColumn] === event.happenedOn && candidate[noteColumn] === event.note[lang]);
        expect(row, `${lang} ${event.key}`).toBeDefined();
      }
    }
  });
});
