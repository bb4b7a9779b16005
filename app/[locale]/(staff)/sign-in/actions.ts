"use server";

import { AuthError, CredentialsSignin } from "next-auth";
import type { FormState } from "@/lib/forms/state";
import { signIn, singleSignOnProviderId } from "@/lib/auth/config";
import { safeReturnPath } from "../staff-access";

export async function signInAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const locale = String(formData.get("locale") ?? "en");
  try {
    await signIn("credentials", {
      email: String(formData.get("email") ?? ""),
      password: String(formData.get("password") ?? ""),
      redirectTo: safeReturnPath(locale, formData.get("callbackUrl")),
    });
    return { status: "saved" };
  } catch (error) {
    // A successful sign-in "throws" Next's redirect, which must pass through.
    if (error instanceof CredentialsSignin) {
      return { status: "failed", message: error.code === "locked" ? "locked" : "invalid", values: { email: String(formData.get("email") ?? "") } };
    }
    if (error instanceof AuthError) return { status: "failed", message: "failed" };
    throw error;
  }
}

export async function signInWithSingleSignOnAction(formData: FormData): Promise<void> {
  const locale = String(formData.get("locale") ?? "en");
  await signIn(singleSignOnProviderId, { redirectTo: safeReturnPath(locale, formData.get("callbackUrl")) });
}
