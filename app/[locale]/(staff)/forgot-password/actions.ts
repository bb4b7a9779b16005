"use server";

import { headers } from "next/headers";
import type { FormState } from "@/lib/forms/state";
import { requestPasswordReset } from "@/lib/auth/invitations";
import { localeOr } from "@/lib/translations";

// The answer is the same whether or not the email has an account.
export async function requestPasswordResetAction(_previous: FormState, formData: FormData): Promise<FormState> {
  await requestPasswordReset(Object.fromEntries(formData), { origin: (await headers()).get("origin") ?? "", locale: localeOr(formData.get("locale")) });
  return { status: "saved" };
}
