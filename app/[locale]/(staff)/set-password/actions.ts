"use server";

import { failureState } from "@/lib/forms/results";
import type { FormState } from "@/lib/forms/state";
import { acceptInvitation } from "@/lib/auth/invitations";

export async function setPasswordAction(_previous: FormState, formData: FormData): Promise<FormState> {
  try {
    const { email } = await acceptInvitation(Object.fromEntries(formData));
    return { status: "saved", result: { email } };
  } catch (error) {
    // Passwords are never sent back to the browser.
    return failureState(error);
  }
}
