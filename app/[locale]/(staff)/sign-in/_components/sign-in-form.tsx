"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { idleState } from "@/lib/forms/state";
import { signInAction } from "../actions";
import { SubmitButton, TextField } from "../../_components/form-fields";

export function SignInForm({ locale, callbackUrl }: { locale: string; callbackUrl: string }) {
  const t = useTranslations("Staff.signIn");
  const [state, action, pending] = useActionState(signInAction, idleState);
  return (
    <form action={action} noValidate>
      <input type="hidden" name="locale" value={locale} />
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      {state.status === "failed" && state.message ? (
        <p role="alert" className="mb-4 rounded border border-red-700 bg-red-50 p-3 text-red-900">
          {t(state.message as "invalid" | "locked" | "failed")}
        </p>
      ) : null}
      <TextField name="email" type="email" label={t("email")} state={state} required />
      <TextField name="password" type="password" label={t("password")} state={{ ...state, values: undefined }} required />
      <SubmitButton pending={pending}>{t("submit")}</SubmitButton>
    </form>
  );
}
