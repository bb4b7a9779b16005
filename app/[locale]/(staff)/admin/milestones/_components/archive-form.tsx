"use client";

import { useLocale, useTranslations } from "next-intl";
import { useActionState } from "react";
import { idleState } from "@/lib/forms/state";
import { archiveMilestoneAction } from "../actions";
import { FormMessage, SubmitButton } from "../../../_components/form-fields";

export function ArchiveForm({ slug, version }: { slug: string; version: number }) {
  const t = useTranslations("Staff.edit");
  const locale = useLocale();
  const [state, action, pending] = useActionState(archiveMilestoneAction, idleState);
  return (
    <form action={action} className="mt-10 rounded border border-red-300 p-4">
      <FormMessage state={state} />
      <input type="hidden" name="locale" value={locale} />
      <input type="hidden" name="slug" value={slug} />
      <input type="hidden" name="expectedVersion" value={version} />
      <p className="mb-2 text-sm text-slate-700">{t("archiveHint")}</p>
      <SubmitButton pending={pending}>{t("archive")}</SubmitButton>
    </form>
  );
}
