/** Calendar dates as they are in Finland: letters, holds and reports are dated in Finnish time. */

/** Today's date in Finland (YYYY-MM-DD). */
export function todayInFinland(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Helsinki' }).format(now);
}

/** Midnight of a calendar date in Finland, as an instant (the offset at noon is the offset at midnight). */
export function finnishMidnight(date: string): Date {
  const noonUtc = new Date(`${date}T12:00:00Z`);
  const hour = Number(
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Helsinki', hour: '2-digit', hourCycle: 'h23' }).format(
      noonUtc,
    ),
  );
  return new Date(Date.parse(`${date}T00:00:00Z`) - (hour - 12) * 3600_000);
}

/**
 * A date some calendar months after another: the same day of the month, or the month's last day
 * when it has no such day (31 January + 1 month = 28 or 29 February).
 */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}
