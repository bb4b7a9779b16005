import { beforeAll, describe, expect, it } from "vitest";
import type { Viewer } from "@/lib/auth/roles";
import { addDays, dayMs, isoDay, lastEndedDay, latestDay } from "@/lib/dates";
import { closeDatabase, db } from "@/lib/db";
import { ConflictError } from "@/lib/errors";
import { getEditableMilestone, updateMilestone } from "@/lib/milestones/edits";
import { historyOrder, logProgress, stateAfter } from "@/lib/milestones/progress";
import { freezeSnapshot, readSnapshot } from "@/lib/reports/snapshots";
import { milestoneStatuses, type MilestoneStatus } from "@/lib/vocabulary";
import { addStaff } from "../support/builders";
import { seededDatabasePerFile } from "../support/database";

// Random histories, the same on every run (a fixed seed): after every step the
// stored status of each milestone is the one its history explains, its target
// date the one its reschedules end at, and every frozen snapshot hashes as it
// did when it was frozen.

seededDatabasePerFile();

/** A small, seeded pseudo-random generator (mulberry32), so a failing run can be replayed. */
function random(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!,
  };
}

const seed = 20261201;
const pool = [
  "monitoring-working-group-2025",
  "copper-supply-chain-partnership-2026",
  "visa-exemption-reintroduction-2026",
  "tourism-flows-promotion-2027",
  "fire-engines-donation-2025",
];
let editor: Viewer;

beforeAll(async () => {
  editor = { id: (await addStaff("editor", { email: "property@mofa.example" })).id, role: "editor" };
});

/** The milestone's stored state against the one its history and reschedules explain. */
async function explained(slug: string) {
  const milestone = await db().milestone.findUniqueOrThrow({
    where: { slug },
    include: { progressUpdates: { orderBy: historyOrder }, reschedules: { orderBy: [{ recordedAt: "asc" }, { id: "asc" }] } },
  });
  const state = stateAfter(milestone.progressUpdates);
  return {
    stored: { status: milestone.status, progress: milestone.progress, completedOn: milestone.completedOn, targetDate: milestone.targetDate },
    history: { ...state, targetDate: milestone.reschedules.at(-1)?.targetDateAfter ?? milestone.baselineTargetDate },
  };
}

describe("any history of edits, back-dated updates and reschedules", () => {
  it("keeps each status explained by its history and each frozen snapshot's bytes unchanged", async () => {
    const rng = random(seed);
    const first = new Date(Date.UTC(2024, 0, 1)).getTime();
    const lastHappened = latestDay().getTime();
    const snapshots = new Map<string, string[]>();
    const steps: string[] = [];
    for (let step = 0; step < 24; step++) {
      const slug = rng.pick(pool);
      const version = (await getEditableMilestone(editor, slug))!.version;
      const kind = rng.pick(["progress", "progress", "back-dated", "edit", "reschedule", "freeze", "restart"] as const);
      steps.push(`${kind} ${slug}`);
      try {
        if (kind === "progress" || kind === "back-dated") {
          const status: MilestoneStatus = rng.pick(milestoneStatuses);
          const progress = status === "completed" ? 100 : rng.int(0, 99);
          // A back-dated update lands before the milestone's latest ones.
          const latest =
            (await db().progressUpdate.findFirst({ where: { milestone: { slug } }, orderBy: { happenedOn: "desc" } }))?.happenedOn.getTime() ?? lastHappened;
          const happenedOn = kind === "back-dated" ? rng.int(first, latest) : rng.int(first, lastHappened);
          await logProgress(editor, {
            milestone: slug,
            expectedVersion: version,
            status,
            progress,
            note: `Step ${step}: ${status} ${progress}`,
            noteIsPublic: rng.next() < 0.5 ? "on" : "",
            happenedOn: isoDay(new Date(Math.floor(happenedOn / dayMs) * dayMs)),
          });
        } else if (kind === "edit") {
          await updateMilestone(editor, slug, { expectedVersion: version, location: `Venue ${step}`, titleEn: `Title at step ${step}` });
        } else if (kind === "reschedule") {
          const targetDate = isoDay(new Date(Date.UTC(rng.int(2025, 2035), rng.int(0, 11), rng.int(1, 28))));
          await updateMilestone(editor, slug, { expectedVersion: version, targetDate, rescheduleReason: `Moved at step ${step}` });
        } else if (kind === "freeze") {
          const asOf = isoDay(addDays(lastEndedDay(), -rng.int(0, 700)));
          const { slug: snapshot } = await freezeSnapshot(editor, { name: `Property ${step}`, asOf });
          snapshots.set(
            snapshot,
            (await readSnapshot(snapshot))!.files.map((file) => file.sha256),
          );
        } else {
          await closeDatabase();
        }
      } catch (error) {
        // A random update can be refused for a reason of its own; nothing is then written.
        if (!(error instanceof ConflictError)) throw new Error(`seed ${seed}, steps ${steps.join(" → ")}`, { cause: error });
      }
      for (const milestone of pool) {
        const { stored, history } = await explained(milestone);
        expect(stored, `seed ${seed}, after ${steps.join(" → ")}: ${milestone}`).toEqual(history);
      }
      for (const [snapshot, hashes] of snapshots) {
        const record = (await readSnapshot(snapshot))!;
        expect(
          record.files.map((file) => file.currentSha256),
          `seed ${seed}, after ${steps.join(" → ")}: ${snapshot}`,
        ).toEqual(hashes);
      }
    }
    // The seed's history holds every kind of step.
    expect(new Set(steps.map((step) => step.split(" ")[0]))).toEqual(new Set(["progress", "back-dated", "edit", "reschedule", "freeze", "restart"]));
  });
});
