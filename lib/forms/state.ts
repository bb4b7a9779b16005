// Runs anywhere: the shape of what a staff form's server action sends back to
// `useActionState`, read by the client forms. Messages are keys of
// `Staff.errors` / `Staff.messages`, translated where they are shown.

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
