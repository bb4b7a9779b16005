"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Link } from "@/i18n/navigation";
import { idleState } from "@/lib/forms/state";
import { setPasswordAction } from "../actions";
import { FormMessage, SubmitButton, TextField } from "../../_components/form-fields";

export function SetPasswordForm({ token }: { token: string }) {
  const t = useTranslations("Staff");
  const [state, action, pending] = useActionState(setPasswordAction, idleState);
  if (state.status === "saved") {
    return (
      <p role="status" className="rounded border border-green-700 bg-green-50 p-3 text-green-900">
        {t("setPassword.done")}{" "}
        <Link href="/sign-in" className="underline">
          {t("setPassword.goToSignIn")}
        </Link>
      </p>
    );
  }
  const tokenErrors = state.fieldErrors?.token;
  return (
    <form action={action} noValidate>
      <FormMessage state={state} />
      {tokenErrors ? <p className="mb-4 text-red-700">{t("setPassword.unusable")}</p> : null}
      <input type="hidden" name="token" value={token} />
      <TextField name="password" type="password" label={t("setPassword.password")} state={state} required />
      <TextField name="confirmation" type="password" label={t("setPassword.confirmation")} state={state} required />
      <SubmitButton pending={pending}>{t("setPassword.submit")}</SubmitButton>
    </form>
  );
}
