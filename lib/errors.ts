// Runs anywhere: the expected failures of the data layer, each with a code.
// Server actions turn them into { fieldErrors, message } for forms
// (lib/forms/results.ts); route handlers answer them through one table
// (lib/http/responses.ts) with one JSON shape.

/** Each code and the HTTP status it is answered with. */
export const errorStatus = {
  invalid_parameter: 400,
  not_signed_in: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  validation_failed: 422,
  internal_error: 500,
} as const;

export type ErrorCode = keyof typeof errorStatus;

/** An expected failure: its code, and the parameter or field at fault when there is one. */
export abstract class TrackerError extends Error {
  abstract readonly code: ErrorCode;
  readonly parameter: string | null = null;
}

/** A query parameter (or path segment) has a value the tracker cannot use; `issues` names each one at fault, first first. */
export class InvalidParameterError extends TrackerError {
  readonly code = "invalid_parameter";
  override readonly parameter: string;
  constructor(readonly issues: { parameter: string; message: string; reason?: "unreadable" }[]) {
    super(issues[0]?.message ?? "invalid parameter");
    this.parameter = issues[0]?.parameter ?? "";
  }
}

/** Input failed validation; `fieldErrors` holds message keys or texts per field. */
export class ValidationError extends TrackerError {
  readonly code = "validation_failed";
  constructor(
    readonly fieldErrors: Record<string, string[]>,
    message = "Some fields are not valid",
  ) {
    super(message);
  }
}

export class NotSignedInError extends TrackerError {
  readonly code = "not_signed_in";
  constructor(message = "Sign in to do this") {
    super(message);
  }
}

export class ForbiddenError extends TrackerError {
  readonly code = "forbidden";
  constructor(message = "Your role does not allow this") {
    super(message);
  }
}

export class NotFoundError extends TrackerError {
  readonly code = "not_found";
  override readonly parameter: string | null;
  constructor(message = "Not found", parameter: string | null = null) {
    super(message);
    this.parameter = parameter;
  }
}

/** Someone else saved first; `changes` says what they changed since the version the caller loaded. */
export class ConflictError extends TrackerError {
  readonly code = "conflict";
  constructor(
    readonly currentVersion: number,
    readonly changes: { field: string; before: unknown; after: unknown }[],
    message = "Someone else saved this milestone after you loaded it",
  ) {
    super(message);
  }
}

/** A request body larger than the tracker accepts. */
export class PayloadTooLargeError extends TrackerError {
  readonly code = "payload_too_large";
}
