"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { idleState } from "@/lib/forms/state";
import { requestPasswordResetAction } from "../actions";
import { FormMessage, SubmitButton, TextField } from "../../_components/form-fields";

export function ForgotPasswordForm({ locale }: { locale: string }) {
  const t = useTranslations("Staff");
  const [state, action, pending] = useActionState(requestPasswordResetAction, idleState);
  return (
    <form action={action} noValidate>
      <FormMessage state={state} saved={t("forgot.sent")} />
      <input type="hidden" name="locale" value={locale} />
      <TextField name="email" type="email" label={t("fields.email")} state={state} required />
      <SubmitButton pending={pending}>{t("forgot.submit")}</SubmitButton>
    </form>
  );
}
