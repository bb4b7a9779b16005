"use server";

import { failureState } from "@/lib/forms/results";
import { ImportFileError, importMilestones, type ImportProblem, type ImportReport } from "@/lib/import";
import { currentViewer } from "@/lib/auth/session";

// Thin: lib/import.ts checks the role, reads the file and saves; these only map the outcome.

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
