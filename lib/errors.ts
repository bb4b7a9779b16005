// Expected failures of the data layer. Server actions turn them into
// { fieldErrors, message } for forms; route handlers map them through
// `httpStatusOf` (validation→400/422, not signed in→401, forbidden→403,
// not found→404, conflict→409, anything else a generic 500).

/** Input failed validation; `fieldErrors` holds message keys or texts per field. */
export class ValidationError extends Error {
  constructor(
    readonly fieldErrors: Record<string, string[]>,
    message = "Some fields are not valid",
  ) {
    super(message);
  }
}

export class NotSignedInError extends Error {
  constructor(message = "Sign in to do this") {
    super(message);
  }
}

export class ForbiddenError extends Error {
  constructor(message = "Your role does not allow this") {
    super(message);
  }
}

export class NotFoundError extends Error {}

/** Someone else saved first; `changes` says what they changed since the version the caller loaded. */
export class ConflictError extends Error {
  constructor(
    readonly currentVersion: number,
    readonly changes: { field: string; before: unknown; after: unknown }[],
    message = "Someone else saved this milestone after you loaded it",
  ) {
    super(message);
  }
}

export function httpStatusOf(error: unknown): number {
  if (error instanceof ValidationError) return 422;
  if (error instanceof NotSignedInError) return 401;
  if (error instanceof ForbiddenError) return 403;
  if (error instanceof NotFoundError) return 404;
  if (error instanceof ConflictError) return 409;
  return 500;
}
