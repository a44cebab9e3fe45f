// The viewer page: reads a collection's view through the local server's API, index first, then
// the month tables and shards of what it shows, in date order from the start of the selected
// range; polls the index every 2 s (a conditional GET: 304 while nothing changed) and shows a
// new upload's events without a reload. Every text of the view came from the web: the DOM is
// built with text nodes and attributes only, never parsed from strings, and links are http(s).

import { describeStrip, renderStrip, STRIP_HEIGHT } from './density-strip.js';
import {
  bucketEnd,
  bucketFor,
  bucketStart,
  counted,
  dateLabel,
  dateRangeIn,
  dayLabel,
  dayNumber,
  dayOfNumber,
  filtersOf,
  groupHeading,
  groupLevel,
  hasFilters,
  hitsOf,
  inReadingOrder,
  lastDayOfMonth,
  matchesFilters,
  monthLabel,
  NO_FILTERS,
  safeHref,
  salienceByBucket,
  searchOf,
  segmentsOf,
  spanLabel,
  termsOf,
} from './timeline-model.js';

/** @typedef {import('./timeline-model.js').ViewEvent} ViewEvent */
/** @typedef {import('./timeline-model.js').Filters} Filters */
/**
 * @typedef {{ partition: string, start: string, end: string, events: number, sources: number,
 *   salience?: number, shards: string[] }} IndexedPartition
 * @typedef {{ collection: string, month: string, partitions: IndexedPartition[] }} MonthTable
 * @typedef {{ month: string, events: number, sources: number, hash: string }} IndexMonth
 * @typedef {{ collection: string, updatedAt: string, articles: { count: number },
 *   months: IndexMonth[], summary: { dates: Array<{ date: string, salience: number, events: string[],
 *   eventCount: number }> } }} ViewIndex
 */

const POLL_MS = 2000;
const HIDDEN_POLL_MS = 10_000;
/** Events added to the list at a time; more as the reader scrolls near its end. */
const BATCH = 40;
/** Shards of the next partitions read while one is drawn. */
const PREFETCH_PARTITIONS = 4;
/** The browser's own limit per host is 6 connections; the polls need one. */
const MAX_REQUESTS = 5;
/** Sources shown before "Show N more sources". */
const SOURCES_SHOWN = 3;
const STATUS_WORDS = /** @type {Record<string, string>} */ ({
  planned: 'Planned',
  postponed: 'Postponed',
  cancelled: 'Cancelled',
});

/** @param {string} id @returns {HTMLElement} */
function byId(id) {
  const element = document.getElementById(id);
  if (!element) throw new Error(`the page has no #${id}`);
  return element;
}

/**
 * An element with attributes and children; strings become text nodes.
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Record<string, string | boolean | undefined>} [attributes]
 * @param {...(Node | string | false | null | undefined)} children
 * @returns {HTMLElementTagNameMap[K]}
 */
function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    element.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children) {
    if (child === false || child === null || child === undefined) continue;
    element.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return element;
}

/** A failed API call, with the server's message. */
class ApiError extends Error {
  /** @param {number} status @param {string} message */
  constructor(status, message) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
  }
}

let active = 0;
/** @type {Array<() => void>} */
const waiting = [];
/**
 * Runs `task` when fewer than MAX_REQUESTS are in flight.
 * @template T @param {() => Promise<T>} task @returns {Promise<T>}
 */
async function limited(task) {
  while (active >= MAX_REQUESTS) await new Promise((resolve) => waiting.push(() => resolve(undefined)));
  active += 1;
  try {
    return await task();
  } finally {
    active -= 1;
    waiting.shift()?.();
  }
}

/**
 * @param {Response} response
 * @returns {Promise<any>}
 */
async function jsonOf(response) {
  let body;
  try {
    body = await response.json();
  } catch {
    throw new ApiError(response.status, `the viewer's server answered ${response.status} without JSON`);
  }
  if (!response.ok)
    throw new ApiError(response.status, body?.error ?? `the server answered ${response.status}`);
  return body;
}

const encodePath = (/** @type {string} */ key) => key.split('/').map(encodeURIComponent).join('/');
/** @type {Map<string, Promise<any>>} */
const documents = new Map();
/**
 * A view document by key, read once: each is immutable, named by its content.
 * @param {string} key
 */
function readDocument(key) {
  let pending = documents.get(key);
  if (!pending) {
    pending = limited(() => fetch(`/api/documents/${encodePath(key)}`)).then(jsonOf);
    // A failed read is not kept: the next attempt asks again.
    pending.catch(() => documents.delete(key));
    documents.set(key, pending);
  }
  return pending;
}

// The keys of the view's documents, as src/core/view.ts names them.
const monthKey = (/** @type {string} */ c, /** @type {IndexMonth} */ m) =>
  `timelines/${c}/months/${m.month}.${m.hash}.json`;
const shardKey = (
  /** @type {string} */ c,
  /** @type {IndexedPartition} */ p,
  /** @type {number} */ chunk,
  /** @type {string} */ hash,
) => `timelines/${c}/shards/${p.partition}.${chunk}.${hash}.json`;

// ---------------------------------------------------------------------------------------------
// State

const collection = (() => {
  const match = /^\/c\/([^/]+)$/.exec(location.pathname);
  return match ? decodeURIComponent(match[1] ?? '') : undefined;
})();

const state = {
  /** @type {ViewIndex | undefined} */
  index: undefined,
  /** @type {string | undefined} */
  etag: undefined,
  /** @type {Filters} */
  filters: filtersOf(location.search),
  /** Ids of the events shown so far: an id first seen after a live update is new. */
  known: new Set(),
  /** Months whose table changed in the last live update. */
  changedMonths: new Set(),
  /** @type {Map<string, number>} actor → events seen with it */
  actors: new Map(),
  /** @type {Run | undefined} */
  run: undefined,
  documentsRead: 0,
};
/** @type {Map<string, Promise<ViewEvent[]>>} */
const partitionEvents = new Map();

/** @param {IndexMonth} month */
const tableOf = (month) =>
  /** @type {Promise<MonthTable>} */ (readDocument(monthKey(collection ?? '', month)));

/**
 * A partition's events, all its chunks read, in reading order.
 * @param {IndexedPartition} entry
 */
function eventsOf(entry) {
  const keys = entry.shards.map((hash, chunk) => shardKey(collection ?? '', entry, chunk, hash));
  const id = keys.join('|');
  let pending = partitionEvents.get(id);
  if (!pending) {
    pending = Promise.all(keys.map(readDocument)).then((shards) => {
      const events = inReadingOrder(shards.flatMap((shard) => shard.events));
      for (const event of events)
        for (const actor of event.actors) state.actors.set(actor, (state.actors.get(actor) ?? 0) + 1);
      scheduleActors();
      return events;
    });
    pending.catch(() => partitionEvents.delete(id));
    partitionEvents.set(id, pending);
  }
  return pending;
}

/** The months of the index whose partitions can start in the range. */
function monthsInRange() {
  const { from, to } = state.filters;
  return (state.index?.months ?? []).filter(
    (month) => (!from || month.month >= from.slice(0, 7)) && (!to || month.month <= to.slice(0, 7)),
  );
}

/** The whole story's first and last day (by its months). */
function extent() {
  const months = state.index?.months ?? [];
  const first = months[0]?.month;
  const last = months[months.length - 1]?.month;
  if (!first || !last) return undefined;
  return { start: dayNumber(`${first}-01`), end: dayNumber(lastDayOfMonth(last)) };
}

/** The range shown: the filter's, or the whole story. */
function range() {
  const whole = extent();
  if (!whole) return undefined;
  const start = state.filters.from ? dayNumber(state.filters.from) : whole.start;
  const end = state.filters.to ? dayNumber(state.filters.to) : whole.end;
  return { start: Math.min(start, end), end: Math.max(start, end) };
}

// ---------------------------------------------------------------------------------------------
// The list: a run draws the events of the range in date order, partition by partition, reading
// what it needs as it goes; a new filter or a new index starts a new run.

class Run {
  /** @param {HTMLElement} element */
  constructor(element) {
    this.element = element;
    this.months = monthsInRange();
    this.monthAt = 0;
    /** @type {IndexedPartition[]} */
    this.partitions = [];
    this.partitionAt = 0;
    this.shown = 0;
    this.read = 0;
    this.done = false;
    this.busy = false;
    /** @type {string | undefined} */
    this.year = undefined;
    /** @type {string | undefined} */
    this.month = undefined;
    this.cancelled = false;
  }

  /** The next partition in the range, its month's table read when needed. */
  async next() {
    const { from, to } = state.filters;
    for (;;) {
      const entry = this.partitions[this.partitionAt];
      if (entry) {
        this.partitionAt += 1;
        return entry;
      }
      const month = this.months[this.monthAt];
      if (!month) return undefined;
      this.monthAt += 1;
      const table = await tableOf(month);
      // Long periods first among those starting the same day: a year's events come before
      // its first month's.
      this.partitions = table.partitions
        .filter((each) => (!from || each.start >= from) && (!to || each.start <= to))
        .sort(
          (a, b) =>
            a.start.localeCompare(b.start) ||
            dayNumber(b.end) - dayNumber(a.end) ||
            a.partition.localeCompare(b.partition),
        );
      this.partitionAt = 0;
      // Reading ahead: the next month's table.
      const after = this.months[this.monthAt];
      if (after) tableOf(after).catch(() => {});
    }
  }

  /** Starts reading the shards of the partitions after the current one. */
  prefetch() {
    for (const entry of this.partitions.slice(this.partitionAt, this.partitionAt + PREFETCH_PARTITIONS))
      eventsOf(entry).catch(() => {});
  }

  /**
   * Adds at least `wanted` events (fewer at the end), and more while the end of the list is in
   * sight.
   * @param {number} wanted
   */
  async fill(wanted) {
    if (this.busy || this.done) return;
    this.busy = true;
    let added = 0;
    let steps = 0;
    try {
      while (!this.cancelled && !this.done && (added < wanted || endInSight())) {
        const entry = await this.next();
        if (this.cancelled) return;
        if (!entry) {
          this.done = true;
          break;
        }
        this.prefetch();
        const events = await eventsOf(entry);
        if (this.cancelled) return;
        this.read += events.length;
        const shown = events.filter((event) => matchesFilters(event, state.filters));
        if (shown.length > 0) {
          this.append(entry, shown);
          added += shown.length;
          this.shown += shown.length;
        }
        steps += 1;
        // Let the page breathe during a long search through many partitions.
        if (steps % 12 === 0) {
          showListStatus(this);
          await new Promise((resolve) => setTimeout(resolve, 0));
        }
      }
    } finally {
      this.busy = false;
    }
    if (!this.cancelled) showListStatus(this);
  }

  /**
   * The group of one partition's events, under its year's and month's headings.
   * @param {IndexedPartition} entry @param {ViewEvent[]} events
   */
  append(entry, events) {
    const first = /** @type {ViewEvent} */ (events[0]);
    const level = groupLevel(first.date.granularity);
    const year = entry.start.slice(0, 4);
    const month = entry.start.slice(0, 7);
    if (year !== this.year) {
      this.element.append(h('h2', { class: 'year-heading' }, year));
      this.year = year;
      this.month = undefined;
    }
    if (level !== 'year' && month !== this.month) {
      this.element.append(h('h3', { class: 'month-heading' }, monthLabel(month)));
      this.month = month;
    }
    const heading = groupHeading(first.date);
    const group = h(
      'section',
      { class: `group group-${level}`, 'aria-label': heading },
      h(
        level === 'year' ? 'h3' : 'h4',
        { class: 'group-heading' },
        h(
          'time',
          { datetime: entry.start === entry.end ? entry.start : `${entry.start}/${entry.end}` },
          heading,
        ),
        events.length > 1 ? h('span', { class: 'group-count' }, counted(events.length, 'event')) : null,
      ),
    );
    const fresh = state.changedMonths.has(month);
    for (const event of events) {
      const card = eventCard(event, heading, level === 'year' ? 'h4' : 'h5');
      if (fresh && !state.known.has(event.id)) card.classList.add('is-new');
      state.known.add(event.id);
      group.append(card);
    }
    this.element.append(group);
  }
}

/** Whether the end of the list is within a screen of the viewport. */
function endInSight() {
  return byId('sentinel').getBoundingClientRect().top < window.innerHeight * 2;
}

/**
 * A text with the date's words and the search's words marked.
 * @param {string} text @param {{ date?: [number, number] }} [marks]
 */
function marked(text, marks = {}) {
  const terms = termsOf(state.filters.q);
  const fragment = document.createDocumentFragment();
  for (const segment of segmentsOf(text, { ...marks, hits: hitsOf(text, terms) }))
    fragment.append(segment.mark ? h('mark', { class: `mark-${segment.mark}` }, segment.text) : segment.text);
  return fragment;
}

/**
 * One event: its date, status, confidence, title, actors and sources.
 * @param {ViewEvent} event @param {string} heading its group's @param {'h4' | 'h5'} level
 */
function eventCard(event, heading, level) {
  const titleId = `event-${event.id}-title`;
  const when = cardDateOf(event, heading);
  const confidence = Math.round(event.confidence * 100);
  const grade = event.confidence >= 0.85 ? 'high' : event.confidence >= 0.6 ? 'medium' : 'low';
  const fill = h('span', { class: 'confidence-fill' });
  fill.style.width = `${confidence}%`;
  const sources = event.sources.map((source) => sourceItem(source));
  const list = h('ol', { class: 'source-list' }, ...sources.slice(0, SOURCES_SHOWN));
  const hidden = sources.slice(SOURCES_SHOWN);
  /** @type {HTMLButtonElement | null} */
  let more = null;
  if (hidden.length > 0) {
    more = h(
      'button',
      { type: 'button', class: 'more-sources', 'aria-expanded': 'false' },
      `Show ${counted(hidden.length, 'more source')}`,
    );
    more.addEventListener('click', () => {
      list.append(...hidden);
      more?.remove();
    });
  }
  const actorFilter = state.filters.actor.toLowerCase();
  return h(
    'article',
    {
      class: `event status-${event.status}`,
      id: `event-${event.id}`,
      'aria-labelledby': titleId,
      'data-start': event.date.start,
      'data-status': event.status,
    },
    h(
      'div',
      { class: 'event-meta' },
      when ? h('span', { class: 'event-date' }, when) : null,
      STATUS_WORDS[event.status]
        ? h('span', { class: `badge badge-${event.status}` }, STATUS_WORDS[event.status] ?? '')
        : null,
      h(
        'span',
        {
          class: `confidence confidence-${grade}`,
          title: 'How sure the date is: written-out dates score higher than relative ones',
        },
        h('span', { class: 'confidence-bar', 'aria-hidden': 'true' }, fill),
        `Date confidence ${confidence}%`,
      ),
    ),
    h(level, { class: 'event-title', id: titleId }, marked(event.title)),
    event.actors.length > 0
      ? h(
          'ul',
          { class: 'actors', 'aria-label': 'Actors' },
          ...event.actors.map((actor) => {
            const pressed = actorFilter !== '' && actor.toLowerCase() === actorFilter;
            return h(
              'li',
              {},
              h(
                'button',
                {
                  type: 'button',
                  class: 'actor',
                  'data-actor': actor,
                  'aria-pressed': pressed ? 'true' : 'false',
                  title: pressed ? `Show every actor again` : `Show only events with ${actor}`,
                },
                actor,
              ),
            );
          }),
        )
      : null,
    h(
      'div',
      { class: 'sources' },
      h('p', { class: 'sources-heading' }, counted(event.sources.length, 'source')),
      list,
      more,
    ),
  );
}

/**
 * What a card says of its date beyond its group's heading: the time of a day's event, or a
 * period's own words where they differ (Q1 2019 in a group headed Early 2019).
 * @param {ViewEvent} event @param {string} heading
 */
function cardDateOf(event, heading) {
  const label = dateLabel(event.date);
  if (groupLevel(event.date.granularity) === 'day') {
    const comma = label.indexOf(', ');
    return comma === -1 ? undefined : label.slice(comma + 2);
  }
  const month = /^(\d{4})-\d{2}$/.test(event.date.value);
  return heading === label || heading === `In ${label}` || (month && !event.date.mod) ? undefined : label;
}

/** @param {import('./timeline-model.js').ViewSource} source */
function sourceItem(source) {
  const name = source.title ?? source.article.split('/').pop() ?? source.article;
  const href = safeHref(source.url);
  const dateRange = dateRangeIn(source);
  return h(
    'li',
    { class: 'source' },
    h('blockquote', { class: 'sentence' }, marked(source.text, dateRange ? { date: dateRange } : {})),
    h(
      'p',
      { class: 'source-line' },
      href
        ? h(
            'a',
            { class: 'source-title', href, rel: 'noopener noreferrer nofollow', target: '_blank' },
            marked(name),
          )
        : h('span', { class: 'source-title' }, marked(name)),
      h(
        'span',
        { class: 'source-date' },
        ' · published ',
        h('time', { datetime: source.published }, spanLabel(source.published, source.published)),
      ),
    ),
  );
}

/** @param {Run} run */
function showListStatus(run) {
  const status = byId('list-status');
  const count = byId('result-count');
  const total = monthsInRange().reduce((sum, month) => sum + month.events, 0);
  const filtered = hasFilters(state.filters) || state.filters.from || state.filters.to;
  if (run.done) {
    status.textContent = run.shown === 0 ? '' : 'End of the timeline.';
    count.textContent =
      run.shown === 0
        ? 'No events match these filters.'
        : filtered
          ? `${counted(run.shown, 'event')} match`
          : `${counted(run.shown, 'event')}`;
  } else {
    status.textContent = hasFilters(state.filters)
      ? `Searching… ${counted(run.read, 'event')} read`
      : 'Loading more as you scroll…';
    count.textContent = hasFilters(state.filters)
      ? `${counted(run.shown, 'event')} match so far`
      : `Showing ${run.shown.toLocaleString('en-GB')} of ${counted(total, 'event')}`;
  }
  byId('empty').hidden = !(run.done && run.shown === 0);
}

/**
 * Starts drawing the list again from the start of the range.
 * @param {{ keepPlace?: boolean }} [options] keep the reader's place (a live update)
 */
async function restartList(options = {}) {
  const list = byId('events');
  const previous = state.run;
  if (previous) previous.cancelled = true;
  const element = h('div', { class: 'run' });
  const run = new Run(element);
  state.run = run;
  if (!options.keepPlace || !previous) {
    list.replaceChildren(element);
    await run.fill(BATCH);
    return run;
  }
  // Drawn off the page, then swapped in where the reader was.
  const anchor = [...list.querySelectorAll('article.event')].find(
    (card) => card.getBoundingClientRect().bottom > 0,
  );
  const offset = anchor?.getBoundingClientRect().top ?? 0;
  await run.fill(Math.max(BATCH, previous.shown));
  if (run.cancelled) return run;
  list.replaceChildren(element);
  const again = anchor ? document.getElementById(anchor.id) : null;
  if (again) window.scrollBy(0, again.getBoundingClientRect().top - offset);
  await run.fill(0);
  return run;
}

// ---------------------------------------------------------------------------------------------
// The strip

/** @type {Map<string, MonthTable>} tables read for the strip, by key */
const stripTables = new Map();

function stripModel() {
  const index = state.index;
  const whole = extent();
  const shown = range();
  if (!index || !whole || !shown) return undefined;
  const days = shown.end - shown.start + 1;
  const bucket = bucketFor(days);
  const overview = index.months.map((month) => ({
    start: dayNumber(`${month.month}-01`),
    end: dayNumber(lastDayOfMonth(month.month)),
    value: month.sources,
    label: monthLabel(month.month),
  }));
  const topDays = index.summary.dates.map((entry, at) => ({
    day: dayNumber(entry.date),
    rank: at + 1,
    label: `${dayLabel(entry.date, 'short')} (${counted(entry.eventCount, 'event')})`,
  }));
  const topSet = new Set(index.summary.dates.map((entry) => entry.date));
  if (bucket === 'month') {
    return {
      extent: whole,
      range: shown,
      overview,
      detail: overview,
      periods: [],
      topDays,
      unit: 'month (sources)',
      loading: false,
    };
  }
  const months = monthsInRange();
  const tables = months.map((month) => stripTables.get(monthKey(index.collection, month)));
  const missing = months.filter((_, at) => !tables[at]);
  if (missing.length > 0) {
    Promise.all(
      missing.map((month) =>
        tableOf(month).then((table) => stripTables.set(monthKey(index.collection, month), table)),
      ),
    )
      .then(drawStrip)
      .catch(() => {});
  }
  const partitions = tables.flatMap((table) => table?.partitions ?? []);
  const buckets = salienceByBucket(partitions, bucket);
  const detail = [];
  for (let day = dayNumber(bucketStart(dayOfNumber(shown.start), bucket)); day <= shown.end; ) {
    const start = dayOfNumber(day);
    const end = bucketEnd(start, bucket);
    const entry = buckets.get(start);
    // A top day's own bar stands out; a week's bar is not all its top day.
    const top = bucket === 'day' && topSet.has(start);
    detail.push({
      start: day,
      end: dayNumber(end),
      value: entry?.value ?? 0,
      events: entry?.events ?? 0,
      label: bucket === 'day' ? dayLabel(start, 'short') : `Week of ${spanLabel(start, end)}`,
      top,
    });
    day = dayNumber(end) + 1;
  }
  const periods = partitions
    .filter((entry) => entry.start !== entry.end)
    .map((entry) => ({
      start: dayNumber(entry.start),
      end: dayNumber(entry.end),
      events: entry.events,
      label: spanLabel(entry.start, entry.end),
    }));
  return {
    extent: whole,
    range: shown,
    overview,
    detail,
    periods,
    topDays,
    unit: bucket,
    loading: missing.length > 0,
  };
}

function drawStrip() {
  const model = stripModel();
  const host = byId('strip');
  if (!model) {
    host.replaceChildren();
    return;
  }
  renderStrip(host, model, { onRange: (start, end) => setRange(start, end) });
  byId('strip-description').textContent = describeStrip(model);
  // A slider over the story's days: its value is the range's first day, said in words.
  host.setAttribute('aria-valuemin', String(model.extent.start));
  host.setAttribute('aria-valuemax', String(model.extent.end));
  host.setAttribute('aria-valuenow', String(model.range.start));
  host.setAttribute(
    'aria-valuetext',
    spanLabel(dayOfNumber(model.range.start), dayOfNumber(model.range.end)),
  );
}

/**
 * Selects a range of days (the whole story clears it).
 * @param {number} start @param {number} end
 */
function setRange(start, end) {
  const whole = extent();
  if (!whole) return;
  const from = Math.max(whole.start, Math.min(start, end));
  const to = Math.min(whole.end, Math.max(start, end));
  const all = from <= whole.start && to >= whole.end;
  applyFilters(
    { ...state.filters, from: all ? '' : dayOfNumber(from), to: all ? '' : dayOfNumber(to) },
    'push',
  );
  announce(all ? 'Showing all dates' : `Showing ${spanLabel(dayOfNumber(from), dayOfNumber(to))}`);
}

/** @param {KeyboardEvent} event */
function onStripKey(event) {
  const shown = range();
  const whole = extent();
  if (!shown || !whole) return;
  const span = shown.end - shown.start;
  const step = Math.max(1, Math.round((span + 1) / 4));
  const centre = Math.round((shown.start + shown.end) / 2);
  /** @type {[number, number] | undefined} */
  let next;
  switch (event.key) {
    case 'ArrowLeft':
      next = [Math.max(whole.start, shown.start - step), Math.max(whole.start, shown.start - step) + span];
      break;
    case 'ArrowRight':
      next = [Math.min(whole.end, shown.end + step) - span, Math.min(whole.end, shown.end + step)];
      break;
    case '+':
    case '=': {
      const half = Math.floor(span / 4);
      next = [centre - half, centre + half];
      break;
    }
    case '-':
    case '_':
      next = [centre - span - 1, centre + span + 1];
      break;
    case 'Home':
      next = [whole.start, whole.start + span];
      break;
    case 'End':
      next = [whole.end - span, whole.end];
      break;
    case '0':
    case 'Escape':
      next = [whole.start, whole.end];
      break;
    default:
      return;
  }
  event.preventDefault();
  setRange(next[0], next[1]);
}

// ---------------------------------------------------------------------------------------------
// Filters, the URL and the header

/**
 * @param {Filters} filters
 * @param {'push' | 'replace' | 'none'} history
 */
function applyFilters(filters, history) {
  state.filters = filters;
  const search = searchOf(filters);
  if (history !== 'none' && search !== location.search) {
    const url = `${location.pathname}${search}`;
    if (history === 'push') window.history.pushState(null, '', url);
    else window.history.replaceState(null, '', url);
  }
  writeForm();
  drawStrip();
  drawTopDays();
  restartList().catch(showError);
}

function readForm() {
  const value = (/** @type {string} */ id) => /** @type {HTMLInputElement} */ (byId(id)).value.trim();
  let from = value('from');
  let to = value('to');
  if (from && to && from > to) [from, to] = [to, from];
  return { q: value('q'), actor: value('actor'), status: value('status'), from, to };
}

function writeForm() {
  for (const name of /** @type {(keyof Filters)[]} */ (['q', 'actor', 'status', 'from', 'to'])) {
    const input = /** @type {HTMLInputElement} */ (byId(name));
    if (input.value !== state.filters[name] && document.activeElement !== input)
      input.value = state.filters[name];
  }
  const whole = extent();
  for (const id of ['from', 'to']) {
    const input = /** @type {HTMLInputElement} */ (byId(id));
    if (whole) {
      input.min = dayOfNumber(whole.start);
      input.max = dayOfNumber(whole.end);
    }
  }
  const active = hasFilters(state.filters) || state.filters.from || state.filters.to;
  /** @type {HTMLButtonElement} */ (byId('clear')).disabled = !active;
}

let actorsTimer = 0;
function scheduleActors() {
  if (actorsTimer) return;
  actorsTimer = window.setTimeout(() => {
    actorsTimer = 0;
    const top = [...state.actors].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 300);
    byId('actors').replaceChildren(...top.map(([actor]) => h('option', { value: actor })));
  }, 400);
}

function drawTopDays() {
  const index = state.index;
  const list = byId('top-days');
  if (!index) return;
  const max = Math.max(1e-9, ...index.summary.dates.map((entry) => entry.salience));
  list.replaceChildren(
    ...index.summary.dates.map((entry) => {
      const selected = state.filters.from === entry.date && state.filters.to === entry.date;
      const fill = h('span', { class: 'top-day-fill' });
      fill.style.width = `${Math.round((entry.salience / max) * 100)}%`;
      const button = h(
        'button',
        {
          type: 'button',
          class: 'top-day',
          'aria-pressed': selected ? 'true' : 'false',
          'data-date': entry.date,
        },
        h('span', { class: 'top-day-date' }, dayLabel(entry.date, 'short')),
        h('span', { class: 'top-day-count' }, counted(entry.eventCount, 'event')),
        h('span', { class: 'top-day-bar', 'aria-hidden': 'true' }, fill),
      );
      button.addEventListener('click', () => {
        const day = dayNumber(entry.date);
        if (selected) setRange(Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY);
        else setRange(day, day);
      });
      return h('li', {}, button);
    }),
  );
  byId('top-days-section').hidden = index.summary.dates.length === 0;
}

function drawHeader() {
  const index = state.index;
  if (!index) return;
  const events = index.months.reduce((sum, month) => sum + month.events, 0);
  const updated = new Date(index.updatedAt);
  byId('title').textContent = index.collection;
  document.title = `${index.collection} · News timeline`;
  const first = index.months[0]?.month;
  const last = index.months[index.months.length - 1]?.month;
  byId('stats').textContent = [
    counted(events, 'event'),
    counted(index.articles.count, 'article'),
    first && last ? (first === last ? monthLabel(first) : `${monthLabel(first)} – ${monthLabel(last)}`) : '',
    `updated ${updated.toISOString().slice(0, 16).replace('T', ' ')} UTC`,
  ]
    .filter(Boolean)
    .join(' · ');
}

/** @param {string} text */
function announce(text) {
  byId('announcer').textContent = text;
}

/** @param {'live' | 'offline' | 'waiting'} mode @param {string} text */
function setLive(mode, text) {
  const live = byId('live');
  live.dataset.mode = mode;
  byId('live-text').textContent = text;
}

/** @param {unknown} error */
function showError(error) {
  const banner = byId('error');
  banner.hidden = false;
  byId('error-text').textContent = error instanceof Error ? error.message : String(error);
  // A document gone means the view moved on: read the index again.
  if (error instanceof ApiError && error.status === 404) pollSoon();
}

// ---------------------------------------------------------------------------------------------
// The index, first and then polled

/**
 * @param {ViewIndex} index @param {string | undefined} etag @param {boolean} live
 */
async function applyIndex(index, etag, live) {
  const before = state.index;
  state.index = index;
  state.etag = etag;
  byId('error').hidden = true;
  byId('missing').hidden = true;
  byId('app').hidden = false;
  drawHeader();
  writeForm();
  drawTopDays();
  if (live && before) {
    const old = new Map(before.months.map((month) => [month.month, month.hash]));
    state.changedMonths = new Set(
      index.months.filter((month) => old.get(month.month) !== month.hash).map((month) => month.month),
    );
    const added =
      index.months.reduce((sum, month) => sum + month.events, 0) -
      before.months.reduce((sum, month) => sum + month.events, 0);
    drawStrip();
    const run = await restartList({ keepPlace: true });
    state.changedMonths = new Set();
    const fresh = run.element.querySelectorAll('article.is-new').length;
    const time = new Date().toTimeString().slice(0, 8);
    setLive('live', `Updated ${time}${fresh > 0 ? ` · ${counted(fresh, 'new event')}` : ''}`);
    if (fresh > 0 || added !== 0)
      announce(fresh > 0 ? `${counted(fresh, 'new event')} in the timeline` : 'The timeline was updated');
    return;
  }
  drawStrip();
  await restartList();
  if (!performance.getEntriesByName('viewer:first-events').length) {
    performance.mark('viewer:first-events');
    document.documentElement.dataset.ready = 'true';
  }
}

let pollTimer = 0;
function pollSoon(delay = 0) {
  window.clearTimeout(pollTimer);
  pollTimer = window.setTimeout(poll, delay);
}

async function poll() {
  if (!collection) return;
  const url = `/api/collections/${encodeURIComponent(collection)}/index`;
  try {
    const response = await fetch(url, {
      cache: 'no-store',
      headers: state.etag ? { 'if-none-match': state.etag } : {},
    });
    if (response.status === 304) {
      if (byId('live').dataset.mode !== 'live') setLive('live', 'Live · checking every 2 s');
    } else if (response.status === 404) {
      const body = await response.json().catch(() => ({}));
      state.index = undefined;
      state.etag = undefined;
      byId('app').hidden = true;
      byId('missing').hidden = false;
      byId('missing-text').textContent = body.error ?? `No timeline for ${collection}.`;
      byId('title').textContent = collection;
      setLive('waiting', 'Waiting for the first article');
    } else {
      const index = await jsonOf(response);
      await applyIndex(index, response.headers.get('etag') ?? undefined, state.index !== undefined);
      if (byId('live').dataset.mode !== 'live') setLive('live', 'Live · checking every 2 s');
    }
  } catch (error) {
    if (error instanceof ApiError) showError(error);
    setLive('offline', 'Offline · retrying');
  }
  pollSoon(document.hidden ? HIDDEN_POLL_MS : POLL_MS);
}

// ---------------------------------------------------------------------------------------------
// The page without a collection: the bucket's collections.

async function showCollections() {
  byId('app').hidden = true;
  byId('live').hidden = true;
  byId('picker').hidden = false;
  byId('title').textContent = 'Collections';
  try {
    const { bucket, collections } = await jsonOf(await fetch('/api/collections'));
    byId('stats').textContent = `s3://${bucket}/timelines/`;
    const list = byId('collections');
    list.replaceChildren(
      ...collections.map((/** @type {string} */ name) =>
        h('li', {}, h('a', { href: `/c/${encodeURIComponent(name)}` }, name)),
      ),
    );
    if (collections.length === 0)
      list.replaceChildren(h('li', {}, 'No timeline yet: upload articles under articles/<collection>/.'));
  } catch (error) {
    showError(error);
  }
}

// ---------------------------------------------------------------------------------------------
// Wiring

function wire() {
  const form = /** @type {HTMLFormElement} */ (byId('filters'));
  let typing = 0;
  form.addEventListener('submit', (event) => event.preventDefault());
  form.addEventListener('input', (event) => {
    const target = /** @type {HTMLElement} */ (event.target);
    window.clearTimeout(typing);
    const now = target.id === 'q' || target.id === 'actor' ? 250 : 0;
    typing = window.setTimeout(() => applyFilters(readForm(), 'replace'), now);
  });
  form.addEventListener('change', (event) => {
    const target = /** @type {HTMLElement} */ (event.target);
    if (target.id === 'status' || target.id === 'from' || target.id === 'to') {
      window.clearTimeout(typing);
      applyFilters(readForm(), 'push');
    }
  });
  byId('clear').addEventListener('click', () => {
    applyFilters({ ...NO_FILTERS }, 'push');
    announce('Filters cleared');
    /** @type {HTMLInputElement} */ (byId('q')).focus();
  });
  byId('empty-clear').addEventListener('click', () => applyFilters({ ...NO_FILTERS }, 'push'));
  byId('copy-link').addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(location.href);
      announce('Link copied');
      byId('copy-link').textContent = 'Link copied';
      window.setTimeout(() => {
        byId('copy-link').textContent = 'Copy link';
      }, 2000);
    } catch {
      announce(`Copy this address: ${location.href}`);
    }
  });
  byId('events').addEventListener('click', (event) => {
    const target = /** @type {HTMLElement} */ (event.target);
    const button = target.closest('button.actor');
    if (!(button instanceof HTMLElement)) return;
    const actor = button.dataset.actor ?? '';
    const same = state.filters.actor.toLowerCase() === actor.toLowerCase();
    applyFilters({ ...state.filters, actor: same ? '' : actor }, 'push');
    announce(same ? 'Showing every actor' : `Showing events with ${actor}`);
  });
  const strip = byId('strip');
  strip.style.height = `${STRIP_HEIGHT}px`;
  strip.addEventListener('keydown', onStripKey);
  byId('zoom-out').addEventListener('click', () => {
    const shown = range();
    if (!shown) return;
    const span = shown.end - shown.start;
    const centre = Math.round((shown.start + shown.end) / 2);
    setRange(centre - span - 1, centre + span + 1);
  });
  byId('all-dates').addEventListener('click', () =>
    setRange(Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY),
  );
  window.addEventListener('popstate', () => applyFilters(filtersOf(location.search), 'none'));
  let width = strip.clientWidth;
  new ResizeObserver(() => {
    if (strip.clientWidth === width) return;
    width = strip.clientWidth;
    drawStrip();
  }).observe(strip);
  new IntersectionObserver(
    (entries) => {
      if (entries.some((entry) => entry.isIntersecting)) state.run?.fill(BATCH).catch(showError);
    },
    { rootMargin: '0px 0px 800px 0px' },
  ).observe(byId('sentinel'));
  document.addEventListener('visibilitychange', () => {
    if (!document.hidden) pollSoon();
  });
}

wire();
writeForm();
if (collection) {
  byId('title').textContent = collection;
  setLive('waiting', 'Connecting…');
  poll();
} else {
  showCollections();
}
