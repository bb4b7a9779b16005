import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { ConflictError, ForbiddenError, NotSignedInError, ValidationError } from "@/lib/errors";
import { archiveMilestone, createMilestone, updateMilestone, type MilestoneInput } from "@/lib/milestones/edits";
import { logProgress, type ProgressUpdateInput } from "@/lib/milestones/progress";
import type { Viewer } from "@/lib/auth/roles";
import { addStaff } from "../support/builders";
import { seededDatabasePerFile } from "../support/database";

seededDatabasePerFile();

let admin: Viewer;
let editor: Viewer;
let otherEditor: Viewer;
let viewer: Viewer;

const newMilestone = (slug: string): MilestoneInput => ({
  slug,
  pillar: "economic",
  titleEn: "Copper smelter feasibility study",
  titleEs: "",
  titleJa: "",
  summaryEn: "A joint study of a copper smelter in southern Peru.",
  summaryEs: "",
  summaryJa: "",
  kind: "minerals_project",
  targetDate: "2027-06-30",
  leadAgencyA: "METI",
  leadAgencyB: "MINEM",
  location: "Arequipa",
  isPublic: "on",
  sourceUrl: "https://www.mofa.go.jp/",
});

const progressOn = (milestone: string, expectedVersion: number, changes: Partial<ProgressUpdateInput> = {}): ProgressUpdateInput => ({
  milestone,
  expectedVersion,
  status: "in_progress",
  progress: 30,
  note: "Terms of reference agreed",
  noteIsPublic: "on",
  evidenceUrl: "https://www.gob.pe/",
  happenedOn: "2026-03-02",
  ...changes,
});

async function fieldErrorsOf(promise: Promise<unknown>): Promise<Record<string, string[]>> {
  const error = await promise.catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(ValidationError);
  return (error as ValidationError).fieldErrors;
}

async function auditEventsFor(milestoneSlug: string) {
  const milestone = await db().milestone.findUniqueOrThrow({ where: { slug: milestoneSlug }, select: { id: true } });
  return db().auditEvent.findMany({ where: { entityType: "Milestone", entityId: String(milestone.id) }, orderBy: { id: "asc" } });
}

beforeAll(async () => {
  admin = await addStaff("admin", { email: "admin@example.org" });
  editor = await addStaff("editor", { email: "editor@example.org" });
  otherEditor = await addStaff("editor", { email: "other@example.org" });
  viewer = await addStaff("viewer", { email: "viewer@example.org" });
});

describe("who may change milestones", () => {
  it("refuses every write to someone not signed in", async () => {
    await expect(createMilestone(null, newMilestone("anon"))).rejects.toBeInstanceOf(NotSignedInError);
    await expect(updateMilestone(null, "anon", { expectedVersion: 1 })).rejects.toBeInstanceOf(NotSignedInError);
    await expect(logProgress(null, progressOn("anon", 1))).rejects.toBeInstanceOf(NotSignedInError);
    await expect(archiveMilestone(null, "anon", { expectedVersion: 1, reason: "x" })).rejects.toBeInstanceOf(NotSignedInError);
  });

  it("lets a viewer read but not create, edit, log progress or archive", async () => {
    await createMilestone(editor, newMilestone("viewer-target"));
    await expect(createMilestone(viewer, newMilestone("by-viewer"))).rejects.toBeInstanceOf(ForbiddenError);
    await expect(updateMilestone(viewer, "viewer-target", { expectedVersion: 1, titleEn: "X" })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(logProgress(viewer, progressOn("viewer-target", 1))).rejects.toBeInstanceOf(ForbiddenError);
    await expect(archiveMilestone(viewer, "viewer-target", { expectedVersion: 1, reason: "x" })).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("lets only an admin archive a milestone", async () => {
    const created = await createMilestone(editor, newMilestone("to-archive"));
    await expect(archiveMilestone(editor, "to-archive", { expectedVersion: created.version, reason: "Duplicate" })).rejects.toBeInstanceOf(ForbiddenError);
    const archived = await archiveMilestone(admin, "to-archive", { expectedVersion: created.version, reason: "Duplicate of another milestone" });
    expect(archived.archivedAt).not.toBeNull();
    const events = await auditEventsFor("to-archive");
    expect(events.map((event) => event.action)).toEqual(["milestone.create", "milestone.archive"]);
  });
});

describe("editing a milestone", () => {
  it("records who changed what, before and after, and bumps the version", async () => {
    const created = await createMilestone(editor, newMilestone("audited"));
    expect(created.version).toBe(1);
    const updated = await updateMilestone(editor, "audited", { expectedVersion: 1, titleEn: "Smelter study, phase 1", location: "Moquegua" });
    expect(updated).toMatchObject({ version: 2, titleEn: "Smelter study, phase 1", location: "Moquegua" });
    const [create, update] = await auditEventsFor("audited");
    expect(create).toMatchObject({ actorId: editor!.id, action: "milestone.create", before: null });
    expect(update).toMatchObject({
      actorId: editor!.id,
      action: "milestone.update",
      before: expect.objectContaining({ titleEn: "Copper smelter feasibility study", location: "Arequipa", version: 1 }),
      after: expect.objectContaining({ titleEn: "Smelter study, phase 1", location: "Moquegua", version: 2 }),
    });
  });

  it("refuses a save based on an old version and says what the other editor changed", async () => {
    await createMilestone(editor, newMilestone("contested"));
    await updateMilestone(otherEditor, "contested", { expectedVersion: 1, location: "Cusco", titleEn: "Renamed" });
    const error = await updateMilestone(editor, "contested", { expectedVersion: 1, location: "Lima" }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).currentVersion).toBe(2);
    expect((error as ConflictError).changes).toEqual(
      expect.arrayContaining([
        { field: "location", before: "Arequipa", after: "Cusco" },
        { field: "titleEn", before: "Copper smelter feasibility study", after: "Renamed" },
      ]),
    );
    const stored = await db().milestone.findUniqueOrThrow({ where: { slug: "contested" } });
    expect(stored).toMatchObject({ location: "Cusco", version: 2 });
  });

  it("lets exactly one of two editors saving the same version at once win", async () => {
    await createMilestone(editor, newMilestone("race"));
    const results = await Promise.allSettled([
      updateMilestone(editor, "race", { expectedVersion: 1, location: "Tacna" }),
      updateMilestone(otherEditor, "race", { expectedVersion: 1, location: "Piura" }),
      logProgress(otherEditor, progressOn("race", 1)),
    ]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    for (const result of results) {
      if (result.status === "rejected") expect(result.reason).toBeInstanceOf(ConflictError);
    }
    const stored = await db().milestone.findUniqueOrThrow({ where: { slug: "race" } });
    expect(stored.version).toBe(2);
    expect(await auditEventsFor("race")).toHaveLength(2);
  });

  it("saves nothing when a field is invalid", async () => {
    await createMilestone(editor, newMilestone("strict"));
    const errors = await fieldErrorsOf(
      updateMilestone(editor, "strict", { expectedVersion: 1, titleEn: "OK", sourceUrl: "javascript:alert(1)", kind: "treaty" }),
    );
    expect(errors).toEqual({ sourceUrl: ["invalidUrl"], kind: ["unknownValue"] });
    expect(await db().milestone.findUniqueOrThrow({ where: { slug: "strict" } })).toMatchObject({ titleEn: "Copper smelter feasibility study", version: 1 });
    expect(await auditEventsFor("strict")).toHaveLength(1);
  });

  it("rejects bad values field by field when creating", async () => {
    const errors = await fieldErrorsOf(
      createMilestone(editor, {
        ...newMilestone("Bad Slug!"),
        titleEn: "x".repeat(301),
        targetDate: "2027-02-30",
        kind: "party",
        sourceUrl: "data:text/html,hi",
      }),
    );
    expect(errors).toEqual({
      slug: ["slugFormat"],
      titleEn: ["tooLong"],
      targetDate: ["invalidDate"],
      kind: ["unknownValue"],
      sourceUrl: ["invalidUrl"],
    });
    expect(await fieldErrorsOf(createMilestone(editor, { ...newMilestone("pillarless"), pillar: "space" }))).toEqual({ pillar: ["unknownValue"] });
    await createMilestone(editor, newMilestone("taken"));
    expect(await fieldErrorsOf(createMilestone(editor, newMilestone("taken")))).toEqual({ slug: ["slugTaken"] });
  });

  it("starts a new milestone planned at 0 % and leaves status, progress and completion to the progress log", async () => {
    expect(
      await fieldErrorsOf(createMilestone(editor, { ...newMilestone("done-early"), status: "completed", progress: 100, completedOn: "2026-01-01" })),
    ).toEqual({ status: ["statusThroughProgress"], progress: ["statusThroughProgress"], completedOn: ["statusThroughProgress"] });
    const created = await createMilestone(editor, newMilestone("half"));
    expect(created).toMatchObject({ status: "planned", progress: 0, completedOn: null });
    expect(await fieldErrorsOf(updateMilestone(editor, "half", { expectedVersion: 1, progress: 50 }))).toEqual({ progress: ["statusThroughProgress"] });
    // A form that carries them unchanged is fine.
    expect(await updateMilestone(editor, "half", { expectedVersion: 1, status: "planned", progress: "0", completedOn: "", location: "Tacna" })).toMatchObject({
      version: 2,
      location: "Tacna",
    });
  });

  it("writes nothing for a save that changes nothing, and keeps the version", async () => {
    const created = await createMilestone(editor, newMilestone("unchanged"));
    const events = await auditEventsFor("unchanged");
    const saved = await updateMilestone(editor, "unchanged", { ...newMilestone("unchanged"), expectedVersion: created.version });
    expect(saved.version).toBe(created.version);
    expect(await auditEventsFor("unchanged")).toEqual(events);
  });
});

describe("logging progress", () => {
  it("changes the milestone and writes the progress update and audit events together", async () => {
    await createMilestone(editor, newMilestone("logged"));
    const logged = await logProgress(editor, progressOn("logged", 1));
    expect(logged.version).toBe(2);
    const milestone = await db().milestone.findUniqueOrThrow({ where: { slug: "logged" }, include: { progressUpdates: true } });
    expect(milestone).toMatchObject({ status: "in_progress", progress: 30, completedOn: null });
    expect(milestone.progressUpdates).toEqual([
      expect.objectContaining({
        authorId: editor!.id,
        statusBefore: "planned",
        statusAfter: "in_progress",
        progressBefore: 0,
        progressAfter: 30,
        noteIsPublic: true,
      }),
    ]);
    expect((await auditEventsFor("logged")).map((event) => event.action)).toEqual(["milestone.create", "milestone.progress"]);
    const progressEvent = await db().auditEvent.findFirstOrThrow({ where: { entityType: "ProgressUpdate", entityId: String(logged.progressUpdateId) } });
    expect(progressEvent).toMatchObject({ actorId: editor!.id, action: "progress.log" });
  });

  it("sets the completion date to the day it happened when completed, and clears it when reopened", async () => {
    await createMilestone(editor, newMilestone("finishing"));
    await logProgress(editor, progressOn("finishing", 1, { status: "completed", progress: 100, happenedOn: "2026-04-10" }));
    expect((await db().milestone.findUniqueOrThrow({ where: { slug: "finishing" } })).completedOn).toEqual(new Date("2026-04-10"));
    // An update dated before the completion takes its place in the history and leaves today's state as it was.
    await logProgress(editor, progressOn("finishing", 2, { status: "in_progress", progress: 90, happenedOn: "2026-03-02" }));
    expect(await db().milestone.findUniqueOrThrow({ where: { slug: "finishing" } })).toMatchObject({
      status: "completed",
      completedOn: new Date("2026-04-10"),
    });
    await logProgress(editor, progressOn("finishing", 3, { status: "in_progress", progress: 90, happenedOn: "2026-05-02" }));
    expect((await db().milestone.findUniqueOrThrow({ where: { slug: "finishing" } })).completedOn).toBeNull();
  });

  it("rejects bad progress input and saves nothing", async () => {
    await createMilestone(editor, newMilestone("guarded"));
    const tomorrowPlus = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    const cases: [Partial<ProgressUpdateInput>, Record<string, string[]>][] = [
      [{ evidenceUrl: "javascript:alert(document.cookie)" }, { evidenceUrl: ["invalidUrl"] }],
      [{ evidenceUrl: "ftp://example.org/file" }, { evidenceUrl: ["invalidUrl"] }],
      [{ note: "n".repeat(4001) }, { note: ["tooLong"] }],
      [{ note: "   " }, { note: ["required"] }],
      [{ happenedOn: "2026-02-29" }, { happenedOn: ["invalidDate"] }],
      [{ happenedOn: "2023-12-31" }, { happenedOn: ["dateTooEarly@2024-01-01"] }],
      [{ happenedOn: tomorrowPlus }, { happenedOn: [expect.stringMatching(/^dateInFuture@/)] }],
      [{ progress: 101 }, { progress: ["progressRange"] }],
      [{ progress: -5 }, { progress: ["progressRange"] }],
      [{ progress: "12.5" }, { progress: ["progressRange"] }],
      [{ status: "completed", progress: 99 }, { progress: ["completedNeedsFullProgress"] }],
      [{ status: "done" as never }, { status: ["unknownValue"] }],
      [{ milestone: "no-such-milestone" }, { milestone: ["unknownValue"] }],
    ];
    for (const [changes, expected] of cases) {
      expect(await fieldErrorsOf(logProgress(editor, progressOn("guarded", 1, changes)))).toEqual(expected);
    }
    const stored = await db().milestone.findUniqueOrThrow({ where: { slug: "guarded" }, include: { progressUpdates: true } });
    expect(stored).toMatchObject({ version: 1, status: "planned", progressUpdates: [] });
  });

  it("refuses progress logged against an old version", async () => {
    await createMilestone(editor, newMilestone("busy"));
    await logProgress(otherEditor, progressOn("busy", 1, { progress: 50 }));
    const error = await logProgress(editor, progressOn("busy", 1, { progress: 40 })).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).changes).toEqual(
      expect.arrayContaining([
        { field: "progress", before: 0, after: 50 },
        { field: "status", before: "planned", after: "in_progress" },
      ]),
    );
    expect(await db().progressUpdate.count({ where: { milestone: { slug: "busy" } } })).toBe(1);
  });
});

describe("the history cannot be rewritten", () => {
  it("the database refuses to update or delete audit events and progress updates", async () => {
    await createMilestone(editor, newMilestone("permanent"));
    await logProgress(editor, progressOn("permanent", 1));
    const update = await db().progressUpdate.findFirstOrThrow({ where: { milestone: { slug: "permanent" } } });
    const event = await db().auditEvent.findFirstOrThrow({ where: { actorId: editor!.id } });
    await expect(db().progressUpdate.update({ where: { id: update.id }, data: { note: "rewritten" } })).rejects.toThrow(/append-only/);
    await expect(db().progressUpdate.delete({ where: { id: update.id } })).rejects.toThrow(/append-only/);
    await expect(db().auditEvent.update({ where: { id: event.id }, data: { action: "nothing" } })).rejects.toThrow(/append-only/);
    await expect(db().auditEvent.deleteMany({})).rejects.toThrow(/append-only/);
    await expect(db().$executeRawUnsafe('TRUNCATE "AuditEvent" CASCADE')).rejects.toThrow(/append-only/);
    expect(await db().progressUpdate.findUniqueOrThrow({ where: { id: update.id } })).toMatchObject({ note: update.note });
  });
});
