import { describe, expect, it } from 'vitest';
import { extractEvents } from '../../src/core/events.ts';
import { describeArticle, emptyTimeline, type Timeline, withArticle } from '../../src/core/timeline.ts';
import { parseFixture } from './fixtures.ts';
import { assertValidTimeline } from './validate-timeline.ts';

const UPDATED_AT = '2018-11-08T15:00:00.000Z';

function sampleTimeline(): Timeline {
  let timeline = emptyTimeline('north-korea', UPDATED_AT);
  for (const name of ['nk-talks-full.txt', 'nk-talks-short.txt'] as const) {
    const article = parseFixture(name);
    const events = extractEvents(article);
    timeline = withArticle(timeline, describeArticle(article, events.length, { etag: '"etag-1"' }), events);
  }
  return timeline;
}

// A mutable deep copy: the cases below break a valid timeline in one place each.
// biome-ignore lint/suspicious/noExplicitAny: the cases reach into the JSON wherever they need to.
type Json = any;
const brokenCopy = (): Json => structuredClone(sampleTimeline()) as Json;

describe('assertValidTimeline', () => {
  it('accepts the timeline built by withArticle from the sample articles', () => {
    const timeline = sampleTimeline();
    // Guards the test itself: a vacuous timeline would accept anything.
    expect(timeline.events.length).toBeGreaterThan(5);
    expect(timeline.events.some((event) => event.sources.length > 1)).toBe(true);
    expect(() => assertValidTimeline(timeline)).not.toThrow();
  });

  it('accepts an empty timeline', () => {
    expect(() => assertValidTimeline(emptyTimeline('north-korea', UPDATED_AT))).not.toThrow();
  });

  it.each([
    {
      name: 'a missing top-level field',
      breakIt: (t: Json) => delete t.updatedAt,
      message: "(root) must have required property 'updatedAt'",
    },
    {
      name: 'a missing source field',
      breakIt: (t: Json) => delete t.events[0].sources[0].date,
      message: "/events/0/sources/0 must have required property 'date'",
    },
    {
      name: 'an extra field on an event',
      breakIt: (t: Json) => {
        t.events[0].score = 1;
      },
      message: '/events/0 must NOT have additional properties ("score")',
    },
    {
      name: 'an extra field in an article reference',
      breakIt: (t: Json) => {
        t.articles[0].reference.offset = -300;
      },
      message: '/articles/0/reference must NOT have additional properties ("offset")',
    },
    {
      name: 'another version',
      breakIt: (t: Json) => {
        t.version = 1;
      },
      message: '/version must be equal to constant',
    },
    {
      name: 'an unknown granularity',
      breakIt: (t: Json) => {
        t.events[0].date.granularity = 'fortnight';
      },
      message: '/events/0/date/granularity must be equal to one of the allowed values',
    },
    {
      name: 'a value that does not fit its granularity',
      breakIt: (t: Json) => {
        t.events[0].date.value = '2018-11-08';
        t.events[0].date.granularity = 'month';
      },
      message: '/events/0/date/value must match pattern',
    },
    {
      name: 'a date that is not ISO',
      breakIt: (t: Json) => {
        t.events[0].date.start = '11/08/2018';
      },
      message: '/events/0/date/start must match pattern',
    },
    {
      name: 'an updatedAt without a zone',
      breakIt: (t: Json) => {
        t.updatedAt = '2018-11-08T15:00:00';
      },
      message: '/updatedAt must match pattern',
    },
    {
      name: 'an unknown reference source',
      breakIt: (t: Json) => {
        t.articles[0].reference.source = 'guess';
      },
      message: '/articles/0/reference/source must be equal to one of the allowed values',
    },
    {
      name: 'a negative offset',
      breakIt: (t: Json) => {
        t.events[0].sources[0].start = -1;
      },
      message: '/events/0/sources/0/start must be >= 0',
    },
    {
      name: 'an event without sources',
      breakIt: (t: Json) => {
        t.events[0].sources = [];
      },
      message: '/events/0/sources must NOT have fewer than 1 items',
    },
    {
      name: 'unsorted events',
      breakIt: (t: Json) => t.events.reverse(),
      message: '/events/1: out of order',
    },
    {
      name: 'a start after the end',
      breakIt: (t: Json) => {
        t.events[0].date.start = '2018-12-31';
      },
      message: '/events/0/date: start 2018-12-31 is after end',
    },
    {
      name: 'duplicate event ids',
      breakIt: (t: Json) => {
        t.events[1].id = t.events[0].id;
      },
      message: '/events/1/id:',
    },
    {
      name: 'offsets that do not match the source text',
      breakIt: (t: Json) => {
        t.events[0].sources[0].end += 1;
      },
      message: '/events/0/sources/0: end - start is',
    },
    {
      name: 'a source naming an article the timeline does not list',
      breakIt: (t: Json) => {
        t.articles.pop();
      },
      message: 'is not in articles',
    },
  ])('rejects $name', ({ breakIt, message }) => {
    const timeline = brokenCopy();
    breakIt(timeline);
    expect(() => assertValidTimeline(timeline)).toThrow(message);
  });

  it('lists every schema error, not only the first', () => {
    const timeline = brokenCopy();
    delete timeline.collection;
    timeline.events[0].extra = true;
    expect(() => assertValidTimeline(timeline)).toThrow(
      /required property 'collection'[\s\S]*\/events\/0 must NOT have additional properties/,
    );
  });
});
