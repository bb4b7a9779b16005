import "server-only";
import { redirect } from "next/navigation";
import { currentUser, type SignedInUser } from "@/lib/auth/session";

/** The signed-in user for a staff page; anyone else is sent to sign in and brought back after. */
export async function staffUserOrSignIn(locale: string, returnTo: string): Promise<SignedInUser> {
  const user = await currentUser();
  if (!user) redirect(`/${locale}/sign-in?callbackUrl=${encodeURIComponent(returnTo)}`);
  return user;
}

/** A same-site path to return to after sign-in; anything else goes to the dashboard. */
export function safeReturnPath(locale: string, requested: unknown): string {
  return typeof requested === "string" && /^\/(en|es|ja)\/admin(\/[\w\-/]*)?$/.test(requested) ? requested : `/${locale}/admin`;
}
