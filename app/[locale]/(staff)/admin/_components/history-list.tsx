import { getFormatter, getTranslations } from "next-intl/server";
import type { HistoryEntry } from "@/lib/milestones/history";

/** Who did what and when, with the changed fields before and after. */
export async function HistoryList({ entries, showMilestone }: { entries: HistoryEntry[]; showMilestone: boolean }) {
  const [t, common, format] = await Promise.all([getTranslations("Staff"), getTranslations("Common"), getFormatter()]);
  if (entries.length === 0) return <p className="text-slate-600">{t("history.empty")}</p>;
  // Message keys cannot contain dots: "progress.log" is history.actions.progress_log.
  const action = (name: string) => {
    const key = `history.actions.${name.replace(/[.-]/g, "_")}`;
    return t.has(key) ? t(key) : name;
  };
  const field = (name: string) => (t.has(`fields.${name}`) ? t(`fields.${name}`) : name);
  const value = (fieldName: string, raw: unknown) => {
    if (raw === null || raw === undefined || raw === "") return "—";
    if (typeof raw === "object") return JSON.stringify(raw);
    if (fieldName === "status" && common.has(`status.${raw}`)) return common(`status.${raw}`);
    if (fieldName === "kind" && t.has(`kind.${raw}`)) return t(`kind.${raw}`);
    return String(raw);
  };
  return (
    <ol className="space-y-3">
      {entries.map((entry) => (
        <li key={entry.id} className="rounded border border-slate-300 bg-white p-3">
          <p>
            <strong>{action(entry.action)}</strong>
            {showMilestone && entry.milestone ? <span className="ml-2 font-mono text-sm">{entry.milestone}</span> : null}
          </p>
          <p className="text-sm text-slate-600">
            {t("history.by", { actor: entry.actor ?? t("history.system"), date: format.dateTime(entry.at, { dateStyle: "medium", timeStyle: "short" }) })}
          </p>
          {entry.changes.length > 0 ? (
            <table className="mt-2 w-full text-left text-sm">
              <thead>
                <tr className="border-b border-slate-300">
                  <th className="py-1 pr-2">{t("history.field")}</th>
                  <th className="py-1 pr-2">{t("history.before")}</th>
                  <th className="py-1">{t("history.after")}</th>
                </tr>
              </thead>
              <tbody>
                {entry.changes.map((change) => (
                  <tr key={change.field} className="border-b border-slate-100 align-top">
                    <td className="py-1 pr-2">{field(change.field)}</td>
                    <td className="py-1 pr-2 break-all text-slate-600">{value(change.field, change.before)}</td>
                    <td className="py-1 break-all">{value(change.field, change.after)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
