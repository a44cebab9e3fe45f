import { describe, expect, it } from 'vitest';
import { tagDocument } from '../../../../src/core/temporal/tag-document.ts';
import { expectRow, THURSDAY, type TimexRow } from '../../../support/expect-timexes.ts';

// Decades (../shared/notes/timex3-families.md): value the decade's first three digits, in
// sentences of our own, read on Thursday 2018-11-08 (UTC).
describe('decades', () => {
  it.each<TimexRow>([
    ['He spent [the 1980s] abroad.', 'DATE 198'],
    ['Inflation soared in [the 1920s] and [1930s].', 'DATE 192', 'DATE 193'],
    ["Inflation soared in [the '60s].", 'DATE 196'],
    ['Inflation soared during [the 90s].', 'DATE 199'],
    ["Inflation soared in [the 1990's].", 'DATE 199'],
    ['Inflation soared in [the nineties].', 'DATE 199'],
    ['Inflation soared in [the Sixties].', 'DATE 196'],
    ['Inflation soared in [the 1970s] and [80s].', 'DATE 197', 'DATE 198'],
    ['Sales were flat in [the sixties] and [seventies].', 'DATE 196', 'DATE 197'],
  ])('a decade: %s', expectRow);

  it.each<TimexRow>([
    ['Inflation soared in [the mid-1990s].', 'DATE 199 MID'],
    ["Inflation soared in [the mid-'90s].", 'DATE 199 MID'],
    ['Inflation soared in [the early 1990s].', 'DATE 199 START'],
    ["Inflation soared in [the late '70s].", 'DATE 197 END'],
  ])('a part of a decade: %s', expectRow);

  it.each<TimexRow>([
    // A premodifier: the determiner belongs to the noun.
    ['A [1990s] boom ended.', 'DATE 199'],
  ])('a decade as a premodifier: %s', expectRow);

  it.each<TimexRow>([
    // An age bracket, not a decade.
    ['Voters in their 60s stayed home.'],
    ['Voters in their early forties stayed home.'],
    ['Men in their 70s and 80s voted.'],
  ])('no decade: %s', expectRow);
});

describe('a part of a decade is a part of its years', () => {
  it('narrows the mid-1990s to its middle years', () => {
    const [decade] = tagDocument('Prices soared in the mid-1990s.', THURSDAY);
    expect(decade).toMatchObject({
      value: '199',
      mod: 'MID',
      range: { start: '1993-01-01', end: '1996-12-31' },
    });
  });

  it('keeps the whole of a decade named alone', () => {
    const [decade] = tagDocument('Prices soared in the 1990s.', THURSDAY);
    expect(decade?.range).toEqual({ start: '1990-01-01', end: '1999-12-31' });
  });
});
