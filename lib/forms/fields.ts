// Runs anywhere: the field schemas the staff forms and the data layer share.
import { z } from "zod";
import { isoDay, parseIsoDay } from "../dates";
import { cleanText, textProblem, type TextProblem } from "../text";
import { ValidationError } from "../errors";

// Building blocks of the staff forms' schemas. Error messages are keys of
// `Staff.errors` in messages/<locale>/staff.json, so each form shows them in
// the user's language next to the field.

export const fieldError = {
  required: "required",
  tooLong: "tooLong",
  invalidUrl: "invalidUrl",
  invalidDate: "invalidDate",
  dateInFuture: "dateInFuture",
  dateTooEarly: "dateTooEarly",
  targetTooEarly: "targetTooEarly",
  targetTooLate: "targetTooLate",
  dayNotEnded: "dayNotEnded",
  statusThroughProgress: "statusThroughProgress",
  rescheduleReasonRequired: "rescheduleReasonRequired",
  progressRange: "progressRange",
  unknownValue: "unknownValue",
  completedNeedsFullProgress: "completedNeedsFullProgress",
  completedOnRequired: "completedOnRequired",
  completedOnOnlyWhenCompleted: "completedOnOnlyWhenCompleted",
  slugFormat: "slugFormat",
  slugTaken: "slugTaken",
  invalidEmail: "invalidEmail",
  passwordTooShort: "passwordTooShort",
  passwordsDiffer: "passwordsDiffer",
  invalidVersion: "invalidVersion",
  emailTaken: "emailTaken",
  invitationInvalid: "invitationInvalid",
  cannotChangeOwnAccount: "cannotChangeOwnAccount",
  currentPasswordWrong: "currentPasswordWrong",
  userInactive: "userInactive",
  controlCharacter: "controlCharacter",
  bidiControl: "bidiControl",
  invalidCharacter: "invalidCharacter",
} as const satisfies Record<string, string> & Record<TextProblem, string>;

/**
 * A message that names a limit: the key, "@" and the day (`dateInFuture@2026-12-02`).
 * The forms show it with the day in the reader's language (`fieldErrorParts`).
 */
export function limitError(key: keyof typeof fieldError, day: Date): string {
  return `${key}@${isoDay(day)}`;
}

/** A field error's message key and the day it names, if any. */
export function fieldErrorParts(message: string): { key: string; limit: string | null } {
  const [key, limit] = message.split("@");
  return { key: key!, limit: limit ?? null };
}

/** Empty form fields arrive as "" and mean "no value", as does a field left out. */
const emptyToNull = (value: unknown) => (value === undefined || (typeof value === "string" && value.trim() === "") ? null : value);

/** Text as it is stored (lib/text.ts): composed, line breaks kept or made spaces, refused with the problem as the field's message. */
const storedText = (max: number, multiline: boolean) =>
  z
    .string({ error: fieldError.required })
    .transform((value) => cleanText(value, { multiline }).trim())
    .superRefine((value, context) => {
      const problem = textProblem(value);
      if (problem) context.addIssue({ code: "custom", message: fieldError[problem] });
    })
    .pipe(z.string().max(max, fieldError.tooLong));

/** One line of text (titles, names, agencies); a line break in it becomes a space. */
export const requiredText = (max: number) => storedText(max, false).pipe(z.string().min(1, fieldError.required));

export const optionalText = (max: number) => z.preprocess(emptyToNull, storedText(max, false).nullable());

/** Text of several lines (summaries, notes). */
export const requiredParagraphs = (max: number) => storedText(max, true).pipe(z.string().min(1, fieldError.required));

export const optionalParagraphs = (max: number) => z.preprocess(emptyToNull, storedText(max, true).nullable());

/** Links shown to readers: http and https only, so no `javascript:` or `data:` URL reaches a page. */
export const httpUrl = z
  .string({ error: fieldError.required })
  .trim()
  .min(1, fieldError.required)
  .max(500, fieldError.tooLong)
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === "http:" || url.protocol === "https:") && url.hostname !== "";
    } catch {
      return false;
    }
  }, fieldError.invalidUrl)
  // new URL() silently drops tabs and line breaks, which would then be stored: refuse them.
  .refine((value) => textProblem(value) === null && !/\s/.test(value), fieldError.invalidUrl);

export const optionalHttpUrl = z.preprocess(emptyToNull, httpUrl.nullable());

/** A calendar day: "2026-03-31" (or a Date at UTC midnight), stored at UTC midnight. Rejects 2026-02-30. */
export const calendarDay = z.union([z.string(), z.date()], { error: fieldError.invalidDate }).transform((value, context) => {
  const day = parseIsoDay(value instanceof Date ? isoDay(value) : value.trim());
  if (!day) {
    context.addIssue({ code: "custom", message: fieldError.invalidDate });
    return z.NEVER;
  }
  return day;
});

export const optionalCalendarDay = z.preprocess(emptyToNull, calendarDay.nullable());

export const progressPercent = z.coerce
  .number({ error: fieldError.progressRange })
  .int(fieldError.progressRange)
  .min(0, fieldError.progressRange)
  .max(100, fieldError.progressRange);

export const version = z.coerce.number({ error: fieldError.invalidVersion }).int(fieldError.invalidVersion).min(1, fieldError.invalidVersion);

/** Check boxes arrive as "on" or not at all; other callers pass booleans. */
export const checkbox = z.preprocess((value) => value === true || value === "on" || value === "true", z.boolean());

/** Parses `input` or throws a ValidationError with the messages keyed by field. */
export function parseFields<Schema extends z.ZodType>(schema: Schema, input: unknown): z.output<Schema> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? "form");
    // zod's own messages (e.g. an unexpected type) are not keys; show the generic one.
    const message = Object.values(fieldError).includes(fieldErrorParts(issue.message).key as never) ? issue.message : fieldError.unknownValue;
    const messages = (fieldErrors[field] ??= []);
    if (!messages.includes(message)) messages.push(message);
  }
  throw new ValidationError(fieldErrors);
}
