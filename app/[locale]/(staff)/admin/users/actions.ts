"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { hasLocale } from "next-intl";
import { failureState, submittedValues } from "@/lib/forms/results";
import type { FormState } from "@/lib/forms/state";
import { sendInvitationEmail } from "@/lib/mail";
import { locales } from "@/lib/translations";
import { currentViewer } from "@/lib/auth/session";
import { changeUserRole, inviteUser, setUserActive } from "@/lib/auth/users";

// Staff pages are rendered per request; this makes the page the form is on show the change at once.
const staffArea = "/[locale]/admin";

export async function inviteUserAction(_previous: FormState, formData: FormData): Promise<FormState> {
  try {
    const invitation = await inviteUser(await currentViewer(), Object.fromEntries(formData));
    // Next has checked that a server action's Origin is this tracker's own address.
    const origin = (await headers()).get("origin") ?? "";
    const requested = String(formData.get("locale") ?? "en");
    const locale = hasLocale(locales, requested) ? requested : "en";
    const link = `${origin}/${locale}/set-password?token=${invitation.token}`;
    const emailOutcome = await sendInvitationEmail({ to: invitation.email, link, expiresAt: invitation.expiresAt, locale });
    revalidatePath(staffArea, "layout");
    return {
      status: "saved",
      result: { email: invitation.email, link, expiresAt: invitation.expiresAt.toISOString(), emailOutcome: emailOutcome },
    };
  } catch (error) {
    return failureState(error, submittedValues(formData));
  }
}

export async function changeUserRoleAction(_previous: FormState, formData: FormData): Promise<FormState> {
  try {
    await changeUserRole(await currentViewer(), String(formData.get("userId") ?? ""), formData.get("role"));
    revalidatePath(staffArea, "layout");
    return { status: "saved" };
  } catch (error) {
    return failureState(error);
  }
}

export async function setUserActiveAction(_previous: FormState, formData: FormData): Promise<FormState> {
  try {
    await setUserActive(await currentViewer(), String(formData.get("userId") ?? ""), formData.get("active") === "true");
    revalidatePath(staffArea, "layout");
    return { status: "saved" };
  } catch (error) {
    return failureState(error);
  }
}
