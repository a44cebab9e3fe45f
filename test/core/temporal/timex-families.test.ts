import { describe, expect, it } from 'vitest';
import { tagDocument } from '../../../src/core/temporal/tag-document.ts';
import { tagTimexes } from '../../../src/core/temporal/tag-timexes.ts';

// Thursday 2018-11-08 in New York, the sample articles' publication day.
const THURSDAY = { date: { year: 2018, month: 11, day: 8 }, timezone: 'America/New_York' };

type Row = { sentence: string; text: string; type: string; value: string; mod?: string };

/** Exactly one expression, with this type, value, span and mod. */
function expectOnly({ sentence, text, type, value, mod }: Row): void {
  const timexes = tagTimexes(sentence, THURSDAY);
  expect(timexes.map((timex) => `${timex.text} = ${timex.type} ${timex.value}`)).toEqual([
    `${text} = ${type} ${value}`,
  ]);
  const start = sentence.indexOf(text);
  expect(timexes[0]).toMatchObject({ start, end: start + text.length });
  expect(timexes[0]?.mod).toBe(mod);
}

describe('TIMEX3 families', () => {
  it.each<Row>([
    { sentence: 'The strike lasted two weeks.', text: 'two weeks', type: 'DURATION', value: 'P2W' },
    {
      sentence: 'Prices rose over the past two months.',
      text: 'the past two months',
      type: 'DURATION',
      value: 'P2M',
    },
    {
      sentence: 'Profit rose in the first nine months.',
      text: 'the first nine months',
      type: 'DURATION',
      value: 'P9M',
    },
    { sentence: 'After a 16-hour flight he landed.', text: '16-hour', type: 'DURATION', value: 'PT16H' },
    { sentence: 'It took several years to build.', text: 'several years', type: 'DURATION', value: 'PXY' },
    { sentence: 'He was jailed for 2 1/2 years.', text: '2 1/2 years', type: 'DURATION', value: 'P2Y6M' },
    {
      sentence: 'The talks went on for nearly two months.',
      text: 'nearly two months',
      type: 'DURATION',
      value: 'P2M',
      mod: 'LESS_THAN',
    },
    {
      sentence: 'He was held for at least 72 hours.',
      text: 'at least 72 hours',
      type: 'DURATION',
      value: 'PT72H',
      mod: 'EQUAL_OR_MORE',
    },
    { sentence: 'A reply is due within a week.', text: 'a week', type: 'DURATION', value: 'P1W' },
    { sentence: 'The war lasted two decades.', text: 'two decades', type: 'DURATION', value: 'P20Y' },
    { sentence: 'Nobody had seen him for years.', text: 'years', type: 'DURATION', value: 'PXY' },
    {
      sentence: 'His car was seen in the weeks before the shooting.',
      text: 'weeks',
      type: 'DURATION',
      value: 'PXW',
    },
  ])('duration: $text', expectOnly);

  it.each<Row>([
    { sentence: 'The paper appears daily.', text: 'daily', type: 'SET', value: 'P1D' },
    { sentence: 'They meet every day.', text: 'every day', type: 'SET', value: 'P1D' },
    { sentence: 'The board meets each Thursday.', text: 'each Thursday', type: 'SET', value: 'XXXX-WXX-4' },
    {
      sentence: 'The show airs Tuesday nights.',
      text: 'Tuesday nights',
      type: 'SET',
      value: 'XXXX-WXX-2TNI',
    },
    { sentence: 'The festival is held each July.', text: 'each July', type: 'SET', value: 'XXXX-07' },
  ])('set: $text', expectOnly);

  it.each<Row>([
    {
      sentence: 'Profit fell in the third quarter.',
      text: 'the third quarter',
      type: 'DATE',
      value: '2018-Q3',
    },
    { sentence: 'The third-quarter profit fell.', text: 'third-quarter', type: 'DATE', value: '2018-Q3' },
    {
      sentence: 'Sales rose in the fourth quarter of 1989.',
      text: 'the fourth quarter of 1989',
      type: 'DATE',
      value: '1989-Q4',
    },
    {
      sentence: 'Net income rose from the year-earlier quarter.',
      text: 'the year-earlier quarter',
      type: 'DATE',
      value: '2017-Q3',
    },
    { sentence: 'Profit rose in the quarter.', text: 'the quarter', type: 'DATE', value: '2018-Q3' },
    { sentence: 'Sales slowed in Q3 2018.', text: 'Q3 2018', type: 'DATE', value: '2018-Q3' },
    { sentence: 'Prices fell last fall.', text: 'last fall', type: 'DATE', value: '2017-FA' },
    { sentence: 'The plant opens next spring.', text: 'next spring', type: 'DATE', value: '2019-SP' },
    { sentence: 'The talks began in 1988.', text: '1988', type: 'DATE', value: '1988' },
    { sentence: 'Revenue grew in fiscal 1989.', text: 'fiscal 1989', type: 'DATE', value: '1989' },
    { sentence: 'Inflation soared in the 1970s.', text: 'the 1970s', type: 'DATE', value: '197' },
    { sentence: "Disco ruled in the '70s.", text: "the '70s", type: 'DATE', value: '197' },
    { sentence: 'The ministers met last February.', text: 'last February', type: 'DATE', value: '2018-02' },
    { sentence: 'He was shot last Oct. 23 at home.', text: 'Oct. 23', type: 'DATE', value: '2018-10-23' },
    {
      sentence: 'Hearings were held the week of Oct. 22.',
      text: 'the week of Oct. 22',
      type: 'DATE',
      value: '2018-W43',
    },
    { sentence: 'Sales rose earlier this year.', text: 'earlier this year', type: 'DATE', value: '2018' },
    { sentence: 'He spoke last night.', text: 'last night', type: 'TIME', value: '2018-11-07TNI' },
    { sentence: 'She will speak tonight.', text: 'tonight', type: 'TIME', value: '2018-11-08TNI' },
    { sentence: 'The shock hit at 16:15 UTC.', text: '16:15 UTC', type: 'TIME', value: '2018-11-08T16:15Z' },
    { sentence: 'The Dow closed the day up 2%.', text: 'the day', type: 'DATE', value: '2018-11-08' },
  ])('date: $text', expectOnly);

  it.each<Row>([
    { sentence: 'They met at Thanksgiving.', text: 'Thanksgiving', type: 'DATE', value: '2017-11-23' },
    { sentence: 'He will visit at Thanksgiving.', text: 'Thanksgiving', type: 'DATE', value: '2018-11-22' },
    { sentence: 'Last Christmas he left.', text: 'Last Christmas', type: 'DATE', value: '2017-12-25' },
    { sentence: 'Shops close on Christmas Eve.', text: 'Christmas Eve', type: 'DATE', value: '2018-12-24' },
    {
      sentence: "The law takes effect on New Year's Day.",
      text: "New Year's Day",
      type: 'DATE',
      value: '2019-01-01',
    },
    {
      sentence: 'Voters went to the polls on Election Day.',
      text: 'Election Day',
      type: 'DATE',
      value: '2018-11-06',
    },
    {
      sentence: 'The march was held on Easter 2000.',
      text: 'Easter 2000',
      type: 'DATE',
      value: '2000-04-23',
    },
    {
      sentence: 'Parades were held on Memorial Day.',
      text: 'Memorial Day',
      type: 'DATE',
      value: '2018-05-28',
    },
    {
      sentence: 'The accord was signed on Good Friday.',
      text: 'Good Friday',
      type: 'DATE',
      value: '2018-03-30',
    },
    {
      sentence: 'Schools close on Martin Luther King Jr. Day.',
      text: 'Martin Luther King Jr. Day',
      type: 'DATE',
      value: '2019-01-21',
    },
  ])('holiday: $text', expectOnly);

  it.each<Row>([
    { sentence: 'Officials recently met.', text: 'recently', type: 'DATE', value: 'PAST_REF' },
    { sentence: 'He is currently abroad.', text: 'currently', type: 'DATE', value: 'PRESENT_REF' },
    {
      sentence: 'Talks may resume in the near future.',
      text: 'the near future',
      type: 'DATE',
      value: 'FUTURE_REF',
    },
    { sentence: 'Prices rose in recent years.', text: 'recent years', type: 'DATE', value: 'PAST_REF' },
    { sentence: 'Right now the talks are stuck.', text: 'Right now', type: 'DATE', value: 'PRESENT_REF' },
  ])('vague reference: $text', expectOnly);

  it.each([
    'A second summit is planned.',
    'Men in their 70s voted.',
    'The index rose 20 to 1,500.',
    'Stocks of Sun rose.',
    'Most recently, he left.',
    'Christmas sales were weak.',
    'Traders may day-trade less.',
    'Workers on labor day rates complained.',
  ])('no date: "%s"', (sentence) => {
    const timexes = tagTimexes(sentence, THURSDAY).filter((timex) => timex.granularity !== 'vague');
    expect(timexes).toEqual([]);
  });

  it('dates "the day after" from the day the text last named', () => {
    const timexes = tagDocument(
      'He was shot on Oct. 23. Two men came to the house the day after his death.',
      THURSDAY,
    );
    expect(timexes.map((timex) => [timex.text, timex.value])).toEqual([
      ['Oct. 23', '2018-10-23'],
      ['the day after', '2018-10-24'],
    ]);
  });

  it.each([
    ['He was shot on Oct. 23. Earlier that day, he had left work.', 'Earlier that day', '2018-10-23'],
    ['He was shot on Oct. 23. Police searched the house that same day.', 'that same day', '2018-10-23'],
    ['He was shot on Oct. 23. He appeared in court the next morning.', 'the next morning', '2018-10-24'],
    ['He was shot on Oct. 23. He died later that month.', 'later that month', '2018-10'],
    ['The plant opened in March 2016. It closed the following year.', 'the following year', '2017'],
    ['The trial began on Monday, Nov. 5. The jury was sworn in that week.', 'that week', '2018-W45'],
  ])('dates "%s" from the story\'s last date', (text, expression, value) => {
    const timexes = tagDocument(text, THURSDAY);
    const found = timexes.find((timex) => timex.text === expression);
    expect(found?.value).toBe(value);
    expect(found?.start).toBe(text.indexOf(expression));
  });

  it('drops "that day" when the story has named no day before it', () => {
    expect(tagDocument('That day changed everything.', THURSDAY)).toEqual([]);
  });

  it('dates "a year earlier" after a quarter as that quarter a year before', () => {
    const timexes = tagDocument('Profit rose in the third quarter. It had fallen a year earlier.', THURSDAY);
    expect(timexes.map((timex) => [timex.text, timex.value])).toEqual([
      ['the third quarter', '2018-Q3'],
      ['a year earlier', '2017-Q3'],
    ]);
  });
});
