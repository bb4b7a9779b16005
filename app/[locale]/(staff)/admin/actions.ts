"use server";

import { signOut } from "@/lib/auth/config";

export async function signOutAction(formData: FormData): Promise<void> {
  const locale = String(formData.get("locale") ?? "en");
  await signOut({ redirectTo: `/${/^(en|es|ja)$/.test(locale) ? locale : "en"}/sign-in` });
}
