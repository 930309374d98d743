import { createElement } from "react";
import {
  Car,
  HeartHandshake,
  House,
  Lightbulb,
  MessageCircle,
  ShieldAlert,
  Trash2,
  TreeDeciduous,
  Users,
  type LucideIcon,
} from "lucide-react";

/** One icon per theme code, used on chips, cards and map markers alike. */
const ICONS: Record<string, LucideIcon> = {
  afval: Trash2,
  verkeer: Car,
  groen: TreeDeciduous,
  verlichting: Lightbulb,
  overlast: ShieldAlert,
  wonen: House,
  zorg: HeartHandshake,
  jongeren: Users,
  samenleven: MessageCircle,
};

export function themeIcon(code: string): LucideIcon {
  return ICONS[code] ?? MessageCircle;
}

export function ThemeIcon({ code, className = "h-5 w-5" }: { code: string; className?: string }) {
  return createElement(themeIcon(code), { "aria-hidden": true, className, strokeWidth: 2 });
}
