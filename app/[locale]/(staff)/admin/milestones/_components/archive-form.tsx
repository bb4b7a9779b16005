"use client";

import { useLocale, useTranslations } from "next-intl";
import { useActionState } from "react";
import { idleState } from "@/lib/forms/state";
import { archiveMilestoneAction, restoreMilestoneAction } from "../actions";
import { FormMessage, SubmitButton, TextArea } from "../../../_components/form-fields";

/**
 * Archiving in two steps: the disclosure says what it does and asks why;
 * only its own button, with a reason given, withdraws the milestone.
 */
export function ArchiveForm({ slug, version, isPublic }: { slug: string; version: number; isPublic: boolean }) {
  const t = useTranslations("Staff.archive");
  const locale = useLocale();
  const [state, action, pending] = useActionState(archiveMilestoneAction, idleState);
  return (
    <details className="mt-10 rounded border border-red-300 p-4" open={state.status === "failed"}>
      <summary className="cursor-pointer font-medium text-red-900">{t("open")}</summary>
      <form action={action} noValidate className="mt-3">
        <FormMessage state={state} />
        <input type="hidden" name="locale" value={locale} />
        <input type="hidden" name="slug" value={slug} />
        <input type="hidden" name="expectedVersion" value={version} />
        <p className="mb-3 text-sm text-slate-700">{isPublic ? t("hintPublic") : t("hintInternal")}</p>
        <TextArea name="reason" label={t("reason")} hint={isPublic ? t("reasonHintPublic") : undefined} state={state} required rows={3} />
        <SubmitButton pending={pending}>{t("confirm")}</SubmitButton>
      </form>
    </details>
  );
}

/** Brings an archived milestone back into tracking (admins); the milestone's page follows. */
export function RestoreForm({ slug, version }: { slug: string; version: number }) {
  const t = useTranslations("Staff.archive");
  const locale = useLocale();
  const [state, action, pending] = useActionState(restoreMilestoneAction, idleState);
  return (
    <form action={action} className="inline">
      <FormMessage state={state} />
      <input type="hidden" name="locale" value={locale} />
      <input type="hidden" name="slug" value={slug} />
      <input type="hidden" name="expectedVersion" value={version} />
      <SubmitButton pending={pending}>{t("restore")}</SubmitButton>
    </form>
  );
}
