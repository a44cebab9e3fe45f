import { describe, expect, it } from 'vitest';
import { type Article, articleOfText } from '../../src/core/article.ts';
import {
  type DatedEvent,
  extractArticleEvents,
  extractEvents,
  MAX_EVENTS_PER_ARTICLE,
} from '../../src/core/events.ts';

// Thursday 2018-11-08 in New York, the sample articles' publication day.
function articleOf(text: string): Article {
  return articleOfText('articles/test.txt', text, {
    date: { year: 2018, month: 11, day: 8 },
    timezone: 'America/New_York',
    source: 'fallback',
  });
}

const summary = (event: DatedEvent) => [event.date.value, event.status, event.title];

// Each rule has its own module and table (test/core/events/): here, how they are put together.
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

  it('gives each event its date, title, actors, status, confidence and source', () => {
    const text = 'Talks stalled. Pompeo meets Kim Yong Chol in New York on Friday.';
    const [event] = extractEvents(articleOf(text));
    expect(event).toEqual({
      date: { value: '2018-11-09', start: '2018-11-09', end: '2018-11-09', granularity: 'day' },
      title: 'Pompeo meets Kim Yong Chol in New York',
      // "Pompeo" only opens sentences here.
      actors: ['Kim Yong Chol', 'New York'],
      // Present tense, but after publication.
      status: 'planned',
      confidence: 0.77,
      source: {
        article: 'articles/test.txt',
        published: '2018-11-08',
        text: 'Pompeo meets Kim Yong Chol in New York on Friday.',
        start: 15,
        end: text.length,
        prominence: 0.766,
        date: { text: 'Friday', start: text.indexOf('Friday'), end: text.indexOf('Friday') + 6 },
      },
    });
  });

  it.each([
    { sentence: 'Talks end in the year 2019, in late 2019.', events: [['2019', 'late 2019']] },
    {
      sentence: 'Talks resumed on November 2 and ended on November 5.',
      events: [
        ['2018-11-02', 'November 2'],
        ['2018-11-05', 'November 5'],
      ],
    },
    { sentence: 'The talks lasted two weeks, and the envoys meet every Monday.', events: [] },
  ])('makes one event of each date of a sentence: "$sentence"', ({ sentence, events }) => {
    expect(
      extractEvents(articleOf(sentence)).map((event) => [event.date.value, event.source.date.text]),
    ).toEqual(events);
  });

  it('names a first word of a sentence as an actor when the article capitalises it elsewhere', () => {
    const events = extractEvents(articleOf('Officials met Pompeo on Monday. Pompeo left on Tuesday.'));
    // "Officials" opens a sentence only; "Pompeo" is also written mid-sentence.
    expect(events.map((event) => event.actors)).toEqual([['Pompeo'], ['Pompeo']]);
  });

  it('reads no event from a heading', () => {
    const events = extractEvents(articleOf('Talks on Monday in Seoul\n\nKim spoke on Tuesday.'));
    expect(events.map((event) => event.date.value)).toEqual(['2018-11-06']);
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

  it("reads the article's own sentences, split once when it was read", () => {
    const article = articleOf('Kim spoke on Monday. Trump spoke on Tuesday.');
    const [first] = article.sentences;
    // An article that carries only its first sentence gives only that sentence's event.
    const events = extractEvents({ ...article, sentences: first ? [first] : [] });
    expect(events.map((event) => event.date.value)).toEqual(['2018-11-05']);
  });
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
