import type { DatedEvent, EventDate, EventStatus } from '../../../src/core/events.ts';
import { MONTH_NAMES } from '../../../src/core/temporal/lexicon.ts';
import { type ViewIndex, type ViewWrite, viewOfReports } from '../../../src/core/view.ts';
import { changeOf, reportWith } from '../../support/memory-view.ts';

/** What a generated collection is made of. */
export interface LargeCollectionOptions {
  readonly collection?: string;
  readonly articles?: number;
  /** Events per article: each article reports this many, give or take two. */
  readonly eventsPerArticle?: number;
  readonly seed?: number;
  /**
   * The first article as a hostile page would give it: HTML in its title and its sentences, a
   * `javascript:` url. The viewer must show the text as text and make no link.
   */
  readonly hostile?: boolean;
}

const ACTORS = [
  'BP',
  'Transocean',
  'Halliburton',
  'Coast Guard',
  'Tony Hayward',
  'Barack Obama',
  'Ken Salazar',
  'Thad Allen',
  'Louisiana',
  'Mississippi',
  'Florida',
  'Environmental Protection Agency',
  'Minerals Management Service',
  'Bobby Jindal',
  'Carol Browner',
  'Kenneth Feinberg',
];
const VERBS = [
  'said the well was leaking',
  'announced a new containment plan',
  'lowered a cap over the well',
  'began drilling a relief well',
  'closed fishing waters',
  'testified before Congress',
  'met the families of the workers',
  'set up a compensation fund',
  'approved the use of dispersants',
  'reported oil reaching the shore',
  'promised to pay every legitimate claim',
  'halted deepwater drilling',
  'sealed the well with cement',
  'released video of the leak',
  'raised its estimate of the flow',
  'sent more ships to the gulf',
];
const STATUSES: readonly EventStatus[] = [
  'reported',
  'reported',
  'reported',
  'planned',
  'postponed',
  'cancelled',
];

/** A small deterministic generator (mulberry32): the same collection on every run. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const iso = (date: Date): string => date.toISOString().slice(0, 10);
const addDays = (day: string, days: number): string =>
  iso(new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000));
// The lexicon's month names as news writes them.
const MONTHS = MONTH_NAMES.map((name) => name.charAt(0).toUpperCase() + name.slice(1));

/** A date near the article's day: mostly days, some months and years, as news reports them. */
function dateNear(published: string, next: () => number): { date: EventDate; words: string } {
  const kind = next();
  if (kind < 0.82) {
    const day = addDays(published, Math.floor(next() * 40) - 34);
    const [, month, dom] = day.split('-');
    return {
      date: { value: day, start: day, end: day, granularity: 'day' },
      words: `${MONTHS[Number(month) - 1]} ${Number(dom)}`,
    };
  }
  if (kind < 0.94) {
    const month = addDays(published, -Math.floor(next() * 60)).slice(0, 7);
    const [year, mm] = month.split('-').map(Number) as [number, number];
    const last = new Date(Date.UTC(year, mm, 0)).getUTCDate();
    return {
      date: { value: month, start: `${month}-01`, end: `${month}-${last}`, granularity: 'month' },
      words: `in ${MONTHS[mm - 1]}`,
    };
  }
  const year = published.slice(0, 4);
  return {
    date: { value: year, start: `${year}-01-01`, end: `${year}-12-31`, granularity: 'year' },
    words: `in ${year}`,
  };
}

/**
 * A collection of `articles` generated articles' reports (a story like Timeline17's bpoil: 1,461
 * articles over ten months, busy weeks at its start), merged into a view by the pure core, as
 * `rebuild` builds one: the index and every document it writes. Events of one day that share
 * their words merge, so some have many sources.
 */
export function largeCollection(options: LargeCollectionOptions = {}): {
  index: ViewIndex;
  writes: readonly ViewWrite[];
  events: number;
} {
  const collection = options.collection ?? 'gulf-spill';
  const count = options.articles ?? 1500;
  const perArticle = options.eventsPerArticle ?? 8;
  const next = random(options.seed ?? 20100420);
  const changes = [];
  let events = 0;
  for (let number = 0; number < count; number += 1) {
    // Coverage is heaviest at the start of the story and thins out.
    const published = addDays('2010-04-21', Math.floor(280 * next() ** 2.2));
    const key = `articles/${collection}/story-${String(number).padStart(4, '0')}.html`;
    const hostile = options.hostile === true && number === 0;
    const title = hostile
      ? '<img src=x onerror="window.__pwned=1">Spill <b>update</b>'
      : `${ACTORS[number % ACTORS.length]} and the spill, part ${number + 1}`;
    const reportEvents: DatedEvent[] = [];
    let offset = 0;
    const total = perArticle - 2 + Math.floor(next() * 5);
    for (let at = 0; at < total; at += 1) {
      const { date, words } = dateNear(published, next);
      const actor = ACTORS[Math.floor(next() * ACTORS.length)] as string;
      const other = ACTORS[Math.floor(next() * ACTORS.length)] as string;
      const verb = VERBS[Math.floor(next() * VERBS.length)] as string;
      const sentence = hostile
        ? `${actor} ${verb} ${words}, said <script>window.__pwned=2</script> ${other}.`
        : `${actor} ${verb} ${words}, according to ${other}.`;
      const dateStart = offset + sentence.indexOf(words);
      reportEvents.push({
        date,
        title: hostile ? `<b>${actor}</b> ${verb}` : `${actor} ${verb}`,
        actors: actor === other ? [actor] : [actor, other],
        status:
          date.start > published
            ? 'planned'
            : (STATUSES[Math.floor(next() * STATUSES.length)] as EventStatus),
        confidence: date.granularity === 'day' ? 0.9 : 0.6,
        source: {
          article: key,
          published,
          text: sentence,
          start: offset,
          end: offset + sentence.length,
          prominence: 1 - at / total,
          date: { text: words, start: dateStart, end: dateStart + words.length },
        },
      });
      offset += sentence.length + 1;
    }
    events += reportEvents.length;
    const report = reportWith(collection, key, reportEvents);
    changes.push(
      changeOf({
        ...report,
        article: {
          ...(report.article as NonNullable<typeof report.article>),
          title,
          url: hostile ? 'javascript:window.__pwned=3' : `https://news.example.com/${collection}/${number}`,
          reference: { date: published, timezone: 'UTC', source: 'object-metadata' },
        },
      }),
    );
  }
  const view = viewOfReports(collection, '2011-02-01T00:00:00.000Z', changes);
  if (!view) throw new Error('the generated collection made no view');
  return { index: view.index, writes: view.writes, events };
}
