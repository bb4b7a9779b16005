import "server-only";
import { ForbiddenError, NotSignedInError } from "../errors";
import type { Role } from "../generated/prisma/enums";

/** Who is asking: a signed-in staff member, or null for the public. */
export type Viewer = { id: string; role: Role; sessionId?: string } | null;

const rank: Record<Role, number> = { viewer: 1, editor: 2, admin: 3 };

export function hasRole(viewer: Viewer, role: Role): boolean {
  return viewer !== null && rank[viewer.role] >= rank[role];
}

/** Internal milestones and notes are for signed-in staff only. */
export function seesInternal(viewer: Viewer): boolean {
  return hasRole(viewer, "viewer");
}

/** A signed-in staff member acting on the data. */
export type Actor = NonNullable<Viewer>;

/** Throws unless the viewer is signed in with at least `role`; returns the viewer as an actor. */
export function requireRole(viewer: Viewer, role: Role): Actor {
  if (viewer === null) throw new NotSignedInError();
  if (!hasRole(viewer, role)) throw new ForbiddenError();
  return viewer;
}
