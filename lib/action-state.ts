import { ConflictError, ForbiddenError, NotFoundError, NotSignedInError, ValidationError } from "./errors";

// What a staff form's server action sends back to `useActionState`. Messages
// are keys of `Staff.errors` / `Staff.messages`, translated where they are shown.

export type FieldChangeText = { field: string; before: string; after: string };

export type FormState = {
  status: "idle" | "saved" | "failed";
  /** A message for the whole form, e.g. "conflict" or "notSignedIn". */
  message?: string;
  fieldErrors?: Record<string, string[]>;
  /** What someone else changed, when the save was refused as a conflict. */
  conflict?: { currentVersion: number; changes: FieldChangeText[] };
  /** The submitted values, so the form shows them again after a refusal. */
  values?: Record<string, string>;
  /** Extra data for a success, e.g. an invitation link. */
  result?: Record<string, string>;
};

export const idleState: FormState = { status: "idle" };

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
