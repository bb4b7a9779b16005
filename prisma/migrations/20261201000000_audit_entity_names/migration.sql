-- The seed wrote its audit events' entity types in lower case ("milestone",
-- "user"), so the history views, which read "Milestone" and "User", never
-- showed them. This renames them once; the append-only trigger is set aside
-- for this statement only, inside the migration's transaction.
ALTER TABLE "AuditEvent" DISABLE TRIGGER "AuditEvent_append_only";
UPDATE "AuditEvent" SET "entityType" = 'Milestone' WHERE "entityType" = 'milestone';
UPDATE "AuditEvent" SET "entityType" = 'User' WHERE "entityType" = 'user';
ALTER TABLE "AuditEvent" ENABLE TRIGGER "AuditEvent_append_only";
