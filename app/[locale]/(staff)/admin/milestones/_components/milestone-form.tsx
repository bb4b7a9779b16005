"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Link } from "@/i18n/navigation";
import { idleState } from "@/lib/forms/state";
import { milestoneKinds, milestoneStatuses, type MilestoneKind, type MilestoneStatus } from "@/lib/vocabulary";
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
  completedOn: string | null;
  leadAgencyA: string | null;
  leadAgencyB: string | null;
  location: string | null;
  isPublic: boolean;
  sourceUrl: string;
};

/** Every field of a milestone; creates one when `milestone` is null. */
export function MilestoneForm({
  milestone,
  pillars,
  statusNames,
}: {
  milestone: MilestoneFormValues | null;
  pillars: { value: string; label: string }[];
  statusNames: Record<MilestoneStatus, string>;
}) {
  const t = useTranslations("Staff");
  const [state, action, pending] = useActionState(milestone ? updateMilestoneAction : createMilestoneAction, idleState);
  const field = (name: keyof MilestoneFormValues) => t(`fields.${name}`);
  const version = state.status === "saved" && state.values?.expectedVersion ? state.values.expectedVersion : String(milestone?.version ?? "");
  return (
    <form action={action} noValidate className="max-w-2xl">
      <FormMessage state={state} saved={t("edit.saved")} />
      {milestone ? (
        <>
          <input type="hidden" name="slug" value={milestone.slug} />
          <input type="hidden" name="expectedVersion" value={version} />
        </>
      ) : (
        <TextField name="slug" label={field("slug")} hint={t("fields.slugHint")} state={state} required />
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
      <p className="mb-2 text-sm text-slate-600">{t("edit.completionRule")}</p>
      <SelectField
        name="status"
        label={field("status")}
        state={state}
        defaultValue={milestone?.status ?? "planned"}
        options={milestoneStatuses.map((status) => ({ value: status, label: statusNames[status] }))}
      />
      <TextField name="progress" type="number" label={field("progress")} state={state} defaultValue={milestone?.progress ?? 0} />
      <TextField name="targetDate" type="date" label={field("targetDate")} state={state} defaultValue={milestone?.targetDate} />
      <TextField name="completedOn" type="date" label={field("completedOn")} state={state} defaultValue={milestone?.completedOn} />
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
