import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Article } from '../../src/core/article.ts';
import {
  type DatedEvent,
  extractArticleEvents,
  extractEvents,
  MAX_EVENTS_PER_ARTICLE,
  midSentenceNames,
} from '../../src/core/events.ts';

// Thursday 2018-11-08 in New York, the sample articles' publication day.
function articleOf(text: string): Article {
  return {
    key: 'articles/test.txt',
    format: 'text',
    encoding: 'utf-8',
    text,
    reference: { date: { year: 2018, month: 11, day: 8 }, timezone: 'America/New_York', source: 'fallback' },
    warnings: [],
  };
}

const summary = (event: DatedEvent) => [event.date.value, event.status, event.title];

describe('extractEvents', () => {
  it('reads two events from one sentence, each with its own clause and status', () => {
    const events = extractEvents(
      articleOf(
        'The State Department said on Tuesday, in a brief statement, that Thursday’s meeting with Kim Yong Chol was postponed.',
      ),
    );
    expect(events.map(summary)).toEqual([
      ['2018-11-06', 'reported', 'The State Department said, in a brief statement'],
      ['2018-11-08', 'postponed', 'Meeting with Kim Yong Chol was postponed'],
    ]);
  });

  it.each([
    ['Pompeo will meet Kim Yong Chol in New York on Friday.', '2018-11-09', 'planned'],
    ['Pompeo met Kim Yong Chol in New York on Monday.', '2018-11-05', 'reported'],
    ['The summit planned for Friday was called off by the White House.', '2018-11-09', 'cancelled'],
    ['Trump said Wednesday that the canceled meeting would be rescheduled.', '2018-11-07', 'reported'],
    ['The talks, first set for November 2, were delayed.', '2018-11-02', 'postponed'],
  ])('"%s" is dated %s and %s', (sentence, value, status) => {
    const [event] = extractEvents(articleOf(sentence));
    expect(event?.date.value).toBe(value);
    expect(event?.status).toBe(status);
  });

  it('titles an event in the words of its sentence without the date, under 100 characters', () => {
    const long = `KCNA said November 2 that North Korea would ${'not move an inch on its nuclear programme and '.repeat(4)}wait.`;
    const [event] = extractEvents(articleOf(long));
    expect(event?.title.startsWith('KCNA said that North Korea would not move an inch')).toBe(true);
    expect(event?.title.length).toBeLessThanOrEqual(100);
    expect(event?.title.endsWith('…')).toBe(true);
    expect(event?.title).not.toContain('November');
  });

  it('names the people, organisations and places of the sentence, not its dates or openers', () => {
    const [event] = extractEvents(
      articleOf('On Wednesday, Secretary of State Mike Pompeo met the Bank of England in London.'),
    );
    expect(event?.actors).toEqual(['Secretary of State Mike Pompeo', 'Bank of England', 'London']);
  });

  it('keeps names joined by "and" apart, and keeps a long list of them', () => {
    const [event] = extractEvents(
      articleOf(
        'On Wednesday, the US and North Korea, Pompeo and Kim Yong Chol, Biegun, Trump, Kim, Moon, Abe, Xi, Putin and Dunford met.',
      ),
    );
    expect(event?.actors).toEqual([
      'US',
      'North Korea',
      'Pompeo',
      'Kim Yong Chol',
      'Biegun',
      'Trump',
      'Kim',
      'Moon',
      'Abe',
      'Xi',
      'Putin',
      'Dunford',
    ]);
  });

  it('drops a capitalised sentence opener unless the article capitalises it elsewhere', () => {
    const events = extractEvents(articleOf('Officials met Pompeo on Monday. Pompeo left on Tuesday.'));
    // "Officials" opens a sentence only; "Pompeo" is also written mid-sentence.
    expect(events.map((event) => event.actors)).toEqual([['Pompeo'], ['Pompeo']]);
  });

  it('is surer of a written-out day than of a relative one, and of either than of a year', () => {
    const events = extractEvents(
      articleOf('KCNA spoke on November 2. Trump spoke on Wednesday. Kim spoke in 2017.'),
    );
    const [written, relative, year] = events.map((event) => event.confidence);
    expect(written).toBeGreaterThan(relative ?? 1);
    expect(relative).toBeGreaterThan(year ?? 1);
  });

  it('leaves out dates that are only durations, sets or vague references', () => {
    const events = extractEvents(
      articleOf('The talks lasted two weeks. The envoys meet every Monday. Officials recently spoke.'),
    );
    expect(events).toEqual([]);
  });

  it('rates the lead sentence as the most prominent', () => {
    const events = extractEvents(
      articleOf('Kim spoke on Monday. Trump spoke on Tuesday. Pompeo spoke on Wednesday.'),
    );
    const prominence = events.map((event) => event.source.prominence);
    expect(prominence[0]).toBe(1);
    expect(prominence).toEqual([...prominence].sort((a, b) => b - a));
    expect(events.every((event) => event.source.published === '2018-11-08')).toBe(true);
  });

  it.each([
    { sentence: '"Pompeo met Kim on Monday."', actors: ['Kim'] },
    { sentence: '“ Pompeo met Kim on Monday.', actors: ['Kim'] },
    { sentence: '( \tPompeo met Kim on Monday.', actors: ['Kim'] },
    { sentence: 'Then Pompeo met Kim on Monday.', actors: ['Pompeo', 'Kim'] },
    { sentence: 'He said: Pompeo met Kim on Monday.', actors: ['Pompeo', 'Kim'] },
    { sentence: '" he said, " Pompeo met Kim on Monday.', actors: ['Kim'] },
  ])(
    'takes a lone capitalised word after an opening quote or bracket as an opener: $sentence',
    ({ sentence, actors }) => {
      const [event] = extractEvents(articleOf(sentence));
      expect(event?.actors).toEqual(actors);
    },
  );
});

describe('MAX_EVENTS_PER_ARTICLE', () => {
  // One dated sentence per day of 2017 and on, two dates in every tenth, in order.
  const isoDay = (year: number, i: number) => new Date(Date.UTC(year, 0, 1 + i)).toISOString().slice(0, 10);
  const days = (count: number) =>
    Array.from({ length: count }, (_, i) =>
      i % 10 === 9
        ? `Talks number ${i} were held on ${isoDay(2017, i)} and again on ${isoDay(2010, i)}.`
        : `Talks number ${i} were held on ${isoDay(2017, i)}.`,
    );

  it('keeps the first events of an article with more dates than the limit, and counts the rest', () => {
    const sentences = days(MAX_EVENTS_PER_ARTICLE);
    const dates = sentences.reduce((total, sentence) => total + (sentence.includes('again') ? 2 : 1), 0);
    const { events, dropped } = extractArticleEvents(articleOf(sentences.join(' ')));
    expect(events).toHaveLength(MAX_EVENTS_PER_ARTICLE);
    expect(dropped).toBe(dates - MAX_EVENTS_PER_ARTICLE);
    // The first in the text: the most prominent, in order, the last one cut inside its sentence.
    const starts = events.map((event) => event.source.date.start);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    expect(events[0]?.date.value).toBe('2017-01-01');
    const all = sentences.join(' ');
    const last = events.at(-1);
    expect(all.indexOf(last?.source.text ?? '')).toBe(last?.source.start);
    expect(extractEvents(articleOf(all))).toEqual(events);
  });

  it('drops nothing from an article within the limit', () => {
    const { events, dropped } = extractArticleEvents(articleOf(days(30).join(' ')));
    expect(dropped).toBe(0);
    expect(events).toHaveLength(33);
  });

  it('gives the kept events the statuses they have without the limit', () => {
    // The dropped date is the one the status word is nearer to: the kept one stays reported.
    const filler = days(MAX_EVENTS_PER_ARTICLE - 1).map((sentence) => sentence.replace(/ and again .*/, '.'));
    const text = `${filler.join(' ')} Kim spoke on 2019-03-04 before the 2019-03-05 talks were cancelled.`;
    const { events, dropped } = extractArticleEvents(articleOf(text));
    expect(dropped).toBe(1);
    expect(events.at(-1)).toMatchObject({ date: { value: '2019-03-04' }, status: 'planned' });
  });
});

describe('midSentenceNames', () => {
  // As events.ts read them before: the white space inside the look-behind.
  const reference = (text: string) =>
    new Set([...text.matchAll(/(?<=[\p{Ll},;]\s+)[\p{Lu}][\p{L}\p{M}'’-]*/gu)].map((match) => match[0]));

  it.each([
    { text: 'Talks with Pompeo, Kim and the UN.', names: ['Pompeo', 'Kim', 'UN'] },
    { text: 'met  \n\t Pompeo;Kim; Moon’s', names: ['Pompeo', 'Moon’s'] },
    { text: 'a Bc D', names: ['Bc', 'D'] },
    { text: 'THE END', names: [] },
  ])('finds $names in $text', ({ text, names }) => {
    expect([...midSentenceNames(text)]).toEqual(names);
    expect([...reference(text)]).toEqual(names);
  });

  it('finds what the look-behind over white space found, on random texts', () => {
    const piece = fc.constantFrom(
      'a',
      'B',
      'Ké',
      ',',
      ';',
      ' ',
      '\n',
      '\t',
      "'",
      '’',
      '-',
      'É',
      'x',
      '.',
      '1',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (pieces) => {
        const text = pieces.join('');
        expect([...midSentenceNames(text)]).toEqual([...reference(text)]);
      }),
      { numRuns: 1000 },
    );
  });
});
