"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useActionState } from "react";
import { idleState } from "@/lib/forms/state";
import { roles as roleValues, type Role } from "@/lib/vocabulary";
import { changeUserRoleAction, inviteUserAction, resetPasswordAction, setUserActiveAction } from "../actions";
import { FormMessage, SelectField, SubmitButton, TextField } from "../../../_components/form-fields";

/** A one-time link just made (an invitation or a reset): shown once for the admin to pass on, and whether it was emailed. */
function OneTimeLink({ result, message }: { result: Record<string, string>; message: "users.invitationLink" | "users.resetLink" }) {
  const t = useTranslations("Staff");
  const format = useFormatter();
  return (
    <div role="status" className="mb-4 rounded border border-green-700 bg-green-50 p-3 text-green-900">
      <p>{t(message, { email: result.email!, date: format.dateTime(new Date(result.expiresAt!), { dateStyle: "medium", timeStyle: "short" }) })}</p>
      <input
        readOnly
        aria-label={t(message === "users.invitationLink" ? "users.invite" : "users.resetPassword")}
        value={result.link}
        className="mt-2 w-full rounded border border-slate-400 bg-white px-2 py-1 font-mono text-xs"
        data-testid="invitation-link"
      />
      {result.emailOutcome === "sent" ? <p className="mt-2">{t("users.emailSent", { email: result.email! })}</p> : null}
      {result.emailOutcome === "failed" ? <p className="mt-2 font-semibold text-red-800">{t("users.emailFailed", { email: result.email! })}</p> : null}
    </div>
  );
}

export function InviteForm({ locale }: { locale: string }) {
  const t = useTranslations("Staff");
  const [state, action, pending] = useActionState(inviteUserAction, idleState);
  const roles = roleValues.map((role) => ({ value: role, label: t(`roles.${role}`) }));
  return (
    <form action={action} noValidate className="max-w-xl">
      <FormMessage state={state} />
      {state.status === "saved" && state.result ? <OneTimeLink result={state.result} message="users.invitationLink" /> : null}
      <input type="hidden" name="locale" value={locale} />
      <TextField name="email" type="email" label={t("fields.email")} state={state} required />
      <TextField name="name" label={t("fields.name")} state={state} />
      <SelectField name="role" label={t("fields.role")} state={state} defaultValue="editor" options={roles} />
      <SubmitButton pending={pending}>{t("users.submitInvite")}</SubmitButton>
    </form>
  );
}

export function UserControls({ userId, role, active, locale }: { userId: string; role: Role; active: boolean; locale: string }) {
  const t = useTranslations("Staff");
  const [roleState, changeRole, rolePending] = useActionState(changeUserRoleAction, idleState);
  const [activeState, changeActive, activePending] = useActionState(setUserActiveAction, idleState);
  const [resetState, reset, resetPending] = useActionState(resetPasswordAction, idleState);
  return (
    <div className="flex flex-wrap items-start gap-2">
      <form action={changeRole} className="flex items-center gap-1">
        <input type="hidden" name="userId" value={userId} />
        <label className="sr-only" htmlFor={`role-${userId}`}>
          {t("fields.role")}
        </label>
        <select key={role} id={`role-${userId}`} name="role" defaultValue={role} className="rounded border border-slate-400 px-1 py-1">
          {roleValues.map((value) => (
            <option key={value} value={value}>
              {t(`roles.${value}`)}
            </option>
          ))}
        </select>
        <button type="submit" disabled={rolePending} className="rounded border border-slate-400 px-2 py-1">
          {t("users.changeRole")}
        </button>
      </form>
      <form action={changeActive}>
        <input type="hidden" name="userId" value={userId} />
        <input type="hidden" name="active" value={active ? "false" : "true"} />
        <SubmitButton pending={activePending}>{active ? t("users.deactivate") : t("users.reactivate")}</SubmitButton>
      </form>
      {active ? (
        <form action={reset} title={t("users.resetHint")}>
          <input type="hidden" name="userId" value={userId} />
          <input type="hidden" name="locale" value={locale} />
          <SubmitButton pending={resetPending}>{t("users.resetPassword")}</SubmitButton>
        </form>
      ) : null}
      <div className="w-full text-sm">
        <FormMessage state={roleState} saved={t("users.roleChanged")} />
        <FormMessage state={activeState} saved={t("users.activeChanged")} />
        {resetState.status === "saved" && resetState.result ? (
          <OneTimeLink result={resetState.result} message="users.resetLink" />
        ) : (
          <FormMessage state={resetState} />
        )}
      </div>
    </div>
  );
}
