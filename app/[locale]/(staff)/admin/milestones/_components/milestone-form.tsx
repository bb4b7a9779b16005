"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Link } from "@/i18n/navigation";
import { idleState } from "@/lib/forms/state";
import { milestoneKinds, type MilestoneKind, type MilestoneStatus } from "@/lib/vocabulary";
import { createMilestoneAction, updateMilestoneAction } from "../actions";
import { CheckboxField, FormMessage, SelectField, SubmitButton, TextArea, TextField } from "../../../_components/form-fields";

export type MilestoneFormValues = {
  slug: string;
  version: number;
  pillar: string;
  titleEn: string;
  titleEs: string | null;
  titleJa: string | null;
  summaryEn: string;
  summaryEs: string | null;
  summaryJa: string | null;
  kind: MilestoneKind;
  status: MilestoneStatus;
  progress: number;
  targetDate: string | null;
  baselineTargetDate: string | null;
  completedOn: string | null;
  leadAgencyA: string | null;
  leadAgencyB: string | null;
  location: string | null;
  isPublic: boolean;
  sourceUrl: string;
};

/**
 * Every field of a milestone a person edits; creates one when `milestone` is
 * null. Status, progress and completion date are shown, not edited: they
 * change only by logging progress, which keeps their history.
 */
export function MilestoneForm({
  milestone,
  pillars,
  statusNames,
  targetLimits,
}: {
  milestone: MilestoneFormValues | null;
  pillars: { value: string; label: string }[];
  statusNames: Record<MilestoneStatus, string>;
  /** The first and last target dates the server accepts (YYYY-MM-DD). */
  targetLimits: { min: string; max: string };
}) {
  const t = useTranslations("Staff");
  const [state, action, pending] = useActionState(milestone ? updateMilestoneAction : createMilestoneAction, idleState);
  const field = (name: keyof MilestoneFormValues | "rescheduleReason") => t(`fields.${name}`);
  const version = state.status === "saved" && state.values?.expectedVersion ? state.values.expectedVersion : String(milestone?.version ?? "");
  return (
    <form action={action} noValidate className="max-w-2xl">
      <FormMessage state={state} saved={t("edit.saved")} />
      {milestone ? (
        <>
          <input type="hidden" name="slug" value={milestone.slug} />
          <input type="hidden" name="expectedVersion" value={version} />
          <p className="mb-4 rounded border border-slate-300 bg-white p-3 text-sm" data-current-status>
            {t("edit.currentStatus", { status: statusNames[milestone.status], progress: milestone.progress })}{" "}
            <Link className="underline" href={`/admin/milestones/${milestone.slug}/progress`}>
              {t("edit.changeStatus")}
            </Link>
          </p>
        </>
      ) : (
        <>
          <TextField name="slug" label={field("slug")} hint={t("fields.slugHint")} state={state} required />
          <p className="mb-4 text-sm text-slate-600">{t("edit.startsPlanned")}</p>
        </>
      )}
      <SelectField name="pillar" label={field("pillar")} state={state} defaultValue={milestone?.pillar} options={pillars} />
      <TextField name="titleEn" label={field("titleEn")} state={state} defaultValue={milestone?.titleEn} required />
      <TextField name="titleEs" label={field("titleEs")} state={state} defaultValue={milestone?.titleEs} />
      <TextField name="titleJa" label={field("titleJa")} state={state} defaultValue={milestone?.titleJa} />
      <TextArea name="summaryEn" label={field("summaryEn")} state={state} defaultValue={milestone?.summaryEn} required />
      <TextArea name="summaryEs" label={field("summaryEs")} state={state} defaultValue={milestone?.summaryEs} />
      <TextArea name="summaryJa" label={field("summaryJa")} state={state} defaultValue={milestone?.summaryJa} />
      <SelectField
        name="kind"
        label={field("kind")}
        state={state}
        defaultValue={milestone?.kind ?? "other"}
        options={milestoneKinds.map((kind) => ({ value: kind, label: t(`kind.${kind}`) }))}
      />
      <TextField
        name="targetDate"
        type="date"
        label={field("targetDate")}
        hint={
          milestone?.baselineTargetDate && milestone.baselineTargetDate !== milestone.targetDate
            ? t("edit.targetHintMoved", { ...targetLimits, original: milestone.baselineTargetDate })
            : t("edit.targetHint", targetLimits)
        }
        state={state}
        defaultValue={milestone?.targetDate}
        min={targetLimits.min}
        max={targetLimits.max}
      />
      {milestone ? <TextArea name="rescheduleReason" label={field("rescheduleReason")} hint={t("edit.rescheduleHint")} state={state} rows={2} /> : null}
      <TextField name="leadAgencyA" label={field("leadAgencyA")} state={state} defaultValue={milestone?.leadAgencyA} />
      <TextField name="leadAgencyB" label={field("leadAgencyB")} state={state} defaultValue={milestone?.leadAgencyB} />
      <TextField name="location" label={field("location")} state={state} defaultValue={milestone?.location} />
      <TextField name="sourceUrl" type="url" label={field("sourceUrl")} state={state} defaultValue={milestone?.sourceUrl} required />
      <CheckboxField name="isPublic" label={field("isPublic")} state={state} defaultChecked={milestone?.isPublic ?? true} />
      <SubmitButton pending={pending}>{milestone ? t("edit.save") : t("edit.create")}</SubmitButton>
      {!milestone && state.status === "saved" && state.result?.slug ? (
        <p className="mt-4">
          <Link className="underline" href={`/admin/milestones/${state.result.slug}`}>
            {state.result.slug}
          </Link>
        </p>
      ) : null}
    </form>
  );
}
