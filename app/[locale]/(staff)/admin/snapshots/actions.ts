"use server";

import { revalidatePath } from "next/cache";
import { failureState, submittedValues } from "@/lib/forms/results";
import type { FormState } from "@/lib/forms/state";
import { freezeSnapshot } from "@/lib/reports/snapshots";
import { currentViewer } from "@/lib/auth/session";

// Thin: lib/reports/snapshots.ts checks the role, validates, freezes and hashes.

export async function freezeSnapshotAction(_previous: FormState, formData: FormData): Promise<FormState> {
  try {
    const { slug } = await freezeSnapshot(await currentViewer(), Object.fromEntries(formData));
    revalidatePath("/[locale]/admin/snapshots", "page");
    return { status: "saved", result: { slug } };
  } catch (error) {
    return failureState(error, submittedValues(formData));
  }
}
