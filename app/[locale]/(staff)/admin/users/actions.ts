"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { failureState, submittedValues } from "@/lib/forms/results";
import type { FormState } from "@/lib/forms/state";
import { localeOr } from "@/lib/translations";
import { inviteStaffMember, resetStaffPassword } from "@/lib/auth/invitations";
import { currentViewer } from "@/lib/auth/session";
import { changeUserRole, setUserActive } from "@/lib/auth/users";

// Staff pages are rendered per request; this makes the page the form is on show the change at once.
const staffArea = "/[locale]/admin";

export async function inviteUserAction(_previous: FormState, formData: FormData): Promise<FormState> {
  try {
    const invitation = await inviteStaffMember(await currentViewer(), Object.fromEntries(formData), {
      origin: (await headers()).get("origin") ?? "",
      locale: localeOr(formData.get("locale")),
    });
    revalidatePath(staffArea, "layout");
    return { status: "saved", result: { ...invitation, expiresAt: invitation.expiresAt.toISOString() } };
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

export async function resetPasswordAction(_previous: FormState, formData: FormData): Promise<FormState> {
  try {
    const reset = await resetStaffPassword(await currentViewer(), String(formData.get("userId") ?? ""), {
      origin: (await headers()).get("origin") ?? "",
      locale: localeOr(formData.get("locale")),
    });
    revalidatePath(staffArea, "layout");
    return { status: "saved", result: { ...reset, expiresAt: reset.expiresAt.toISOString() } };
  } catch (error) {
    return failureState(error);
  }
}
