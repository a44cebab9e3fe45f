import { expect } from 'vitest';
import type { ViewEvent, WholeTimeline } from '../../src/core/view.ts';

/** The dated events the issue names for the two sample articles (published 2018-11-08, New York). */
export const NK_TALKS_EXPECTED = [
  { phrase: 'sought to convey Wednesday', dateText: 'Wednesday', value: '2018-11-07' },
  { phrase: "Tuesday's midterm elections", dateText: 'Tuesday', value: '2018-11-06' },
  { phrase: "Pompeo's Thursday meeting", dateText: 'Thursday', value: '2018-11-08' },
  { phrase: "five months after Trump's historic summit", dateText: 'five months', value: '2018-06' },
  { phrase: 'KCNA said November 2', dateText: 'November 2', value: '2018-11-02' },
  { phrase: 'Dunford hinted Monday', dateText: 'Monday', value: '2018-11-05' },
  { phrase: 'threats over the weekend', dateText: 'the weekend', value: '2018-W44-WE' },
  { phrase: 'On Wednesday, State Department deputy spokesman', dateText: 'Wednesday', value: '2018-11-07' },
  { phrase: 'sometime early next year', dateText: 'early next year', value: '2019', start: '2019-01-01' },
] as const;

const fold = (text: string) => text.replace(/[‘’]/g, "'").replace(/[“”]/g, '"');

/** The events with a source whose sentence holds `phrase` and whose date reads `dateText`. */
export function eventsReporting(timeline: WholeTimeline, phrase: string, dateText: string): ViewEvent[] {
  return timeline.events.filter((event) =>
    event.sources.some((source) => fold(source.text).includes(phrase) && source.date.text === dateText),
  );
}

const overlaps = (event: ViewEvent, first: string, last: string) =>
  event.date.start <= last && event.date.end >= first;

/**
 * The golden checks of the sample articles' merged timeline: each expected event with its value,
 * nothing outside 2018–2019, nothing on the coming weekend or in April 2019 (chrono's forward
 * readings), and the summit and KCNA events reported once with both articles as sources.
 */
export function expectNkTalksGolden(
  timeline: WholeTimeline,
  articleKeys: { full: string; short: string },
): void {
  for (const expected of NK_TALKS_EXPECTED) {
    const events = eventsReporting(timeline, expected.phrase, expected.dateText);
    expect(
      events.map((event) => event.date.value),
      expected.phrase,
    ).toEqual([expected.value]);
    if ('start' in expected) expect(events[0]?.date.start, expected.phrase).toBe(expected.start);
  }
  for (const event of timeline.events) {
    expect(
      event.date.start >= '2018-01-01' && event.date.end <= '2019-12-31',
      `${event.date.value} ${event.title}`,
    ).toBe(true);
    expect(event.date.value.startsWith('2019-04'), event.title).toBe(false);
    if (['time', 'day', 'weekend', 'week'].includes(event.date.granularity)) {
      expect(overlaps(event, '2018-11-10', '2018-11-11'), `${event.date.value} ${event.title}`).toBe(false);
      expect(overlaps(event, '2019-04-01', '2019-04-30'), `${event.date.value} ${event.title}`).toBe(false);
    }
  }
  for (const shared of [NK_TALKS_EXPECTED[3], NK_TALKS_EXPECTED[4]]) {
    const events = eventsReporting(timeline, shared.phrase, shared.dateText);
    expect(events, shared.phrase).toHaveLength(1);
    const articles = new Set(events[0]?.sources.map((source) => source.article));
    expect([...articles].sort(), shared.phrase).toEqual([articleKeys.full, articleKeys.short].sort());
  }
}
