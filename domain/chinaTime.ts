/**
 * China Standard Time (UTC+8, no daylight saving): the one place the offset is written. Legal time limits
 * run on Beijing calendar days, and officers and participants read times as they are in China.
 */
const CST_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

/** The instant shifted so that its UTC fields read as the wall clock in Beijing. */
function inBeijing(instant: Date): Date {
  return new Date(instant.getTime() + CST_OFFSET_MS);
}

/** The calendar date in Beijing of an instant, YYYY-MM-DD. */
export function chinaDate(instant: Date): string {
  return inBeijing(instant).toISOString().slice(0, 10);
}

/** Date and time in Beijing to the minute, YYYY-MM-DD HH:MM, as a notice without a time zone carries it. */
export function chinaDateTime(instant: Date): string {
  return inBeijing(instant).toISOString().slice(0, 16).replace('T', ' ');
}

/** 2026年11月16日, the day as it is in China. */
export function chineseDate(instant: Date): string {
  const local = inBeijing(instant);
  return `${local.getUTCFullYear()}年${local.getUTCMonth() + 1}月${local.getUTCDate()}日`;
}

/** The calendar date n days after a date (YYYY-MM-DD). */
export function datePlusDays(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** The last instant of a Beijing calendar day, 23:59:59.999 CST, which is when a limit ending that day runs out. */
export function endOfChinaDay(date: string): Date {
  return new Date(Date.parse(`${date}T00:00:00Z`) + DAY_MS - CST_OFFSET_MS - 1);
}
