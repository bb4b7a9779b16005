import "server-only";
import { cache } from "react";
import { auth } from "./config";
import type { Viewer } from "./roles";
import { sessionUser, type SessionUser } from "./sessions";

export type SignedInUser = SessionUser;

/**
 * The signed-in user as the database has them now, once per request: an
 * ended session, or a deactivated user, is signed out at the next request.
 * A cookie from before sessions were recorded names no session and is refused.
 */
export const currentUser = cache(async (): Promise<SignedInUser | null> => {
  const session = await auth();
  if (!session?.sessionId || !session.user?.id) return null;
  const user = await sessionUser(session.sessionId);
  return user?.id === session.user.id ? user : null;
});

/** The viewer for the data layer: the signed-in, active user's id, current role and session, or null. */
export async function currentViewer(): Promise<Viewer> {
  const user = await currentUser();
  return user ? { id: user.id, role: user.role, sessionId: user.sessionId } : null;
}
