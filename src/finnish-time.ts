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
