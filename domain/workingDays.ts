/**
 * Which days count as working days in China Standard Time. The State Council publishes the holidays
 * and the weekend days worked in exchange (调休) each year, so both are configuration, not code.
 */
export interface WorkingCalendar {
  /** HOLIDAYS: public holidays falling on weekdays. */
  holidays: readonly string[];
  /** WORKING_WEEKEND_DAYS: Saturdays and Sundays that are worked (调休上班). */
  workingWeekendDays: readonly string[];
}

/**
 * Working-day arithmetic for legal time limits. Days are counted in China Standard Time (UTC+8, no
 * daylight saving): a request sent at 01:00 on Saturday in Beijing arrived on Saturday, though it is
 * still Friday in UTC.
 */
const CST_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

/** The calendar date in Beijing of an instant, YYYY-MM-DD. */
export function chinaDate(instant: Date): string {
  return new Date(instant.getTime() + CST_OFFSET_MS).toISOString().slice(0, 10);
}

export function isWorkingDay(date: string, calendar: WorkingCalendar): boolean {
  if (calendar.holidays.includes(date)) return false;
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return (weekday !== 0 && weekday !== 6) || calendar.workingWeekendDays.includes(date);
}

function nextDate(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
}

/** The last instant of a Beijing calendar day, 23:59:59.999 CST, which is when a limit ending that day runs out. */
export function endOfChinaDay(date: string): Date {
  return new Date(Date.parse(`${date}T00:00:00Z`) + DAY_MS - CST_OFFSET_MS - 1);
}

/**
 * The end of the n-th working day after the day of `from`. The day a request arrives is not counted,
 * as time limits run from the next day, so 5 working days from a Friday end on the next Friday.
 */
export function workingDaysAfter(from: Date, n: number, calendar: WorkingCalendar): Date {
  let date = chinaDate(from);
  for (let counted = 0; counted < n; ) {
    date = nextDate(date);
    if (isWorkingDay(date, calendar)) counted++;
  }
  return endOfChinaDay(date);
}
