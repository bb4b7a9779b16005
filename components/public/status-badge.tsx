import { getTranslations } from "next-intl/server";
import type { MilestoneStatus } from "@/lib/vocabulary";

// Status is told by shape and word, never by colour alone (WCAG 1.4.1).
const colours: Record<MilestoneStatus, string> = {
  planned: "#475569",
  in_progress: "#1d4ed8",
  completed: "#15803d",
  delayed: "#b45309",
  at_risk: "#b91c1c",
  cancelled: "#57534e",
};

/** The shape of a status, centred on (0, 0) with radius about 6; used in badges and on the timeline. */
export function StatusShape({ status }: { status: MilestoneStatus }) {
  const colour = colours[status];
  switch (status) {
    case "planned":
      return <circle r="5" fill="#fff" stroke={colour} strokeWidth="2" />;
    case "in_progress":
      return (
        <g>
          <circle r="5" fill="#fff" stroke={colour} strokeWidth="2" />
          <path d="M0 -5 A5 5 0 0 1 0 5 Z" fill={colour} />
        </g>
      );
    case "completed":
      return (
        <g>
          <circle r="6" fill={colour} />
          <path d="M-3 0 L-1 2.5 L3.2 -2.5" fill="none" stroke="#fff" strokeWidth="1.8" />
        </g>
      );
    case "delayed":
      return <rect x="-4.5" y="-4.5" width="9" height="9" transform="rotate(45)" fill="#fff" stroke={colour} strokeWidth="2" />;
    case "at_risk":
      return (
        <g>
          <path d="M0 -6.5 L6.5 5 L-6.5 5 Z" fill={colour} />
          <path d="M0 -2.5 V1.5 M0 2.8 V3.6" stroke="#fff" strokeWidth="1.6" />
        </g>
      );
    case "cancelled":
      return <path d="M-4.5 -4.5 L4.5 4.5 M4.5 -4.5 L-4.5 4.5" stroke={colour} strokeWidth="2.4" strokeLinecap="round" />;
  }
}

export function StatusIcon({ status, size = 16 }: { status: MilestoneStatus; size?: number }) {
  return (
    <svg width={size} height={size} viewBox="-8 -8 16 16" aria-hidden="true" focusable="false" className="shrink-0">
      <StatusShape status={status} />
    </svg>
  );
}

export async function StatusBadge({ status }: { status: MilestoneStatus }) {
  const t = await getTranslations("Common.status");
  return (
    <span className="status-badge inline-flex items-center gap-1.5 rounded-full border border-slate-300 bg-white px-2 py-0.5 text-sm font-medium whitespace-nowrap text-slate-900">
      <StatusIcon status={status} />
      {t(status)}
    </span>
  );
}

/** One status, or the change from one to another. */
export function StatusChange({ from, to }: { from: MilestoneStatus; to: MilestoneStatus }) {
  if (from === to) return <StatusBadge status={to} />;
  return (
    <span className="inline-flex flex-wrap items-center gap-1">
      <StatusBadge status={from} /> → <StatusBadge status={to} />
    </span>
  );
}

/** The shape of "overdue", beside a status and never instead of it: a clock whose time has run out. */
export function OverdueIcon({ size = 16 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="-8 -8 16 16" aria-hidden="true" focusable="false" className="shrink-0">
      <circle r="6.2" fill="#fff" stroke="#7f1d1d" strokeWidth="1.6" />
      <path d="M0 -3.6 V0 L2.6 2" fill="none" stroke="#7f1d1d" strokeWidth="1.6" strokeLinecap="round" />
    </svg>
  );
}

/** "Overdue", by its word and shape. */
export async function OverdueBadge() {
  const t = await getTranslations("Common");
  return (
    <span className="overdue-badge inline-flex items-center gap-1.5 rounded-full border border-red-900 bg-white px-2 py-0.5 text-sm font-medium whitespace-nowrap text-red-900">
      <OverdueIcon />
      {t("overdue")}
    </span>
  );
}
