-- Target-date history, frozen snapshots, seed keys, archive reasons, and when a milestone was recorded and last changed in public.
-- AlterTable
ALTER TABLE "Milestone" ADD COLUMN     "archiveReason" TEXT,
ADD COLUMN     "baselineTargetDate" DATE,
ADD COLUMN     "publicChangedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "recordedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- AlterTable
ALTER TABLE "ProgressUpdate" ADD COLUMN     "noteEs" TEXT,
ADD COLUMN     "noteJa" TEXT,
ADD COLUMN     "seedKey" TEXT;

-- CreateTable
CREATE TABLE "Reschedule" (
    "id" SERIAL NOT NULL,
    "milestoneId" INTEGER NOT NULL,
    "authorId" TEXT,
    "targetDateBefore" DATE,
    "targetDateAfter" DATE,
    "reason" TEXT NOT NULL,
    "recordedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Reschedule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Snapshot" (
    "id" SERIAL NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "asOf" DATE NOT NULL,
    "knownAt" TIMESTAMP(3) NOT NULL,
    "frozenById" TEXT,

    CONSTRAINT "Snapshot_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SnapshotFile" (
    "id" SERIAL NOT NULL,
    "snapshotId" INTEGER NOT NULL,
    "report" TEXT NOT NULL,
    "lang" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "byteLength" INTEGER NOT NULL,

    CONSTRAINT "SnapshotFile_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Reschedule_milestoneId_recordedAt_idx" ON "Reschedule"("milestoneId", "recordedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Snapshot_slug_key" ON "Snapshot"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "SnapshotFile_snapshotId_report_lang_key" ON "SnapshotFile"("snapshotId", "report", "lang");

-- CreateIndex
CREATE UNIQUE INDEX "ProgressUpdate_seedKey_key" ON "ProgressUpdate"("seedKey");

-- AddForeignKey
ALTER TABLE "Reschedule" ADD CONSTRAINT "Reschedule_milestoneId_fkey" FOREIGN KEY ("milestoneId") REFERENCES "Milestone"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Reschedule" ADD CONSTRAINT "Reschedule_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Snapshot" ADD CONSTRAINT "Snapshot_frozenById_fkey" FOREIGN KEY ("frozenById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SnapshotFile" ADD CONSTRAINT "SnapshotFile_snapshotId_fkey" FOREIGN KEY ("snapshotId") REFERENCES "Snapshot"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Hand-written: the moves of target dates and the frozen snapshots are history, append-only like the rest.
CREATE TRIGGER "Reschedule_append_only" BEFORE UPDATE OR DELETE ON "Reschedule"
  FOR EACH ROW EXECUTE FUNCTION "reject_history_change"();
CREATE TRIGGER "Reschedule_no_truncate" BEFORE TRUNCATE ON "Reschedule"
  FOR EACH STATEMENT EXECUTE FUNCTION "reject_history_change"();
CREATE TRIGGER "Snapshot_append_only" BEFORE UPDATE OR DELETE ON "Snapshot"
  FOR EACH ROW EXECUTE FUNCTION "reject_history_change"();
CREATE TRIGGER "Snapshot_no_truncate" BEFORE TRUNCATE ON "Snapshot"
  FOR EACH STATEMENT EXECUTE FUNCTION "reject_history_change"();
CREATE TRIGGER "SnapshotFile_append_only" BEFORE UPDATE OR DELETE ON "SnapshotFile"
  FOR EACH ROW EXECUTE FUNCTION "reject_history_change"();
CREATE TRIGGER "SnapshotFile_no_truncate" BEFORE TRUNCATE ON "SnapshotFile"
  FOR EACH STATEMENT EXECUTE FUNCTION "reject_history_change"();

-- Hand-written data moves for milestones recorded before this migration.
-- No target date has moved yet: the current one is the first.
UPDATE "Milestone" SET "baselineTargetDate" = "targetDate";

-- Recorded when its creation was audited (the seed's run for seeded milestones).
UPDATE "Milestone" m SET "recordedAt" = COALESCE(
  (SELECT min(a."at") FROM "AuditEvent" a
    WHERE a."entityType" = 'Milestone' AND a."entityId" = m.id::text AND a."action" IN ('milestone.create', 'milestone.seeded')),
  m."createdAt");

-- Last changed in public: the latest progress update the public sees (the rule of
-- lib/public/visibility.ts, stated here once for this backfill) or edit. What the
-- seed wrote counts on the day it says it happened, not the day the seed ran.
UPDATE "Milestone" m SET "publicChangedAt" = GREATEST(
  m."createdAt",
  (SELECT max(CASE WHEN p."authorId" IS NULL THEN p."happenedOn"::timestamp ELSE p."recordedAt" END) FROM "ProgressUpdate" p
    WHERE p."milestoneId" = m.id
      AND (p."noteIsPublic" OR p."statusBefore" <> p."statusAfter" OR p."progressBefore" <> p."progressAfter")),
  (SELECT max(a."at") FROM "AuditEvent" a
    WHERE a."entityType" = 'Milestone' AND a."entityId" = m.id::text AND a."action" = 'milestone.update'));

-- Hand-written: the public pages show the moves of target dates and the frozen snapshots, so
-- their rows announce themselves like the rest (20261201000200_public_change_notifications).
CREATE TRIGGER "Reschedule_public_change" AFTER INSERT OR UPDATE OR DELETE ON "Reschedule"
  FOR EACH ROW EXECUTE FUNCTION "notify_public_change"();
CREATE TRIGGER "Snapshot_public_change" AFTER INSERT OR UPDATE OR DELETE ON "Snapshot"
  FOR EACH ROW EXECUTE FUNCTION "notify_public_change"();
