"use server";

import { failureState } from "@/lib/forms/results";
import { importMilestones, type ImportReport } from "@/lib/import/apply";
import { ImportFileError, type ImportProblem } from "@/lib/import/read";
import { currentViewer } from "@/lib/auth/session";

// Thin: lib/import/ checks the role, reads the file and saves; these only map the outcome.

export type ImportState = { report?: ImportReport; fileProblem?: ImportProblem; message?: string };

async function runImport(formData: FormData, apply: boolean): Promise<ImportState> {
  const file = formData.get("file");
  if (!(file instanceof File)) return { fileProblem: { code: "empty" } };
  try {
    return { report: await importMilestones(await currentViewer(), new Uint8Array(await file.arrayBuffer()), { apply }) };
  } catch (error) {
    if (error instanceof ImportFileError) return { fileProblem: error.problem };
    return { message: failureState(error).message };
  }
}

export async function checkImportAction(formData: FormData): Promise<ImportState> {
  return runImport(formData, false);
}

export async function applyImportAction(formData: FormData): Promise<ImportState> {
  return runImport(formData, true);
}
