// The viewer's pure half: dates in words, filters and the URL, text with its highlights, the
// strip's buckets. No DOM, no fetch: the page (viewer.js) and the unit tests (test/viewer/)
// both import it. Dates are ISO days (YYYY-MM-DD) and are read in UTC: a day of the view is a
// calendar day, whatever zone the reader is in.

/**
 * @typedef {{ value: string, start: string, end: string, granularity: string, mod?: string }} EventDate
 * @typedef {{ article: string, title?: string, url?: string, published: string, text: string,
 *   start: number, end: number, date: { text: string, start: number, end: number } }} ViewSource
 * @typedef {{ id: string, date: EventDate, title: string, actors: string[], status: string,
 *   confidence: number, salience: number, sources: ViewSource[] }} ViewEvent
 * @typedef {{ q: string, actor: string, status: string, from: string, to: string }} Filters
 * @typedef {{ text: string, mark?: 'date' | 'hit' }} Segment
 */

// The page runs in the browser without a build, so it cannot import the lexicon
// (src/core/temporal/lexicon.ts); test/viewer checks that these are the same names.
export const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const SEASONS = /** @type {Record<string, string>} */ ({
  SP: 'Spring',
  SU: 'Summer',
  FA: 'Autumn',
  WI: 'Winter',
});
const PARTS_OF_DAY = /** @type {Record<string, string>} */ ({
  MO: 'morning',
  MI: 'midday',
  AF: 'afternoon',
  EV: 'evening',
  NI: 'night',
  DT: 'daytime',
});
const DAY_MS = 86_400_000;
const ISO_DAY_RE = /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])$/;

/** The statuses the page offers, with the badge each shows ('reported' shows none). */
export const STATUSES = ['reported', 'planned', 'postponed', 'cancelled'];

/** @param {string} day @returns {number} days since 1970-01-01 */
export const dayNumber = (day) => Math.floor(Date.parse(`${day}T00:00:00Z`) / DAY_MS);
/** @param {number} number @returns {string} the ISO day */
export const dayOfNumber = (number) => new Date(number * DAY_MS).toISOString().slice(0, 10);
/** @param {string} day @returns {boolean} */
export const isIsoDay = (day) => ISO_DAY_RE.test(day) && dayOfNumber(dayNumber(day)) === day;

/** @param {string} month YYYY-MM @returns {string} its last day */
export function lastDayOfMonth(month) {
  const [year, number] = month.split('-').map(Number);
  return new Date(Date.UTC(/** @type {number} */ (year), /** @type {number} */ (number), 0))
    .toISOString()
    .slice(0, 10);
}

/**
 * A day in words.
 * @param {string} day @param {'long' | 'short'} [style]
 * @example dayLabel('2018-11-02') // 'Friday 2 November 2018'
 * @example dayLabel('2018-11-02', 'short') // 'Fri 2 Nov 2018'
 */
export function dayLabel(day, style = 'long') {
  const [year, month, date] = day.split('-').map(Number);
  const weekday = WEEKDAYS[new Date(`${day}T00:00:00Z`).getUTCDay()] ?? '';
  const monthName = MONTHS[(month ?? 1) - 1] ?? '';
  return style === 'long'
    ? `${weekday} ${date} ${monthName} ${year}`
    : `${weekday.slice(0, 3)} ${date} ${monthName.slice(0, 3)} ${year}`;
}

/**
 * A span of days in words, as short as it can be said.
 * @param {string} start @param {string} end
 * @example spanLabel('2018-11-03', '2018-11-04') // '3–4 Nov 2018'
 * @example spanLabel('2018-10-29', '2018-11-04') // '29 Oct – 4 Nov 2018'
 */
export function spanLabel(start, end) {
  const [y1, m1, d1] = start.split('-').map(Number);
  const [y2, m2, d2] = end.split('-').map(Number);
  const month = (/** @type {number | undefined} */ m) => (MONTHS[(m ?? 1) - 1] ?? '').slice(0, 3);
  if (start === end) return `${d1} ${month(m1)} ${y1}`;
  if (y1 === y2 && m1 === m2) return `${d1}–${d2} ${month(m2)} ${y2}`;
  if (y1 === y2) return `${d1} ${month(m1)} – ${d2} ${month(m2)} ${y2}`;
  return `${d1} ${month(m1)} ${y1} – ${d2} ${month(m2)} ${y2}`;
}

/** @param {string} month YYYY-MM @example monthLabel('2018-06') // 'June 2018' */
export function monthLabel(month) {
  const [year, number] = month.split('-').map(Number);
  return `${MONTHS[(number ?? 1) - 1]} ${year}`;
}

/**
 * The date of an event in words, as its TIMEX3 value says it; a value this does not know is
 * said by its span.
 * @param {EventDate} date
 * @example dateLabel({ value: '2018-11-02', start: '2018-11-02', end: '2018-11-02', granularity: 'day' }) // 'Fri 2 Nov 2018'
 * @example dateLabel({ value: '2019', start: '2019-01-01', end: '2019-03-31', granularity: 'year', mod: 'START' }) // 'Early 2019'
 * @example dateLabel({ value: '2018-W44-WE', start: '2018-11-03', end: '2018-11-04', granularity: 'weekend' }) // 'Weekend of 3–4 Nov 2018'
 */
export function dateLabel(date) {
  return withMod(baseLabel(date), date.mod);
}

/** @param {EventDate} date @returns {string} */
function baseLabel(date) {
  const { value, start, end, granularity } = date;
  const time = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}|[A-Z]{2})/.exec(value);
  if (time) {
    const [, day = start, clock = ''] = time;
    return `${dayLabel(day, 'short')}, ${PARTS_OF_DAY[clock] ?? clock}`;
  }
  if (isIsoDay(value)) return dayLabel(value, 'short');
  if (granularity === 'day') return dayLabel(start, 'short');
  if (granularity === 'weekend') return `Weekend of ${spanLabel(start, end)}`;
  const week = /^(\d{4})-W(\d{2})$/.exec(value);
  if (week) return `Week ${Number(week[2])}, ${spanLabel(start, end)}`;
  if (/^\d{4}-\d{2}$/.test(value)) return monthLabel(value);
  const quarter = /^(\d{4})-Q([1-4])$/.exec(value);
  if (quarter) return `Q${quarter[2]} ${quarter[1]}`;
  const half = /^(\d{4})-H([12])$/.exec(value);
  if (half) return `${half[2] === '1' ? 'First' : 'Second'} half of ${half[1]}`;
  const season = /^(\d{4})-(SP|SU|FA|WI)$/.exec(value);
  if (season) return `${SEASONS[season[2] ?? '']} ${season[1]}`;
  if (/^\d{4}$/.test(value)) return value;
  if (/^\d{3}$/.test(value)) return `The ${value}0s`;
  if (/^\d{2}$/.test(value)) return `The ${value}00s`;
  return spanLabel(start, end);
}

/** @param {string} label @param {string | undefined} mod */
function withMod(label, mod) {
  // The 1990s: the early 1990s, not early the 1990s.
  const decade = label.startsWith('The ');
  const lower = decade ? `the ${label.slice(4)}` : label;
  switch (mod) {
    case 'START':
      return decade ? `The early ${label.slice(4)}` : `Early ${label}`;
    case 'MID':
      return decade ? `The mid-${label.slice(4)}` : `Mid-${label}`;
    case 'END':
      return decade ? `The late ${label.slice(4)}` : `Late ${label}`;
    case 'APPROX':
      return `Around ${lower}`;
    case 'BEFORE':
      return `Before ${lower}`;
    case 'AFTER':
      return `After ${lower}`;
    default:
      return label;
  }
}

/**
 * Where an event's group sits in the list: under its day, its month, or its year.
 * @param {string} granularity
 * @returns {'day' | 'month' | 'year'}
 */
export function groupLevel(granularity) {
  if (granularity === 'day' || granularity === 'time') return 'day';
  if (granularity === 'week' || granularity === 'weekend' || granularity === 'month') return 'month';
  return 'year';
}

/**
 * The heading of a group of events dated the same span: its day in full, or its period.
 * @param {EventDate} date the first event's
 * @example groupHeading({ value: '2018-06', start: '2018-06-01', end: '2018-06-30', granularity: 'month' }) // 'Sometime in June'
 * @example groupHeading({ value: '2019', start: '2019-01-01', end: '2019-12-31', granularity: 'year' }) // 'In 2019'
 */
export function groupHeading(date) {
  if (groupLevel(date.granularity) === 'day') return dayLabel(date.start, 'long');
  // Under its month's heading already: the month need not be said again.
  const month = /^(\d{4})-(\d{2})$/.exec(date.value);
  if (month) {
    const name = MONTHS[Number(month[2]) - 1] ?? '';
    return date.mod ? withMod(name, date.mod) : `Sometime in ${name}`;
  }
  const label = dateLabel({ ...date, value: date.value.replace(/T.*$/, '') });
  return date.mod || !/^(\d{4}|[A-Z][a-z]+ \d{4})$/.test(label) ? label : `In ${label}`;
}

/** @type {Filters} */
export const NO_FILTERS = Object.freeze({ q: '', actor: '', status: '', from: '', to: '' });

/**
 * The filters a URL's query holds (unknown or malformed values are dropped).
 * @param {string} search `?q=kcna&status=planned`
 * @returns {Filters}
 */
export function filtersOf(search) {
  const params = new URLSearchParams(search);
  const day = (/** @type {string} */ name) => {
    const value = params.get(name) ?? '';
    return isIsoDay(value) ? value : '';
  };
  const status = params.get('status') ?? '';
  let from = day('from');
  let to = day('to');
  if (from && to && from > to) [from, to] = [to, from];
  return {
    q: (params.get('q') ?? '').slice(0, 200),
    actor: (params.get('actor') ?? '').slice(0, 200),
    status: STATUSES.includes(status) ? status : '',
    from,
    to,
  };
}

/**
 * The query that keeps `filters` (empty ones left out), for a link that restores the view.
 * @param {Filters} filters
 * @example searchOf({ q: 'kcna', actor: '', status: 'planned', from: '', to: '' }) // '?q=kcna&status=planned'
 */
export function searchOf(filters) {
  const params = new URLSearchParams();
  for (const name of /** @type {(keyof Filters)[]} */ (['q', 'actor', 'status', 'from', 'to']))
    if (filters[name]) params.set(name, filters[name]);
  const query = params.toString();
  return query ? `?${query}` : '';
}

/**
 * Text folded for matching: lower case, without accents, one space between words.
 * @param {string} text
 * @example fold('  Pyongyáng  KCNA ') // 'pyongyang kcna'
 */
export function fold(text) {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** @param {string} q @returns {string[]} the query's words, folded */
export const termsOf = (q) => fold(q).split(' ').filter(Boolean);

/**
 * Whether an event passes the filters: every word of the search in its title, actors, sentences
 * or sources' titles; an actor containing the actor filter; the status; a start in the range.
 * @param {ViewEvent} event @param {Filters} filters
 */
export function matchesFilters(event, filters) {
  if (filters.status && event.status !== filters.status) return false;
  if (filters.from && event.date.start < filters.from) return false;
  if (filters.to && event.date.start > filters.to) return false;
  if (filters.actor) {
    const actor = fold(filters.actor);
    if (!event.actors.some((name) => fold(name).includes(actor))) return false;
  }
  const terms = termsOf(filters.q);
  if (terms.length === 0) return true;
  const haystack = fold(
    [
      event.title,
      ...event.actors,
      ...event.sources.flatMap((source) => [source.text, source.title ?? '']),
    ].join(' \n '),
  );
  return terms.every((term) => haystack.includes(term));
}

/** @param {Filters} filters */
export const hasFilters = (filters) => Boolean(filters.q || filters.actor || filters.status);

/**
 * The places of the search's words in a text, by the offsets of the text itself (folding keeps
 * a letter for a letter in news text; a text where it does not is searched as it is).
 * @param {string} text @param {readonly string[]} terms
 * @returns {Array<[number, number]>}
 */
export function hitsOf(text, terms) {
  if (terms.length === 0) return [];
  const folded = text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  const haystack = folded.length === text.length ? folded : text.toLowerCase();
  /** @type {Array<[number, number]>} */
  const hits = [];
  for (const term of terms) {
    for (let at = haystack.indexOf(term); at !== -1; at = haystack.indexOf(term, at + term.length))
      hits.push([at, at + term.length]);
  }
  return hits;
}

/**
 * A text cut into plain and marked pieces: the date's words (`date`) and the search's hits
 * (`hit`); where they overlap the date wins. Ranges outside the text are ignored.
 * @param {string} text
 * @param {{ date?: [number, number], hits?: Array<[number, number]> }} marks
 * @returns {Segment[]}
 * @example segmentsOf('KCNA said November 2.', { date: [10, 20] }) // [{ text: 'KCNA said ' }, { text: 'November 2', mark: 'date' }, { text: '.' }]
 */
export function segmentsOf(text, marks) {
  /** @type {Array<'date' | 'hit' | undefined>} */
  const kinds = new Array(text.length).fill(undefined);
  for (const [start, end] of marks.hits ?? [])
    for (let at = Math.max(0, start); at < Math.min(end, text.length); at += 1) kinds[at] = 'hit';
  if (marks.date) {
    const [start, end] = marks.date;
    if (start >= 0 && end <= text.length && start < end)
      for (let at = start; at < end; at += 1) kinds[at] = 'date';
  }
  /** @type {Segment[]} */
  const segments = [];
  let from = 0;
  for (let at = 1; at <= text.length; at += 1) {
    if (at < text.length && kinds[at] === kinds[from]) continue;
    const kind = kinds[from];
    segments.push(kind ? { text: text.slice(from, at), mark: kind } : { text: text.slice(from, at) });
    from = at;
  }
  return segments;
}

/**
 * Where a source's date words are in its sentence: by the offsets the view gives (both in the
 * article's text), checked against the words, else found by searching; undefined when absent.
 * @param {ViewSource} source
 * @returns {[number, number] | undefined}
 */
export function dateRangeIn(source) {
  const start = source.date.start - source.start;
  const end = source.date.end - source.start;
  if (start >= 0 && end <= source.text.length && source.text.slice(start, end) === source.date.text)
    return [start, end];
  const found = source.date.text ? source.text.indexOf(source.date.text) : -1;
  return found === -1 ? undefined : [found, found + source.date.text.length];
}

/**
 * The url as a link may use it: http and https only (a `javascript:` or `data:` url from an
 * article's page is shown as no link).
 * @param {string | undefined} url
 * @example safeHref('javascript:alert(1)') // undefined
 */
export function safeHref(url) {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The events of one partition in reading order: those at a time of day after the rest, by the
 * time, and otherwise the most salient first.
 * @param {readonly ViewEvent[]} events
 */
export function inReadingOrder(events) {
  const clock = (/** @type {ViewEvent} */ event) => event.date.value.split('T')[1] ?? '';
  return [...events].sort(
    (a, b) =>
      clock(a).localeCompare(clock(b)) || b.salience - a.salience || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

/**
 * The strip's bucket for a span of days: a bar a day up to four months, a week up to three
 * years, a month beyond.
 * @param {number} days
 * @returns {'day' | 'week' | 'month'}
 */
export function bucketFor(days) {
  if (days <= 122) return 'day';
  if (days <= 1100) return 'week';
  return 'month';
}

/**
 * The first day of the bucket a day is in: itself, its week's Monday (ISO weeks), its month's 1st.
 * @param {string} day @param {'day' | 'week' | 'month'} bucket
 */
export function bucketStart(day, bucket) {
  if (bucket === 'day') return day;
  if (bucket === 'month') return `${day.slice(0, 7)}-01`;
  const number = dayNumber(day);
  // 1970-01-01 was a Thursday: (number + 3) mod 7 counts from Monday.
  return dayOfNumber(number - ((((number + 3) % 7) + 7) % 7));
}

/** @param {string} start a bucket's first day @param {'day' | 'week' | 'month'} bucket @returns {string} its last */
export function bucketEnd(start, bucket) {
  if (bucket === 'day') return start;
  if (bucket === 'week') return dayOfNumber(dayNumber(start) + 6);
  return lastDayOfMonth(start.slice(0, 7));
}

/**
 * Day partitions' salience summed by bucket, over the month tables' partitions.
 * @param {ReadonlyArray<{ start: string, end: string, salience?: number, events: number }>} partitions
 * @param {'day' | 'week' | 'month'} bucket
 * @returns {Map<string, { value: number, events: number }>} by the bucket's first day
 */
export function salienceByBucket(partitions, bucket) {
  /** @type {Map<string, { value: number, events: number }>} */
  const buckets = new Map();
  for (const partition of partitions) {
    if (partition.start !== partition.end || partition.salience === undefined) continue;
    const key = bucketStart(partition.start, bucket);
    const entry = buckets.get(key) ?? { value: 0, events: 0 };
    entry.value += partition.salience;
    entry.events += partition.events;
    buckets.set(key, entry);
  }
  return buckets;
}

/**
 * Ticks for an axis over [start, end] (day numbers), at most `room` of them: every day, every
 * other day, each week's Monday, every other Monday, or months and years at a step that fits.
 * @param {number} start @param {number} end @param {number} room
 * @returns {Array<{ day: number, label: string, major: boolean }>}
 */
export function ticksOf(start, end, room) {
  const span = Math.max(1, end - start + 1);
  /** @type {Array<{ day: number, label: string, major: boolean }>} */
  const ticks = [];
  const dayTick = (/** @type {number} */ day) => {
    const iso = dayOfNumber(day);
    const first = iso.endsWith('-01');
    return {
      day,
      label: `${Number(iso.slice(8))}${first || ticks.length === 0 ? ` ${monthShort(iso)}` : ''}`,
      major: first,
    };
  };
  for (const step of [1, 2]) {
    if (span / step > room) continue;
    for (let day = start; day <= end; day += step) ticks.push(dayTick(day));
    return ticks;
  }
  for (const step of [7, 14]) {
    if (span / step > room) continue;
    for (let day = dayNumber(bucketStart(dayOfNumber(start), 'week')); day <= end; day += step) {
      if (day < start) continue;
      const iso = dayOfNumber(day);
      ticks.push({
        day,
        label: `${Number(iso.slice(8))} ${monthShort(iso)}`,
        major: Number(iso.slice(8)) <= step,
      });
    }
    return ticks;
  }
  const months = span / 30.44;
  const steps = [1, 2, 3, 6, 12, 24, 60, 120, 240, 600];
  const step = steps.find((each) => months / each <= room) ?? 1200;
  const first = dayOfNumber(start);
  let year = Number(first.slice(0, 4));
  let month = Number(first.slice(5, 7));
  // Months that are a multiple of the step (January for a year or more).
  for (;;) {
    const day = dayNumber(`${year}-${String(month).padStart(2, '0')}-01`);
    if (day > end) break;
    const aligned = step >= 12 ? month === 1 && year % (step / 12) === 0 : (month - 1) % step === 0;
    if (day >= start && aligned)
      ticks.push({
        day,
        label: month === 1 ? String(year) : (MONTHS[month - 1]?.slice(0, 3) ?? ''),
        major: month === 1,
      });
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
  return ticks;
}

/** @param {string} iso */
const monthShort = (iso) => (MONTHS[Number(iso.slice(5, 7)) - 1] ?? '').slice(0, 3);

/**
 * A count in words with its noun, thousands grouped.
 * @param {number} count @param {string} noun
 * @example counted(1, 'event') // '1 event'
 * @example counted(11292, 'event') // '11,292 events'
 */
export function counted(count, noun) {
  return `${count.toLocaleString('en-GB')} ${noun}${count === 1 ? '' : 's'}`;
}
