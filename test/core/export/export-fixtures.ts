import type { EventDate } from '../../../src/core/events.ts';
import type { ViewEvent, ViewSource, WholeTimeline } from '../../../src/core/view.ts';

/** A source whose sentence is `before + dateWords + after`, its offsets as the view gives them. */
export function sourceSaying(
  before: string,
  dateWords: string,
  after: string,
  fields: Partial<Omit<ViewSource, 'text' | 'date' | 'start' | 'end'>> & { readonly offset?: number } = {},
): ViewSource {
  const { offset = 100, ...rest } = fields;
  const text = `${before}${dateWords}${after}`;
  return {
    article: 'articles/world/report.txt',
    published: '2018-11-08',
    ...rest,
    text,
    start: offset,
    end: offset + text.length,
    date: { text: dateWords, start: offset + before.length, end: offset + before.length + dateWords.length },
  };
}

export const DAY: EventDate = {
  value: '2018-11-02',
  start: '2018-11-02',
  end: '2018-11-02',
  granularity: 'day',
};

/** An event with defaults for what a test does not care about. */
export function eventOf(fields: Partial<ViewEvent> & Pick<ViewEvent, 'id'>): ViewEvent {
  return {
    date: DAY,
    title: 'KCNA said',
    actors: [],
    status: 'reported',
    confidence: 0.99,
    salience: 4,
    sources: [sourceSaying('KCNA said ', 'November 2', ' that talks were off.')],
    ...fields,
  };
}

/** A whole timeline of these events, with one article per distinct source article. */
export function timelineOf(events: readonly ViewEvent[], collection = 'north-korea'): WholeTimeline {
  const keys = [...new Set(events.flatMap((event) => event.sources.map((source) => source.article)))].sort();
  return {
    version: 4,
    collection,
    updatedAt: '2018-11-08T14:05:00.000Z',
    articles: keys.map((key) => ({
      key,
      format: 'text',
      encoding: 'utf-8',
      reference: { date: '2018-11-08', timezone: 'UTC', source: 'object-metadata' as const },
      events: events.filter((event) => event.sources.some((source) => source.article === key)).length,
      partitions: [],
    })),
    events,
    summary: { dates: [] },
  };
}
