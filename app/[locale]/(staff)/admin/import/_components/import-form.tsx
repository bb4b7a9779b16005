"use client";

import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import type { ImportProblem } from "@/lib/import/read";
import { importLimits } from "@/lib/import/limits";
import { applyImportAction, checkImportAction, type ImportState } from "../actions";
import { useFieldErrorText } from "../../../_components/form-fields";

/** Choose a file, see the dry run row by row, then apply it; the file is sent again to apply, and checked again. */
export function ImportForm() {
  const t = useTranslations("Reports");
  const tStaff = useTranslations("Staff");
  const [file, setFile] = useState<File | null>(null);
  const [checked, setChecked] = useState<File | null>(null);
  const [state, setState] = useState<ImportState | null>(null);
  const [running, setRunning] = useState<"check" | "apply" | null>(null);
  const [pending, startTransition] = useTransition();

  const fieldErrorText = useFieldErrorText();
  const tStatus = useTranslations("Common.status");
  const problemText = (problem: ImportProblem) =>
    problem.code === "invalid"
      ? t("errors.invalid", { column: String(problem.values?.column ?? ""), message: fieldErrorText(problem.fieldError ?? "unknownValue") })
      : t(`errors.${problem.code}`, problem.values ?? {});

  function run(kind: "check" | "apply") {
    if (!file) return setState({ message: t("import.chooseFile") });
    if (file.size > importLimits.bytes) return setState({ fileProblem: { code: "tooLarge" } });
    const data = new FormData();
    data.set("file", file);
    setRunning(kind);
    startTransition(async () => {
      const result = await (kind === "check" ? checkImportAction(data) : applyImportAction(data));
      setState(result);
      setChecked(kind === "check" && result.report ? file : null);
      setRunning(null);
    });
  }

  const report = state?.report;
  const canApply = report && !report.applied && checked === file && report.counts.reject === 0 && report.counts.create + report.counts.update > 0;
  return (
    <div>
      <div className="flex flex-wrap items-end gap-4">
        <label className="flex flex-col gap-1 text-sm">
          {t("import.file")}
          <input
            type="file"
            name="file"
            accept=".csv,text/csv"
            className="rounded border border-slate-400 bg-white p-2"
            onChange={(event) => {
              setFile(event.target.files?.[0] ?? null);
              setState(null);
            }}
          />
        </label>
        <button type="button" disabled={pending} onClick={() => run("check")} className="rounded bg-slate-800 px-4 py-2 text-white disabled:opacity-50">
          {running === "check" ? t("import.checking") : t("import.dryRun")}
        </button>
        {canApply ? (
          <button type="button" disabled={pending} onClick={() => run("apply")} className="rounded bg-emerald-700 px-4 py-2 text-white disabled:opacity-50">
            {running === "apply" ? t("import.applying") : t("import.apply")}
          </button>
        ) : null}
      </div>

      <div aria-live="polite" className="mt-6">
        {state?.message ? (
          <p role="alert" className="rounded border border-red-700 bg-red-50 p-3">
            {state.message === "notSignedIn" || state.message === "forbidden" ? tStaff(`messages.${state.message}`) : state.message}
          </p>
        ) : null}
        {state?.fileProblem ? (
          <p role="alert" className="rounded border border-red-700 bg-red-50 p-3" data-file-problem={state.fileProblem.code}>
            {problemText(state.fileProblem)}
          </p>
        ) : null}
        {report ? (
          <>
            <p className="mb-2 font-medium" data-summary>
              {report.applied
                ? t("import.applied", { created: report.counts.create, updated: report.counts.update })
                : report.counts.create + report.counts.update === 0 && report.counts.reject === 0
                  ? t("import.nothingToApply")
                  : t("import.summary", {
                      created: report.counts.create,
                      updated: report.counts.update,
                      unchanged: report.counts.unchanged,
                      rejected: report.counts.reject,
                    })}
            </p>
            {report.counts.reject > 0 ? <p className="mb-2 text-red-800">{t("import.fixFirst")}</p> : null}
            {report.notices.map((notice) => (
              <p key={notice.code} className="mb-2 rounded border border-slate-400 bg-slate-50 p-3" data-notice={notice.code}>
                {t(`notices.${notice.code}`, notice.values)}
              </p>
            ))}
            <table className="w-full border-collapse text-sm">
              <thead>
                <tr className="border-b border-slate-400 text-left">
                  <th className="p-2">{t("import.line")}</th>
                  <th className="p-2">{t("columns.key")}</th>
                  <th className="p-2">{t("import.outcome")}</th>
                  <th className="p-2">{t("import.details")}</th>
                </tr>
              </thead>
              <tbody>
                {report.rows
                  .filter((row) => row.outcome !== "unchanged")
                  .map((row) => (
                    <tr key={row.line} className="border-b border-slate-200 align-top" data-outcome={row.outcome}>
                      <td className="p-2">{row.line}</td>
                      <td className="p-2">
                        <span className="font-mono">{row.key || t("import.unknownRow")}</span>
                        {row.title ? <span className="block">{row.title}</span> : null}
                      </td>
                      <td className={`p-2 ${row.outcome === "reject" ? "text-red-800" : ""}`}>{t(`import.${row.outcome}`)}</td>
                      <td className="p-2">
                        <ul>
                          {row.changes.map((change) => (
                            <li key={change.column}>{t("import.field", { field: change.column, before: change.before || "—", after: change.after || "—" })}</li>
                          ))}
                          {row.logs ? (
                            <li data-logs>
                              {t("import.willLog", {
                                status: tStatus(row.logs.status),
                                progress: row.logs.progress,
                                date: row.logs.happenedOn,
                                note: row.logs.note,
                              })}
                            </li>
                          ) : null}
                          {row.reschedule ? (
                            <li data-reschedule>
                              {t("import.willReschedule", {
                                before: row.reschedule.before ?? "—",
                                after: row.reschedule.after ?? "—",
                                note: row.reschedule.reason,
                              })}
                            </li>
                          ) : null}
                          {row.problems.map((problem, index) => (
                            <li key={index}>{problemText(problem)}</li>
                          ))}
                        </ul>
                      </td>
                    </tr>
                  ))}
              </tbody>
            </table>
          </>
        ) : null}
      </div>
    </div>
  );
}
