"use server";

import { revalidatePath } from "next/cache";
import { failureState, submittedValues, type FormState } from "@/lib/action-state";
import { archiveMilestone, createMilestone, updateMilestone } from "@/lib/milestone-edits";
import { logProgress } from "@/lib/progress";
import { currentViewer } from "@/lib/session";

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
  try {
    await archiveMilestone(await currentViewer(), String(formData.get("slug") ?? ""), Number(formData.get("expectedVersion")));
    revalidatePath(staffArea, "layout");
    return { status: "saved" };
  } catch (error) {
    return failureState(error);
  }
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
