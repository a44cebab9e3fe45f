import { describe, expect, it } from 'vitest';
import { easterSunday, holidayIn, holidayKeyOf } from '../../../src/core/temporal/holidays.ts';

describe('holidays', () => {
  it.each([
    [1998, '1998-04-12'],
    [2000, '2000-04-23'],
    [2008, '2008-03-23'],
    [2011, '2011-04-24'],
    [2019, '2019-04-21'],
    [2038, '2038-04-25'],
  ])('Easter Sunday %i is %s', (year, expected) => {
    const { month, day } = easterSunday(year);
    expect(`${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`).toBe(expected);
  });

  it.each([
    ['Thanksgiving', 1999, { year: 1999, month: 11, day: 25 }],
    ['Thanksgiving Day', 2018, { year: 2018, month: 11, day: 22 }],
    ['Election Day', 1998, { year: 1998, month: 11, day: 3 }],
    // November 1 is a Tuesday: Election Day is the Tuesday after the first Monday, the 8th.
    ['Election Day', 2016, { year: 2016, month: 11, day: 8 }],
    ['Memorial Day', 2018, { year: 2018, month: 5, day: 28 }],
    ['Labor Day', 2019, { year: 2019, month: 9, day: 2 }],
    ["Presidents' Day", 2019, { year: 2019, month: 2, day: 18 }],
    ["Mother's Day", 2018, { year: 2018, month: 5, day: 13 }],
    ['Good Friday', 2000, { year: 2000, month: 4, day: 21 }],
    ["New Year's Eve", 2018, { year: 2018, month: 12, day: 31 }],
  ])('%s %i', (name, year, expected) => {
    const key = holidayKeyOf(name);
    expect(key).toBeDefined();
    expect(holidayIn(key ?? '', year)).toEqual(expected);
  });

  it('knows no holiday by a name it does not carry', () => {
    expect(holidayKeyOf('Ramadan')).toBeUndefined();
    expect(() => holidayIn('ramadan', 2018)).toThrow(/unknown holiday: ramadan/);
  });
});
