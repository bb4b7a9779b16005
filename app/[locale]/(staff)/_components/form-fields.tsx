"use client";

import { useFormatter, useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { fieldErrorParts } from "@/lib/forms/fields";
import type { FormState } from "@/lib/forms/state";

// Form controls of the staff area: a label, the control, and the field's
// errors right below it, linked with aria-describedby.

type FieldProps = { name: string; label: string; state: FormState; hint?: string };

/** A field error's text in the reader's language; one that names a limit ("dateInFuture@2026-12-02") shows the day. */
export function useFieldErrorText(): (error: string) => string {
  const t = useTranslations("Staff.errors");
  const format = useFormatter();
  return (error) => {
    const { key, limit } = fieldErrorParts(error);
    if (!t.has(key)) return error;
    const day = limit ? format.dateTime(new Date(`${limit}T00:00:00Z`), { dateStyle: "long", timeZone: "UTC" }) : "";
    return t(key, { limit: day });
  };
}

function useFieldErrors(name: string, state: FormState) {
  const text = useFieldErrorText();
  const errors = state.fieldErrors?.[name] ?? [];
  const id = `${name}-error`;
  const node =
    errors.length > 0 ? (
      <p id={id} className="mt-1 text-sm text-red-700">
        {errors.map(text).join(" ")}
      </p>
    ) : null;
  return { invalid: errors.length > 0, describedBy: errors.length > 0 ? id : undefined, node };
}

function Wrapper({ name, label, hint, children, errors }: { name: string; label: string; hint?: string; children: ReactNode; errors: ReactNode }) {
  return (
    <div className="mb-4">
      <label htmlFor={name} className="block text-sm font-medium">
        {label}
      </label>
      {hint ? <p className="text-xs text-slate-600">{hint}</p> : null}
      {children}
      {errors}
    </div>
  );
}

const controlClass = "mt-1 block w-full rounded border border-slate-400 px-2 py-1 aria-[invalid=true]:border-red-700";

export function TextField({
  name,
  label,
  state,
  hint,
  defaultValue,
  type = "text",
  required,
  min,
  max,
}: FieldProps & { defaultValue?: string | number | null; type?: string; required?: boolean; min?: string | number; max?: string | number }) {
  const errors = useFieldErrors(name, state);
  return (
    <Wrapper name={name} label={label} hint={hint} errors={errors.node}>
      <input
        id={name}
        name={name}
        type={type}
        required={required}
        min={min}
        max={max}
        defaultValue={state.values?.[name] ?? defaultValue ?? ""}
        aria-invalid={errors.invalid}
        aria-describedby={errors.describedBy}
        className={controlClass}
      />
    </Wrapper>
  );
}

export function TextArea({
  name,
  label,
  state,
  hint,
  defaultValue,
  required,
  rows = 4,
}: FieldProps & { defaultValue?: string | null; required?: boolean; rows?: number }) {
  const errors = useFieldErrors(name, state);
  return (
    <Wrapper name={name} label={label} hint={hint} errors={errors.node}>
      <textarea
        id={name}
        name={name}
        rows={rows}
        required={required}
        defaultValue={state.values?.[name] ?? defaultValue ?? ""}
        aria-invalid={errors.invalid}
        aria-describedby={errors.describedBy}
        className={controlClass}
      />
    </Wrapper>
  );
}

export function SelectField({
  name,
  label,
  state,
  hint,
  defaultValue,
  options,
}: FieldProps & { defaultValue?: string; options: { value: string; label: string }[] }) {
  const errors = useFieldErrors(name, state);
  return (
    <Wrapper name={name} label={label} hint={hint} errors={errors.node}>
      <select
        // A select keeps its first default; remounting shows the submitted value after a refusal.
        key={state.values?.[name] ?? defaultValue}
        id={name}
        name={name}
        defaultValue={state.values?.[name] ?? defaultValue}
        aria-invalid={errors.invalid}
        aria-describedby={errors.describedBy}
        className={controlClass}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </Wrapper>
  );
}

export function CheckboxField({ name, label, state, defaultChecked }: FieldProps & { defaultChecked: boolean }) {
  const errors = useFieldErrors(name, state);
  const checked = state.values ? state.values[name] === "on" : defaultChecked;
  return (
    <div className="mb-4">
      <label className="flex items-center gap-2 text-sm font-medium">
        <input type="checkbox" name={name} defaultChecked={checked} aria-invalid={errors.invalid} aria-describedby={errors.describedBy} />
        {label}
      </label>
      {errors.node}
    </div>
  );
}

/** The form-wide message: saved, refused, or what another editor changed. */
export function FormMessage({ state, saved }: { state: FormState; saved?: string }) {
  const t = useTranslations("Staff");
  const errorText = useFieldErrorText();
  if (state.status === "saved") {
    return saved ? (
      <p role="status" className="mb-4 rounded border border-green-700 bg-green-50 p-3 text-green-900">
        {saved}
      </p>
    ) : null;
  }
  if (state.status !== "failed" || !state.message) return null;
  const field = (name: string) => (t.has(`fields.${name}`) ? t(`fields.${name}`) : name);
  return (
    <div role="alert" className="mb-4 rounded border border-red-700 bg-red-50 p-3 text-red-900">
      <p>{t(`messages.${state.message}`, { version: state.conflict?.currentVersion ?? 0 })}</p>
      {state.conflict ? (
        <>
          <ul className="mt-2 list-disc pl-6">
            {state.conflict.changes.map((change) => (
              <li key={change.field}>
                <strong>{field(change.field)}</strong>: {change.before} → {change.after}
              </li>
            ))}
          </ul>
          <p className="mt-2">{t("messages.conflictReload")}</p>
        </>
      ) : null}
      {state.fieldErrors?.form ? <p className="mt-2">{state.fieldErrors.form.map(errorText).join(" ")}</p> : null}
    </div>
  );
}

export function SubmitButton({ children, pending }: { children: ReactNode; pending: boolean }) {
  return (
    <button type="submit" disabled={pending} className="rounded bg-slate-900 px-4 py-2 text-white disabled:opacity-60">
      {children}
    </button>
  );
}
