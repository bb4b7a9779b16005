"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { idleState } from "@/lib/forms/state";
import { milestoneStatuses, type MilestoneStatus } from "@/lib/vocabulary";
import { logProgressAction } from "../../../actions";
import { CheckboxField, FormMessage, SelectField, SubmitButton, TextArea, TextField } from "../../../../../_components/form-fields";

export function ProgressForm({
  slug,
  version,
  status,
  progress,
  limits,
  today,
  statusNames,
}: {
  slug: string;
  version: number;
  status: MilestoneStatus;
  progress: number;
  /** The days the server accepts as having happened: from the Road Map's first year to today in Tokyo. */
  limits: { min: string; max: string };
  /** The form's first day: today in Lima, which is today or yesterday for every party, never tomorrow. */
  today: string;
  statusNames: Record<MilestoneStatus, string>;
}) {
  const t = useTranslations("Staff");
  const [state, action, pending] = useActionState(logProgressAction, idleState);
  // After a save the next entry builds on the new version.
  const expectedVersion = state.status === "saved" && state.result?.version ? state.result.version : String(version);
  return (
    <form action={action} noValidate className="max-w-2xl">
      <FormMessage state={state} saved={t("progress.saved")} />
      <input type="hidden" name="milestone" value={slug} />
      <input type="hidden" name="expectedVersion" value={expectedVersion} />
      <p className="mb-2 text-sm text-slate-600">{t("progress.completionRule")}</p>
      <SelectField
        name="status"
        label={t("fields.status")}
        state={state}
        defaultValue={status}
        options={milestoneStatuses.map((value) => ({ value, label: statusNames[value] }))}
      />
      <TextField name="progress" type="number" label={t("fields.progress")} state={state} defaultValue={progress} />
      <TextArea name="note" label={t("fields.note")} state={state} required />
      <CheckboxField name="noteIsPublic" label={t("fields.noteIsPublic")} state={state} defaultChecked={false} />
      <TextField name="evidenceUrl" type="url" label={t("fields.evidenceUrl")} state={state} />
      <TextField
        name="happenedOn"
        type="date"
        label={t("fields.happenedOn")}
        hint={t("progress.happenedOnHint", limits)}
        state={state}
        defaultValue={today}
        min={limits.min}
        max={limits.max}
        required
      />
      <SubmitButton pending={pending}>{t("progress.submit")}</SubmitButton>
    </form>
  );
}
