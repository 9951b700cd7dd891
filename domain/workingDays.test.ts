import { investigationConfig } from '../subgraphs/kit/config';
import { isWorkingDay, workingDaysAfter } from './workingDays';
import { chinaDate, endOfChinaDay } from './chinaTime';

const plain = { holidays: [], workingWeekendDays: [] };

describe('working days', () => {
  it('counts days in Beijing: 20:00 UTC on a Friday is already Saturday there', () => {
    expect(chinaDate(new Date('2026-11-06T20:00:00Z'))).toBe('2026-11-07');
    expect(endOfChinaDay('2026-11-13').toISOString()).toBe('2026-11-13T15:59:59.999Z');
  });

  it('skips the weekend: 5 working days from a Friday end on the next Friday', () => {
    expect(workingDaysAfter(new Date('2026-11-06T02:00:00Z'), 5, plain).toISOString()).toBe('2026-11-13T15:59:59.999Z');
    // Sent on Saturday in Beijing: counting starts on Monday all the same.
    expect(workingDaysAfter(new Date('2026-11-06T20:00:00Z'), 1, plain).toISOString()).toBe('2026-11-09T15:59:59.999Z');
  });

  it('skips configured holidays and counts the weekend days worked in exchange', () => {
    const nationalDay = investigationConfig({
      HOLIDAYS: '2026-10-01,2026-10-02,2026-10-05,2026-10-06,2026-10-07',
      WORKING_WEEKEND_DAYS: '2026-10-10',
    }).calendar;
    expect(isWorkingDay('2026-10-01', nationalDay)).toBe(false);
    expect(isWorkingDay('2026-10-10', nationalDay)).toBe(true);
    // From Wednesday 30 September: Thursday 8, Friday 9, Saturday 10 (worked), Monday 12, Tuesday 13.
    expect(workingDaysAfter(new Date('2026-09-30T02:00:00Z'), 5, nationalDay).toISOString()).toBe('2026-10-13T15:59:59.999Z');
  });

  it('reads its limits from configuration and refuses malformed values', () => {
    expect(investigationConfig({})).toMatchObject({ feedbackWorkingDays: 5, escalationWorkingDays: 3 });
    expect(investigationConfig({ INVESTIGATION_FEEDBACK_WORKING_DAYS: '10' }).feedbackWorkingDays).toBe(10);
    expect(() => investigationConfig({ INVESTIGATION_FEEDBACK_WORKING_DAYS: '0' })).toThrow(/INVESTIGATION_FEEDBACK_WORKING_DAYS/);
    expect(() => investigationConfig({ HOLIDAYS: '2026-10-1' })).toThrow(/HOLIDAYS/);
    expect(() => investigationConfig({ HOLIDAYS: '2026-02-30' })).toThrow(/HOLIDAYS/);
    expect(() => investigationConfig({ WORKING_WEEKEND_DAYS: '2026-13-01' })).toThrow(/WORKING_WEEKEND_DAYS/);
  });
});
