import { describe, expect, it } from 'vitest';
import { tagDocument } from '../../../src/core/temporal/tag-document.ts';
import { tagTimexes } from '../../../src/core/temporal/tag-timexes.ts';

// Every row of the table "chrono-node on news text" in ../shared/notes/dates-in-news.md, probed
// there against an article published Mon 2018-11-05 09:00 in Seoul.
const MONDAY_SEOUL = { date: { year: 2018, month: 11, day: 5 }, timezone: 'Asia/Seoul' };
const SEPTEMBER_SEOUL = { date: { year: 2018, month: 9, day: 5 }, timezone: 'Asia/Seoul' };

type Row = {
  sentence: string;
  text: string;
  type?: string;
  value: string;
  mod?: string;
  range?: [string, string];
  reference?: typeof MONDAY_SEOUL;
};

describe('the news rows chrono gets wrong (dates-in-news.md)', () => {
  it.each<Row>([
    { sentence: 'KCNA said November 2.', text: 'November 2', value: '2018-11-02' },
    { sentence: 'Officials met on Thursday.', text: 'Thursday', value: '2018-11-01' },
    { sentence: 'Officials will meet on Thursday.', text: 'Thursday', value: '2018-11-08' },
    {
      sentence: 'The election was held in March.',
      text: 'March',
      value: '2018-03',
      range: ['2018-03-01', '2018-03-31'],
      reference: SEPTEMBER_SEOUL,
    },
    {
      sentence: 'The deal is expected early next year.',
      text: 'early next year',
      value: '2019',
      mod: 'START',
    },
    { sentence: 'Talks resume mid-December.', text: 'mid-December', value: '2018-12', mod: 'MID' },
    {
      sentence: 'The accord was signed last week.',
      text: 'last week',
      value: '2018-W44',
      range: ['2018-10-29', '2018-11-04'],
    },
    {
      sentence: 'Pyongyang issued threats over the weekend.',
      text: 'the weekend',
      value: '2018-W44-WE',
      range: ['2018-11-03', '2018-11-04'],
    },
    { sentence: 'The rally was held last weekend.', text: 'last weekend', value: '2018-W44-WE' },
    { sentence: 'They met last Thursday.', text: 'last Thursday', value: '2018-11-01' },
    {
      sentence: 'The ban lasts until spring.',
      text: 'spring',
      value: '2019-SP',
      range: ['2019-03-01', '2019-05-31'],
    },
    { sentence: 'He served 10 years in prison.', text: '10 years', type: 'DURATION', value: 'P10Y' },
    {
      sentence: 'Prices soared in the 1990s.',
      text: 'the 1990s',
      value: '199',
      range: ['1990-01-01', '1999-12-31'],
    },
    { sentence: 'The plant opened in 2017.', text: '2017', value: '2017' },
    {
      sentence: 'Revenue fell in Q3 2018.',
      text: 'Q3 2018',
      value: '2018-Q3',
      range: ['2018-07-01', '2018-09-30'],
    },
    { sentence: 'Revenue fell in the third quarter.', text: 'the third quarter', value: '2018-Q3' },
    { sentence: 'Prices have risen since 2016.', text: '2016', value: '2016' },
    { sentence: 'The vote is on the 15th.', text: 'the 15th', value: '2018-11-15' },
    {
      sentence: 'It will close by the end of the year.',
      text: 'the end of the year',
      value: '2018',
      mod: 'END',
    },
    // HeidelTime reads it as PAST_REF; TimeBank, AQUAINT and MEANTIME annotate a vague length.
    { sentence: 'Tensions grew in recent weeks.', text: 'recent weeks', type: 'DURATION', value: 'PXW' },
    { sentence: 'Tensions grew in recent years.', text: 'recent years', value: 'PAST_REF' },
    {
      sentence: 'The market is closed every Monday.',
      text: 'every Monday',
      type: 'SET',
      value: 'XXXX-WXX-1',
    },
    { sentence: 'Officials met yesterday.', text: 'yesterday', value: '2018-11-04' },
  ])('"$sentence" → $text = $value', ({ sentence, text, type, value, mod, range, reference }) => {
    const timexes = tagTimexes(sentence, reference ?? MONDAY_SEOUL);
    expect(timexes.map((timex) => `${timex.text} = ${timex.value}`)).toEqual([`${text} = ${value}`]);
    const start = sentence.indexOf(text);
    expect(timexes[0]).toMatchObject({ start, end: start + text.length, type: type ?? 'DATE' });
    expect(timexes[0]?.mod).toBe(mod);
    if (range) expect(timexes[0]?.range).toEqual({ start: range[0], end: range[1] });
  });

  it('dates the summit five months before the reference, not after', () => {
    const [timex] = tagTimexes('Talks are stuck five months after the summit.', MONDAY_SEOUL);
    expect(timex).toMatchObject({ type: 'DURATION', value: 'P5M', text: 'five months' });
    expect(timex?.impliedDate).toEqual({
      value: '2018-06',
      granularity: 'month',
      range: { start: '2018-06-01', end: '2018-06-30' },
    });
  });

  it('counts "two days later" from the last date mentioned, not from the reference', () => {
    const timexes = tagDocument(
      'The summit was held on June 12. Two days later, the talks began.',
      MONDAY_SEOUL,
    );
    // TimeML's reading: the length "Two days" ("later" a signal), implying June 14.
    expect(timexes.map((timex) => [timex.text, timex.value, timex.impliedDate?.value])).toEqual([
      ['June 12', '2018-06-12', undefined],
      ['Two days', 'P2D', '2018-06-14'],
    ]);
  });

  it('names both ends of "between Nov. 2 and Nov. 4"', () => {
    const timexes = tagTimexes('Talks were held between Nov. 2 and Nov. 4.', MONDAY_SEOUL);
    expect(timexes.map((timex) => [timex.text, timex.value])).toEqual([
      ['Nov. 2', '2018-11-02'],
      ['Nov. 4', '2018-11-04'],
    ]);
  });

  it.each([
    'The troops will march on the capital.',
    '2/3 of members voted for it.',
    'Shares of Sun rose 2.50 a share.',
    'Stocks gained 1/4 to 12 3/4.',
  ])('finds no date in "%s"', (sentence) => {
    expect(tagTimexes(sentence, MONDAY_SEOUL)).toEqual([]);
  });
});
