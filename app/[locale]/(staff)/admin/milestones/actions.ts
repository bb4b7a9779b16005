"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { failureState, submittedValues } from "@/lib/forms/results";
import type { FormState } from "@/lib/forms/state";
import { archiveMilestone, createMilestone, restoreMilestone, updateMilestone } from "@/lib/milestones/edits";
import { logProgress } from "@/lib/milestones/progress";
import { currentViewer } from "@/lib/auth/session";
import { localeOr } from "@/lib/translations";

// Thin: the data layer checks the role, validates and writes; these only map
// the outcome for the forms.

/** The milestone fields of a form; check boxes are absent when unticked. */
function milestoneFields(formData: FormData) {
  return { ...Object.fromEntries(formData), isPublic: formData.get("isPublic") === "on" };
}

// Staff pages are rendered per request; this makes the page the form is on show the change at once.
const staffArea = "/[locale]/admin";

export async function createMilestoneAction(_previous: FormState, formData: FormData): Promise<FormState> {
  try {
    const created = await createMilestone(await currentViewer(), milestoneFields(formData));
    revalidatePath(staffArea, "layout");
    return { status: "saved", result: { slug: created.slug } };
  } catch (error) {
    return failureState(error, submittedValues(formData));
  }
}

export async function updateMilestoneAction(_previous: FormState, formData: FormData): Promise<FormState> {
  try {
    const updated = await updateMilestone(await currentViewer(), String(formData.get("slug") ?? ""), milestoneFields(formData));
    // The form continues from the saved version.
    revalidatePath(staffArea, "layout");
    return { status: "saved", values: { ...submittedValues(formData), expectedVersion: String(updated.version) } };
  } catch (error) {
    return failureState(error, submittedValues(formData));
  }
}

export async function archiveMilestoneAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const slug = String(formData.get("slug") ?? "");
  try {
    await archiveMilestone(await currentViewer(), slug, Object.fromEntries(formData));
  } catch (error) {
    return failureState(error, submittedValues(formData));
  }
  // Continue from the list of archived milestones, where it can be restored.
  revalidatePath(staffArea, "layout");
  redirect(`/${localeOr(formData.get("locale"))}/admin/milestones/archived`);
}

export async function restoreMilestoneAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const slug = String(formData.get("slug") ?? "");
  try {
    await restoreMilestone(await currentViewer(), slug, Object.fromEntries(formData));
  } catch (error) {
    return failureState(error);
  }
  // Continue on the milestone, tracked again.
  revalidatePath(staffArea, "layout");
  redirect(`/${localeOr(formData.get("locale"))}/admin/milestones/${slug}`);
}

export async function logProgressAction(_previous: FormState, formData: FormData): Promise<FormState> {
  try {
    const logged = await logProgress(await currentViewer(), { ...Object.fromEntries(formData), noteIsPublic: formData.get("noteIsPublic") === "on" });
    revalidatePath(staffArea, "layout");
    return { status: "saved", result: { version: String(logged.version) } };
  } catch (error) {
    return failureState(error, submittedValues(formData));
  }
}
