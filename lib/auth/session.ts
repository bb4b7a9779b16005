import "server-only";
import { cache } from "react";
import { auth } from "./config";
import type { Role } from "../generated/prisma/enums";
import { activeUser } from "./sign-in";
import type { Viewer } from "./roles";

export type SignedInUser = { id: string; role: Role; email: string; name: string | null };

/**
 * The signed-in user as the database has them now, once per request: a
 * deactivated user is signed out and a new role applies on the next request.
 */
export const currentUser = cache(async (): Promise<SignedInUser | null> => {
  const session = await auth();
  const id = session?.user?.id;
  return id ? activeUser(id) : null;
});

/** The viewer for the data layer: the signed-in, active user's id and current role, or null. */
export async function currentViewer(): Promise<Viewer> {
  const user = await currentUser();
  return user ? { id: user.id, role: user.role } : null;
}
