// Runs anywhere: the values of the tracker's fixed vocabularies, for forms,
// filters and files, so the UI need not import the generated database client.
import { MilestoneKind, MilestoneStatus, Role } from "./generated/prisma/enums";

export type { MilestoneKind, MilestoneStatus, Role };

export const milestoneStatuses = Object.values(MilestoneStatus);
export const milestoneKinds = Object.values(MilestoneKind);
export const roles = Object.values(Role);
