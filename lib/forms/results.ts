import "server-only";
import { ConflictError, ForbiddenError, NotFoundError, NotSignedInError, ValidationError } from "../errors";
import type { FormState } from "./state";

// How server actions turn what the data layer says into form state.

const shown = (value: unknown) => (value === null || value === undefined || value === "" ? "—" : String(value));

/** The submitted text fields of a form, to show them again. */
export function submittedValues(formData: FormData): Record<string, string> {
  return Object.fromEntries(
    [...formData.entries()].filter(([key, value]) => typeof value === "string" && !key.startsWith("$")).map(([key, value]) => [key, value as string]),
  );
}

/** Turns an expected failure of the data layer into form state; anything else is rethrown. */
export function failureState(error: unknown, values?: Record<string, string>): FormState {
  if (error instanceof ValidationError) return { status: "failed", message: "fixFields", fieldErrors: error.fieldErrors, values };
  if (error instanceof ConflictError) {
    return {
      status: "failed",
      message: "conflict",
      values,
      conflict: {
        currentVersion: error.currentVersion,
        changes: error.changes.map((change) => ({ field: change.field, before: shown(change.before), after: shown(change.after) })),
      },
    };
  }
  if (error instanceof NotSignedInError) return { status: "failed", message: "notSignedIn", values };
  if (error instanceof ForbiddenError) return { status: "failed", message: "forbidden", values };
  if (error instanceof NotFoundError) return { status: "failed", message: "notFound", values };
  throw error;
}
