import type { EventStatus } from '../events.ts';
import type { ViewEvent, ViewSource, WholeTimeline } from '../view.ts';
import { dateInWords, dayInWords } from './date-in-words.ts';
import { type TimelineJsDate, timelineJsDateOf } from './timelinejs-date.ts';

/** A slide's text: both fields are HTML (TimelineJS 3 sanitises them with DOMPurify, we escape first). */
export interface TimelineJsText {
  readonly headline: string;
  readonly text: string;
}

/** One event slide of TimelineJS's JSON format. */
export interface TimelineJsSlide {
  readonly start_date: TimelineJsDate;
  readonly end_date?: TimelineJsDate;
  readonly display_date?: string;
  readonly text: TimelineJsText;
  readonly group: string;
  readonly unique_id: string;
  /** Off: the only links in a slide are its sources' (a URL in a sentence stays text). */
  readonly autolink: false;
}

/** A timeline in TimelineJS's JSON format: what `new TL.Timeline(id, source)` and its embed load. */
export interface TimelineJsDocument {
  readonly title: { readonly text: TimelineJsText; readonly unique_id: string; readonly autolink: false };
  readonly events: readonly TimelineJsSlide[];
  readonly scale: 'human';
}

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Text as HTML that shows exactly that text, in an element or a quoted attribute: sentences and
 * titles come from the web.
 *
 * @example escapeHtml('<b>"Tom & Jerry"</b>') // '&lt;b&gt;&quot;Tom &amp; Jerry&quot;&lt;/b&gt;'
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => HTML_ESCAPES[character] ?? character);
}

/**
 * The URL to link to, when it is an absolute http(s) URL; undefined for anything else
 * (`javascript:`, `data:`, relative or malformed), which a page must never link.
 *
 * @example httpUrlOf('https://example.com/a b') // 'https://example.com/a%20b'
 * @example httpUrlOf('javascript:alert(1)') // undefined
 */
export function httpUrlOf(url: string | undefined): string | undefined {
  if (url === undefined || !URL.canParse(url)) return undefined;
  const parsed = new URL(url);
  return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : undefined;
}

/**
 * The row of TimelineJS's time navigation an event goes in: its status. The axis already shows
 * the years; what a reader of the news cannot see there is which events happened and which were
 * announced, put off or called off.
 */
export const STATUS_GROUPS: Readonly<Record<EventStatus, string>> = {
  reported: 'Reported',
  planned: 'Planned',
  postponed: 'Postponed',
  cancelled: 'Cancelled',
};

/** The sentence, escaped, with its date words in `<mark>` when its offsets find them. */
function sentenceHtml(source: ViewSource): string {
  const from = source.date.start - source.start;
  const to = source.date.end - source.start;
  if (from < 0 || to > source.text.length || source.text.slice(from, to) !== source.date.text)
    return escapeHtml(source.text);
  const [before, words, after] = [
    source.text.slice(0, from),
    source.text.slice(from, to),
    source.text.slice(to),
  ].map(escapeHtml);
  return `${before}<mark>${words}</mark>${after}`;
}

/** A source as a list item: its article's title (linked when its url is http(s)), the day, the sentence. */
function sourceHtml(source: ViewSource): string {
  const title = escapeHtml(source.title ?? source.article);
  const url = httpUrlOf(source.url);
  const cite = url ? `<a href="${escapeHtml(url)}">${title}</a>` : title;
  return `<li><cite>${cite}</cite>, ${dayInWords(source.published)}: <q>${sentenceHtml(source)}</q></li>`;
}

function eventHtml(event: ViewEvent): string {
  const facts = [
    `Status: ${event.status}.`,
    ...(event.actors.length > 0 ? [`Actors: ${event.actors.map(escapeHtml).join(', ')}.`] : []),
    `Date confidence: ${event.confidence}.`,
  ];
  const count = event.sources.length === 1 ? '1 source' : `${event.sources.length} sources`;
  return `<p>${facts.join(' ')}</p>` + `<p>${count}:</p><ol>${event.sources.map(sourceHtml).join('')}</ol>`;
}

/** One event as a slide. */
function slideOf(event: ViewEvent): TimelineJsSlide {
  return {
    ...timelineJsDateOf(event.date),
    text: { headline: escapeHtml(event.title), text: eventHtml(event) },
    group: STATUS_GROUPS[event.status],
    unique_id: event.id,
    autolink: false,
  };
}

const plural = (count: number, one: string, many: string): string => `${count} ${count === 1 ? one : many}`;

/** `2018-11-08T14:05:00.000Z` → `2018-11-08 14:05 UTC`; read from the text, not the host's clock or zone. */
function updatedInWords(updatedAt: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?Z$/.exec(updatedAt);
  return match ? `${match[1]} ${match[2]} UTC` : updatedAt;
}

/** The title slide: the collection, its counts, the span of its dates (from the first to the last to end). */
function titleText(timeline: WholeTimeline): string {
  const { events } = timeline;
  const sources = events.reduce((sum, event) => sum + event.sources.length, 0);
  const counts = `${plural(events.length, 'event', 'events')} reported in ${plural(timeline.articles.length, 'article', 'articles')} (${plural(sources, 'sentence', 'sentences')})`;
  // Events are in order of their first day; the span ends with the one that ends last.
  const [first] = events;
  const last = events.reduce<ViewEvent | undefined>(
    (latest, event) => (latest && latest.date.end > event.date.end ? latest : event),
    undefined,
  );
  const span =
    first && last
      ? first === last
        ? `, ${dateInWords(first.date)}`
        : `, from ${dateInWords(first.date)} to ${dateInWords(last.date)}`
      : '';
  return `<p>${counts}${span}.</p><p>Updated ${escapeHtml(updatedInWords(timeline.updatedAt))}.</p>`;
}

/**
 * A whole timeline in TimelineJS's JSON format. A title slide names the collection and its counts;
 * each event is a slide: its title as the headline; its status, actors, date confidence and
 * sources as the text (each source's article title linked to its url when that is http(s), the
 * sentence with the date words marked); its status as its group; its id as `unique_id`; its date
 * by {@link timelineJsDateOf}. Every field from the articles is HTML-escaped.
 *
 * @example timelineJsOf(timeline).events[0] // { start_date: { year: 2018, month: 6 }, text: { headline: "After Trump&#39;s historic summit with Kim", text: '<p>Status: reported. …' }, group: 'Reported', unique_id: '7692947735ec', autolink: false }
 */
export function timelineJsOf(timeline: WholeTimeline): TimelineJsDocument {
  return {
    title: {
      text: { headline: escapeHtml(timeline.collection), text: titleText(timeline) },
      unique_id: `collection-${timeline.collection.replace(/[^A-Za-z0-9_-]/g, '-')}`,
      autolink: false,
    },
    events: timeline.events.map(slideOf),
    scale: 'human',
  };
}
