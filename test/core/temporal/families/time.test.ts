import { describe, it } from 'vitest';
import { expectRow, type TimexRow } from '../../../support/expect-timexes.ts';

// TIME (../shared/notes/timex3-families.md): the value carries the day the time belongs to, and
// no hour the text does not give; in sentences of our own, read on Thursday 2018-11-08 (UTC).
describe('times of day', () => {
  it.each<TimexRow>([
    ['The blast came at [3pm].', 'TIME 2018-11-08T15:00'],
    ["The blast came at [9 o'clock].", 'TIME 2018-11-08T09:00'],
    ['The blast came at [3 in the afternoon].', 'TIME 2018-11-08T15:00'],
    // A clock time is finer than the part of the day it falls in.
    ['The blast came at [8:15 this morning].', 'TIME 2018-11-08T08:15'],
    ['He spoke at [9 p.m. last night].', 'TIME 2018-11-07T21:00'],
  ])('a time on the reference day: %s', expectRow);

  it.each<TimexRow>([
    ['The blast came at [10:35 a.m. Friday].', 'TIME 2018-11-02T10:35'],
    ['The blast will come at [10:35 a.m. Friday].', 'TIME 2018-11-09T10:35'],
    ['The blast came at [3 p.m. Tuesday].', 'TIME 2018-11-06T15:00'],
    ['The blast came at [2 p.m. on Nov. 2].', 'TIME 2018-11-02T14:00'],
    ['The blast came at [noon Wednesday].', 'TIME 2018-11-07T12:00'],
    ['The blast came at [7 p.m. yesterday].', 'TIME 2018-11-07T19:00'],
  ])('a time on a named day: %s', expectRow);

  it.each<TimexRow>([['The blast came at [14:30 GMT].', 'TIME 2018-11-08T14:30Z']])(
    'a time in a zone: %s',
    expectRow,
  );

  it.each<TimexRow>([
    ['The Boeing 747 landed.'],
    ['The index rose 12.50 to 2150.'],
    ['Noon Street was closed.'],
  ])('none: %s', expectRow);
});
