"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { idleState } from "@/lib/forms/state";
import { changeOwnPasswordAction } from "../actions";
import { FormMessage, SubmitButton, TextField } from "../../../_components/form-fields";

export function ChangePasswordForm() {
  const t = useTranslations("Staff.account");
  const [state, action, pending] = useActionState(changeOwnPasswordAction, idleState);
  return (
    <form action={action} noValidate>
      {state.status === "saved" ? (
        <p role="status" className="mb-4 rounded border border-green-700 bg-green-50 p-3 text-green-900">
          {t("done")}
        </p>
      ) : (
        <FormMessage state={state} />
      )}
      <TextField name="currentPassword" type="password" label={t("currentPassword")} state={state} required />
      <TextField name="password" type="password" label={t("password")} state={state} required />
      <TextField name="confirmation" type="password" label={t("confirmation")} state={state} required />
      <SubmitButton pending={pending}>{t("submit")}</SubmitButton>
    </form>
  );
}
