/**
 * The moment `months` calendar months before `instant` (same time of day, UTC). A day that does
 * not exist in the target month becomes its last day: 31 March minus one month is 28/29 February.
 */
export function monthsBefore(instant: Date, months: number): Date {
  const year = instant.getUTCFullYear();
  const month = instant.getUTCMonth() - months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const result = new Date(instant);
  result.setUTCFullYear(year, month, Math.min(instant.getUTCDate(), lastDay));
  return result;
}
