import type { Article } from './article.ts';
import { actorsOf, midSentenceNames } from './events/actors.ts';
import { confidenceOf } from './events/confidence.ts';
import { eventDatesOf } from './events/event-dates.ts';
import { statusContextOf, statusOf } from './events/status.ts';
import { clauseBreaksOf, titleOf } from './events/title.ts';
import type { Span } from './nearest-distances.ts';
import type { Sentence } from './sentences.ts';
import { formatDate } from './temporal/calendar.ts';
import { tagEachSentence } from './temporal/tag-document.ts';
import type { Granularity, Timex, TimexMod } from './temporal/timex.ts';

/** The date of an event: a TIMEX3 value with the span of days it covers. */
export interface EventDate {
  /** TIMEX3 value: `2018-11-02`, `2018-06`, `2018-W44-WE`, `2019`… */
  readonly value: string;
  /** First day covered, ISO date. */
  readonly start: string;
  /** Last day covered, ISO date. */
  readonly end: string;
  readonly granularity: Granularity;
  readonly mod?: TimexMod;
}

/** What a source says happened to its event. */
export type EventStatus = 'reported' | 'planned' | 'cancelled' | 'postponed';

/** Where an event was read: the sentence and its offsets in the article text, and the date's words. */
export interface EventSource {
  readonly article: string;
  /** The article's reference (publication) day, ISO. */
  readonly published: string;
  readonly text: string;
  readonly start: number;
  readonly end: number;
  /** How near the top of the article the sentence is: 1 for the first, towards 0 for the last. */
  readonly prominence: number;
  readonly date: { readonly text: string; readonly start: number; readonly end: number };
}

/** One dated event read from one sentence of one article. */
export interface DatedEvent {
  readonly date: EventDate;
  /** Who did what, in the sentence's own words, without the date (at most 100 characters). */
  readonly title: string;
  /** People, organisations and places named in the sentence, as written. */
  readonly actors: readonly string[];
  readonly status: EventStatus;
  /** How sure the date is, 0–1: finer and explicitly written dates score higher. */
  readonly confidence: number;
  readonly source: EventSource;
}

/**
 * The most events one article gives: the first ones in the text, the most prominent (news puts
 * what matters first). The merge compares the reports of one partition (a day) pairwise, and a
 * 5 MB article with a date every ten words would give 60,000. Measured with the merge of the
 * version before partitions (one day is one partition, so the worst case is the same) into an
 * empty timeline on this project's machine: 1000 reports of one day in 4000-character sentences
 * (the worst case: all comparable, long word sets) merge in 2.7 s, 2000 in 9.5 s, 4000 in 35 s;
 * news-length sentences take 0.4 s for 1000. The largest article of Timeline17's 3081 has 1045
 * (a BBC genealogy forum page), the 99.9th percentile 294: a real news story stays far below.
 */
export const MAX_EVENTS_PER_ARTICLE = 1000;

/** The events of an article, and how many it had past {@link MAX_EVENTS_PER_ARTICLE}. */
export interface ArticleEvents {
  readonly events: DatedEvent[];
  /** Dated events left out at the limit: 0 for any news story; worth a warning in the log. */
  readonly dropped: number;
}

/**
 * Reads the dated events of an article: the text is tagged against the article's reference date
 * sentence by sentence, and each calendar date in a sentence (headings and page furniture
 * excluded) makes one event, titled by its own clause ("the announcement on Tuesday that
 * Thursday's meeting was postponed" holds two). Events dated only by a duration, a set or a
 * vague reference ("recently") are left out. At most {@link MAX_EVENTS_PER_ARTICLE}, the first in
 * the text; {@link extractArticleEvents} also says how many more there were.
 *
 * @example extractEvents(article)[0] // { date: { value: '2018-11-07', … }, title: 'President Donald Trump sought to convey that…', status: 'reported', … }
 */
export function extractEvents(article: Article): DatedEvent[] {
  return extractArticleEvents(article).events;
}

/**
 * {@link extractEvents} with the count of events dropped at the limit, for the caller to log.
 *
 * @example
 * const { events, dropped } = extractArticleEvents(article);
 * if (dropped > 0) logger.warn('article has more dated events than the limit', { kept: events.length, dropped });
 */
export function extractArticleEvents(article: Article): ArticleEvents {
  // Sentence by sentence: the expressions of a sentence are dropped once its events are read, so
  // memory holds the events kept, not every date of the article.
  return eventsOfEachSentence(
    article,
    article.sentences,
    tagEachSentence(article.sentences, article.reference),
  );
}

/**
 * {@link extractArticleEvents} on an article already tagged: `sentences` are its own
 * (`article.sentences`) and `timexes` theirs in document order, as {@link tagSentences} gives
 * them, for callers that time or reuse that stage.
 *
 * @example eventsOfSentences(article, article.sentences, tagSentences(article.sentences, article.reference)).events
 */
export function eventsOfSentences(
  article: Article,
  sentences: readonly Sentence[],
  timexes: readonly Timex[],
): ArticleEvents {
  function* bySentence(): Generator<Timex[], void, undefined> {
    let next = 0;
    for (const sentence of sentences) {
      const own: Timex[] = [];
      for (; next < timexes.length && (timexes[next]?.start ?? 0) < sentence.end; next += 1)
        own.push(timexes[next] as Timex);
      yield own;
    }
  }
  return eventsOfEachSentence(article, sentences, bySentence());
}

/** The events of each sentence, given the expressions of each sentence in turn. */
function eventsOfEachSentence(
  article: Article,
  sentences: readonly Sentence[],
  timexesOfEach: Iterator<Timex[], void, undefined>,
): ArticleEvents {
  const published = formatDate(article.reference.date);
  const names = midSentenceNames(article.text);
  const length = Math.max(1, article.text.length);
  const events: DatedEvent[] = [];
  let dropped = 0;
  for (const sentence of sentences) {
    const timexes = timexesOfEach.next().value ?? [];
    // Headings and page furniture report no event.
    const dated = sentence.isHeading ? [] : eventDatesOf(timexes);
    if (dated.length === 0) continue;
    // Past the limit only count: titles, actors and statuses are the costly part.
    const room = MAX_EVENTS_PER_ARTICLE - events.length;
    if (dated.length > room) dropped += dated.length - room;
    if (room <= 0) continue;
    const spans = dated.map(({ timex }) => ({
      start: timex.start - sentence.start,
      end: timex.end - sentence.start,
    }));
    const actors = actorsOf(sentence.text, names);
    const breaks = clauseBreaksOf(sentence.text);
    // The statuses of the dates the limit leaves out still weigh on those it keeps.
    const status = statusContextOf(sentence.text, spans);
    const prominence = Math.round((1 - sentence.start / length) * 1000) / 1000;
    for (const [index, { timex, date }] of dated.slice(0, room).entries()) {
      const span = spans[index] as Span;
      events.push({
        date,
        title: titleOf(sentence.text, breaks, span),
        actors,
        status: statusOf(status, span, date.start > published),
        confidence: confidenceOf(timex, date, published),
        source: {
          article: article.key,
          published,
          text: sentence.text,
          start: sentence.start,
          end: sentence.end,
          prominence,
          date: { text: timex.text, start: timex.start, end: timex.end },
        },
      });
    }
  }
  return { events, dropped };
}
