const relative = new Intl.RelativeTimeFormat("nl-NL", { numeric: "auto" });
const DAY = 24 * 60 * 60 * 1000;

/** "vandaag", "gisteren", "3 dagen geleden", "2 weken geleden", "4 maanden geleden". */
export function formatAge(date: Date | string, now: Date | string) {
  const then = new Date(date).getTime();
  const diff = new Date(now).getTime() - then;
  const days = Math.floor(diff / DAY);
  if (diff < 60 * 60 * 1000) {
    const minutes = Math.max(1, Math.floor(diff / 60_000));
    return diff < 60_000 ? "zojuist" : relative.format(-minutes, "minute");
  }
  if (days < 1) return relative.format(-Math.floor(diff / (60 * 60 * 1000)), "hour");
  if (days < 14) return relative.format(-days, "day");
  if (days < 60) return relative.format(-Math.floor(days / 7), "week");
  if (days < 365) return relative.format(-Math.floor(days / 30), "month");
  return relative.format(-Math.floor(days / 365), "year");
}

const dateFormat = new Intl.DateTimeFormat("nl-NL", {
  day: "numeric",
  month: "long",
  year: "numeric",
  timeZone: "Europe/Amsterdam",
});
const dateTimeFormat = new Intl.DateTimeFormat("nl-NL", {
  day: "numeric",
  month: "long",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  timeZone: "Europe/Amsterdam",
});

export function formatDate(date: Date | string) {
  return dateFormat.format(new Date(date));
}

export function formatDateTime(date: Date | string) {
  return dateTimeFormat.format(new Date(date));
}

/** Residents appear in public as first name only (plus buurt where shown). */
export function firstName(name: string | null | undefined) {
  return name?.trim().split(/\s+/)[0] || null;
}
