"use client";

import { useLocale, useTranslations } from "next-intl";
import { useActionState } from "react";
import { idleState } from "@/lib/forms/state";
import { freezeSnapshotAction } from "../actions";
import { FormMessage, SubmitButton, TextField } from "../../../_components/form-fields";

/** Names a snapshot and the day it is of; the tracker freezes what is known at that moment. */
export function FreezeForm({ limits }: { limits: { min: string; max: string } }) {
  const t = useTranslations("Staff");
  const locale = useLocale();
  const [state, action, pending] = useActionState(freezeSnapshotAction, idleState);
  return (
    <form action={action} noValidate className="max-w-xl rounded border border-slate-300 bg-white p-4">
      <h2 className="mb-3 text-lg font-semibold">{t("snapshots.freeze")}</h2>
      <FormMessage state={state} />
      <TextField name="name" label={t("fields.name")} hint={t("snapshots.nameHint")} state={state} required />
      <TextField
        name="asOf"
        type="date"
        label={t("fields.asOf")}
        hint={t("snapshots.asOfHint", limits)}
        state={state}
        defaultValue={limits.max}
        min={limits.min}
        max={limits.max}
        required
      />
      <SubmitButton pending={pending}>{t("snapshots.freeze")}</SubmitButton>
      {state.status === "saved" && state.result?.slug ? (
        <p role="status" className="mt-4">
          {t("snapshots.frozen")}{" "}
          <a className="underline" href={`/${locale}/snapshots/${state.result.slug}`}>
            /{locale}/snapshots/{state.result.slug}
          </a>
        </p>
      ) : null}
    </form>
  );
}
