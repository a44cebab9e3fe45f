import { describe, it } from 'vitest';
import { expectRow, type TimexRow } from '../../../support/expect-timexes.ts';

// SET (../shared/notes/timex3-families.md): recurrences, and the rates that are not; in sentences
// of our own, read on Thursday 2018-11-08 (UTC).
describe('sets', () => {
  it.each<TimexRow>([
    ['The market opens [every Sunday].', 'SET XXXX-WXX-7'],
    ['Shops close [Sundays].', 'SET XXXX-WXX-7'],
    ['Shops close on [Saturdays] and [Sundays].', 'SET XXXX-WXX-6', 'SET XXXX-WXX-7'],
    ['The fair is held [each December].', 'SET XXXX-12'],
    ['The paper is published on [Monday mornings].', 'SET XXXX-WXX-1TMO'],
    ['The paper is published [each weekend].', 'SET XXXX-WXX-WE'],
    ['The paper is published on [weekends].', 'SET XXXX-WXX-WE'],
    ['The paper is published [every night].', 'SET XXXX-XX-XXTNI'],
    ['The paper is published [nightly].', 'SET XXXX-XX-XXTNI'],
    ['The fair is held [every summer].', 'SET XXXX-SU'],
    ['The fair is held [each spring].', 'SET XXXX-SP'],
  ])('a recurring day, part or season: %s', expectRow);

  it.each<TimexRow>([
    ['The paper is published [monthly].', 'SET P1M'],
    ['The paper is published [annually].', 'SET P1Y'],
    ['The paper is published [every 15 minutes].', 'SET PT15M'],
    ['The paper is published [yearly].', 'SET P1Y'],
    ['The paper is published [hourly].', 'SET PT1H'],
    ['The paper is published [every quarter].', 'SET P1Q'],
    ['The paper is published [every week].', 'SET P1W'],
    ['The paper is published [every month].', 'SET P1M'],
    ['The paper is published [every hour].', 'SET PT1H'],
    ['The paper is published [every other day].', 'SET P2D'],
    ['The paper is published [every two years].', 'SET P2Y'],
    ['The paper is published [twice a year].', 'SET P1Y'],
    ['Two people die [each day].', 'SET P1D'],
  ])('a period: %s', expectRow);

  it.each<TimexRow>([
    // Rates of money or counts: no TIMEX3.
    ['He earns $50,000 a year.'],
    ['Prices rose 3 percent a year.'],
    ['Sales grow 10% annually.'],
    ['The field yields 100 barrels daily.'],
    ['Costs rise $2 million annually.'],
    ['It pumps 100 barrels a day.'],
    ['The plant makes 500 cars per day.'],
    ['He was paid $20 an hour.'],
  ])('a rate, no set: %s', expectRow);

  it.each<TimexRow>([
    // A newspaper: a name's word, or the noun between a determiner and a name or a verb of saying.
    ['The official China Daily reported the fire.'],
    ['The Communist Party daily Granma said so.'],
    ['The daily said the talks had failed.'],
    ['The weekly Der Spiegel reported it.'],
    // Still a recurrence.
    ['Trains run [daily].', 'SET P1D'],
    ['[Daily] trading volume fell.', 'SET P1D'],
    ['Prices are set [daily], the firm said.', 'SET P1D'],
  ])('a newspaper, no set: %s', expectRow);
});
