import { describe, it } from 'vitest';
import { expectRow, type TimexRow } from '../../../support/expect-timexes.ts';

// DURATION (../shared/notes/timex3-families.md), in sentences of our own, read on Thursday
// 2018-11-08 (UTC).
describe('durations', () => {
  it.each<TimexRow>([
    ['The strike lasted [three years].', 'DURATION P3Y'],
    ['The strike lasted [a decade].', 'DURATION P10Y'],
    ['The strike lasted [24 hours].', 'DURATION PT24H'],
    ['The strike lasted [90 minutes].', 'DURATION PT90M'],
    ['The strike lasted [30 seconds].', 'DURATION PT30S'],
    ['The strike lasted [one week].', 'DURATION P1W'],
    ['The strike lasted [a fortnight].', 'DURATION P2W'],
    ['The strike lasted [a couple of weeks].', 'DURATION P2W'],
    ['He spent [a year] in jail.', 'DURATION P1Y'],
  ])('a duration: %s', expectRow);

  it.each<TimexRow>([
    ['The strike lasted [half an hour].', 'DURATION PT30M'],
    ['The strike lasted [an hour and a half].', 'DURATION PT1H30M'],
    ['The strike lasted [a year and a half].', 'DURATION P18M'],
    ['The strike lasted [three and a half years].', 'DURATION P3Y6M'],
    ['The strike lasted [two and a half days].', 'DURATION P2DT12H'],
  ])('halves: %s', expectRow);

  it.each<TimexRow>([
    ['The strike lasted [six straight days].', 'DURATION P6D'],
    ['The strike lasted [a full week].', 'DURATION P1W'],
    ['The strike will last [two more weeks].', 'DURATION P2W'],
    ['Shares fell for [eight trading days].', 'DURATION P8D'],
  ])('with an adjective between count and unit: %s', expectRow);

  it.each<TimexRow>([
    ['The strike lasted [several weeks].', 'DURATION PXW'],
    ['The strike lasted [a few hours].', 'DURATION PTXH'],
    ['The strike went on for [decades].', 'DURATION PXDE'],
    ['The strike lasted [months].', 'DURATION PXM'],
    ['It took [years] to build the dam.', 'DURATION PXY'],
  ])('a vague duration: %s', expectRow);

  it.each<TimexRow>([
    ['Output fell over [the past five years].', 'DURATION P5Y'],
    ['Output fell over [the last two months].', 'DURATION P2M'],
    ['Output will rise over [the next three days].', 'DURATION P3D'],
    ['Output will rise in [the coming three days].', 'DURATION P3D'],
    ['Output fell in [the past 12 months].', 'DURATION P12M'],
    ['Output fell over [the past few months].', 'DURATION PXM'],
  ])('the past, last, next N: %s', expectRow);

  it.each<TimexRow>([
    ['The strike lasted [more than a year].', 'DURATION P1Y MORE_THAN'],
    ['The strike lasted [more than two decades].', 'DURATION P20Y MORE_THAN'],
    ['The strike lasted [over a week].', 'DURATION P1W MORE_THAN'],
    ['The strike lasted [less than two hours].', 'DURATION PT2H LESS_THAN'],
    ['The strike lasted [almost two years].', 'DURATION P2Y LESS_THAN'],
    ['The strike lasted [nearly a decade].', 'DURATION P10Y LESS_THAN'],
    ['The strike lasted [roughly a month].', 'DURATION P1M APPROX'],
    ['They met for [about an hour].', 'DURATION PT1H APPROX'],
    ['The strike lasted [at most two weeks].', 'DURATION P2W EQUAL_OR_LESS'],
    ['The strike lasted [no more than three days].', 'DURATION P3D EQUAL_OR_LESS'],
    ['The strike lasted [no less than a month].', 'DURATION P1M EQUAL_OR_MORE'],
  ])('with a modifier: %s', expectRow);

  it.each<TimexRow>([
    // The determiner belongs to the noun the duration modifies.
    ['The union signed a [two-year] deal.', 'DURATION P2Y'],
    ['The union signed a [16-hour] shift deal.', 'DURATION PT16H'],
    ['They bought [30-year] bonds.', 'DURATION P30Y'],
    ['The [10-day] trip ended.', 'DURATION P10D'],
    ['The [five-year] plan failed.', 'DURATION P5Y'],
  ])('a duration as a premodifier: %s', expectRow);

  it.each<TimexRow>([
    ['He wore a second coat.'],
    ['He finished half a sandwich.'],
    ['She read The Times.'],
    ['He counted the minutes of the meeting.'],
  ])('none: %s', expectRow);
});
