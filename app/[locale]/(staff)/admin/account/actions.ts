"use server";

import { failureState } from "@/lib/forms/results";
import type { FormState } from "@/lib/forms/state";
import { currentViewer } from "@/lib/auth/session";
import { changeOwnPassword } from "@/lib/auth/users";

export async function changeOwnPasswordAction(_previous: FormState, formData: FormData): Promise<FormState> {
  try {
    await changeOwnPassword(await currentViewer(), Object.fromEntries(formData));
    return { status: "saved" };
  } catch (error) {
    // Passwords are never sent back to the browser.
    return failureState(error);
  }
}
