/**
 * Working-day arithmetic for legal time limits. Days are counted in China Standard Time (UTC+8, no
 * daylight saving): a request sent at 01:00 on Saturday in Beijing arrived on Saturday, though it is
 * still Friday in UTC.
 */
import { chinaDate, datePlusDays, endOfChinaDay } from './chinaTime';

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

export function isWorkingDay(date: string, calendar: WorkingCalendar): boolean {
  if (calendar.holidays.includes(date)) return false;
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return (weekday !== 0 && weekday !== 6) || calendar.workingWeekendDays.includes(date);
}

/**
 * The end of the n-th working day after the day of `from`. The day a request arrives is not counted,
 * as time limits run from the next day, so 5 working days from a Friday end on the next Friday.
 */
export function workingDaysAfter(from: Date, n: number, calendar: WorkingCalendar): Date {
  let date = chinaDate(from);
  for (let counted = 0; counted < n;) {
    date = datePlusDays(date, 1);
    if (isWorkingDay(date, calendar)) counted++;
  }
  return endOfChinaDay(date);
}
