import { CircleCheck, CircleDashed, CircleDot, CircleSlash, Clock, RotateCcw, type LucideIcon } from "lucide-react";
import { t } from "~/i18n";
import type { IssueStatus } from "~/domain/issue-status";

/** Status colours pass WCAG contrast on white and never carry meaning alone (text + icon). */
const STYLE: Record<IssueStatus, { icon: LucideIcon; className: string }> = {
  nieuw: { icon: CircleDashed, className: "bg-gray-100 text-gray-800 border-gray-400" },
  getrieerd: { icon: CircleDot, className: "bg-blue-50 text-blue-800 border-blue-300" },
  in_behandeling: { icon: Clock, className: "bg-amber-50 text-amber-900 border-amber-400" },
  opgelost: { icon: CircleCheck, className: "bg-green-50 text-green-800 border-green-400" },
  gesloten_niet_opgelost: { icon: CircleSlash, className: "bg-gray-200 text-gray-900 border-gray-500" },
  heropend: { icon: RotateCcw, className: "bg-purple-50 text-purple-800 border-purple-300" },
};

/** Marker colours per status on the map (same meaning as the badges). */
export const STATUS_COLORS: Record<IssueStatus, string> = {
  nieuw: "#4b5563",
  getrieerd: "#1d4ed8",
  in_behandeling: "#b45309",
  opgelost: "#15803d",
  gesloten_niet_opgelost: "#1f2937",
  heropend: "#7e22ce",
};

export function StatusBadge({ status }: { status: string }) {
  const style = STYLE[status as IssueStatus] ?? STYLE.nieuw;
  const Icon = style.icon;
  return (
    <span
      className={`inline-flex items-center gap-1 rounded-full border px-2 py-0.5 text-sm font-medium ${style.className}`}
    >
      <Icon aria-hidden="true" className="h-4 w-4" />
      {t(`common.status.${status as IssueStatus}`)}
    </span>
  );
}
