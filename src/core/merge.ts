import { createHash } from 'node:crypto';
import type { DatedEvent, EventDate, EventSource, EventStatus } from './events.ts';
import { daySalience } from './salience.ts';
import { contentWords, jaccard } from './text-similarity.ts';

/** A source of an event: where it was read, and what that sentence says by itself. */
export interface MergeSource extends EventSource {
  /** The event as this sentence alone reports it (the merged event may be more specific). */
  readonly reading: {
    readonly date: EventDate;
    readonly title: string;
    readonly actors: readonly string[];
    readonly status: EventStatus;
    readonly confidence: number;
  };
}

/** One thing that happened, with every sentence that reported it, as the merge keeps it. */
export interface MergedEvent {
  /** Given when the event first appears and kept while it has sources (see {@link mergePartition}). */
  readonly id: string;
  /** The most specific date its sources give. */
  readonly date: EventDate;
  /** The title of its first report. */
  readonly title: string;
  /** Everyone its sources name, the most often named first. */
  readonly actors: readonly string[];
  /** What the latest report says of it. */
  readonly status: EventStatus;
  /** How sure its date is, 0–1: more sources, more sure. */
  readonly confidence: number;
  /** How much it was reported: its articles, each weighted by how prominently it reported it. */
  readonly salience: number;
  readonly sources: readonly MergeSource[];
}

/** Two reports are of the same happening when they share at least this share of content words. */
const SAME_EVENT_SIMILARITY = 0.5;
const MAX_EVENT_ACTORS = 8;

export const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The partition a date's reports are merged in: its day for a date within one day (a time of
 * day included), otherwise the period itself (`2010-04-01..2010-04-30`). Reports of different
 * partitions are never one event, so a partition is merged by itself, from its own reports only:
 * that is what makes an upload's work independent of the size of its collection. What it gives
 * up: a report dated only "in April" no longer joins the event a "April 20" report dates.
 *
 * @example partitionOf({ value: '2010-04-20', start: '2010-04-20', end: '2010-04-20', granularity: 'day' }) // '2010-04-20'
 * @example partitionOf({ value: '2010-04', start: '2010-04-01', end: '2010-04-30', granularity: 'month' }) // '2010-04-01..2010-04-30'
 */
export function partitionOf(date: EventDate): string {
  return date.start === date.end ? date.start : `${date.start}..${date.end}`;
}

/** The first and last day of a partition. */
export function partitionRange(partition: string): { readonly start: string; readonly end: string } {
  const [start, end] = partition.split('..') as [string, string | undefined];
  return { start, end: end ?? start };
}

/** The order reports are merged in: the earliest published first, so an event's first report leads. */
const byFirstReport = (a: MergeSource, b: MergeSource): number =>
  compareText(a.published, b.published) ||
  compareText(a.article, b.article) ||
  a.start - b.start ||
  a.date.start - b.date.start;

/** The order sources are listed in: by article, then by place in it. */
const bySource = (a: EventSource, b: EventSource): number =>
  compareText(a.article, b.article) || a.start - b.start || a.date.start - b.date.start;

/** Events in date order; ties by id. */
export const byDate = (
  a: { readonly date: EventDate; readonly id: string },
  b: { readonly date: EventDate; readonly id: string },
): number =>
  compareText(a.date.start, b.date.start) || compareText(a.date.end, b.date.end) || compareText(a.id, b.id);

/** Of two dates of one partition, the more specific: a time of day over its day; on a tie, the first. */
function finer(a: EventDate, b: EventDate): EventDate {
  return a.granularity !== 'time' && b.granularity === 'time' ? b : a;
}

/** The merge's form of an extracted event. */
export function mergeSourceOf(event: DatedEvent): MergeSource {
  const { date, title, actors, status, confidence } = event;
  return { ...event.source, reading: { date, title, actors, status, confidence } };
}

/** What names a source across merges: its article, its place there, and its date. */
export function sourceKeyOf(source: MergeSource): string {
  return `${source.article}\n${source.start}\n${source.date.start}\n${source.reading.date.value}`;
}

interface Cluster {
  /** Its place in creation order: ties between candidates go to the earliest, as in a full scan. */
  readonly order: number;
  date: EventDate;
  readonly members: MergeSource[];
  readonly words: Array<Set<string>>;
}

/**
 * Where to look for a report's event: clusters listed by word. Two word sets with a Jaccard
 * similarity of at least `SAME_EVENT_SIMILARITY` share a word among the rarest
 * `n - ceil(t * n) + 1` of each (prefix filtering: Chaudhuri, Ganti and Kaushik, "A Primitive
 * Operator for Similarity Joins in Data Cleaning", ICDE 2006), so a cluster is listed under the
 * rarest words of each of its members and a report looks only under its own. A cluster found no
 * other way shares too few words with every member to be chosen: the grouping is the one a scan
 * of all clusters gives.
 */
class ClusterIndex {
  readonly #lists = new Map<string, Cluster[]>();
  readonly #rarity: ReadonlyMap<string, number>;

  /** `frequency`: in how many of the reports each word is, for the rarest-first order. */
  constructor(frequency: ReadonlyMap<string, number>) {
    this.#rarity = frequency;
  }

  /** The words a report is listed and looked up under; an empty set has the empty word. */
  prefixOf(words: ReadonlySet<string>): string[] {
    if (words.size === 0) return [''];
    const rarestFirst = [...words].sort(
      (a, b) => (this.#rarity.get(a) ?? 0) - (this.#rarity.get(b) ?? 0) || compareText(a, b),
    );
    return rarestFirst.slice(0, words.size - Math.ceil(SAME_EVENT_SIMILARITY * words.size) + 1);
  }

  add(cluster: Cluster, prefix: readonly string[]): void {
    for (const word of prefix) {
      const listed = this.#lists.get(word);
      if (!listed) this.#lists.set(word, [cluster]);
      else if (listed.at(-1) !== cluster) listed.push(cluster);
    }
  }

  /** The clusters a report with this prefix may join, in creation order. */
  candidates(prefix: readonly string[]): Cluster[] {
    const seen = new Set<Cluster>();
    for (const word of prefix) for (const cluster of this.#lists.get(word) ?? []) seen.add(cluster);
    return [...seen].sort((a, b) => a.order - b.order);
  }
}

function documentFrequency(sets: ReadonlyArray<ReadonlySet<string>>): Map<string, number> {
  const frequency = new Map<string, number>();
  for (const words of sets) for (const word of words) frequency.set(word, (frequency.get(word) ?? 0) + 1);
  return frequency;
}

/**
 * Groups the reports of one partition into happenings. Reports are taken in first-report order
 * and each joins the first group where it shares most words with a member (at least
 * `SAME_EVENT_SIMILARITY`), or starts a group. The order is fixed by the reports themselves, so
 * the grouping depends only on which reports there are, not on the order articles arrived in.
 */
/**
 * The content words of each source, kept while the source object lives: a compactor merges a
 * busy day again on every upload that mentions it, from the same cached source objects.
 */
const wordsCache = new WeakMap<MergeSource, Set<string>>();
function wordsOfSource(source: MergeSource): Set<string> {
  let words = wordsCache.get(source);
  if (!words) {
    words = contentWords(source.text);
    wordsCache.set(source, words);
  }
  return words;
}

function cluster(sources: readonly MergeSource[]): Cluster[] {
  const ordered = [...sources].sort(byFirstReport);
  const wordsOf = ordered.map(wordsOfSource);
  const index = new ClusterIndex(documentFrequency(wordsOf));
  const clusters: Cluster[] = [];
  ordered.forEach((source, at) => {
    const words = wordsOf[at] as Set<string>;
    const prefix = index.prefixOf(words);
    let best: Cluster | undefined;
    let bestSimilarity = SAME_EVENT_SIMILARITY;
    for (const candidate of index.candidates(prefix)) {
      let similarity = 0;
      for (const other of candidate.words) similarity = Math.max(similarity, jaccard(other, words));
      if (similarity >= bestSimilarity && (!best || similarity > bestSimilarity)) {
        best = candidate;
        bestSimilarity = similarity;
      }
    }
    if (best) {
      best.members.push(source);
      best.words.push(words);
      best.date = finer(best.date, source.reading.date);
      index.add(best, prefix);
    } else {
      const created: Cluster = {
        order: clusters.length,
        date: source.reading.date,
        members: [source],
        words: [words],
      };
      clusters.push(created);
      index.add(created, prefix);
    }
  });
  return clusters;
}

const STATUS_PRECEDENCE: Record<EventStatus, number> = {
  cancelled: 3,
  postponed: 2,
  reported: 1,
  planned: 0,
};

/** What the latest reports say; on one day, a cancellation beats a postponement beats the rest. */
function statusOf(members: readonly MergeSource[]): EventStatus {
  const latest = members.reduce((day, source) => (source.published > day ? source.published : day), '');
  return members
    .filter((source) => source.published === latest)
    .map((source) => source.reading.status)
    .reduce((best, status) => (STATUS_PRECEDENCE[status] > STATUS_PRECEDENCE[best] ? status : best));
}

function actorsOf(members: readonly MergeSource[]): string[] {
  const counts = new Map<string, number>();
  for (const source of members)
    for (const actor of source.reading.actors) counts.set(actor, (counts.get(actor) ?? 0) + 1);
  // Map order is first-seen order, which breaks ties.
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .slice(0, MAX_EVENT_ACTORS)
    .map(([actor]) => actor);
}

/** The id a new event is given: named after its first report. */
function freshId(first: MergeSource, salt: number): string {
  return createHash('sha256')
    .update(`${sourceKeyOf(first)}${salt === 0 ? '' : `\n${salt}`}`)
    .digest('hex')
    .slice(0, 12);
}

function eventOf(group: Cluster, id: string): MergedEvent {
  const first = group.members[0] as MergeSource;
  // The salience of the event's day, counting only its own reports.
  const salience =
    daySalience(group.members.map((source) => ({ ...source, day: group.date.start }))).get(
      group.date.start,
    ) ?? 0;
  const doubt = group.members.reduce((product, source) => product * (1 - source.reading.confidence), 1);
  return {
    id,
    date: group.date,
    title: first.reading.title,
    actors: actorsOf(group.members),
    status: statusOf(group.members),
    confidence: Math.round((1 - doubt) * 100) / 100,
    salience: Math.round(salience * 1000) / 1000,
    sources: [...group.members].sort(bySource),
  };
}

/**
 * The events of one partition after some of its articles changed: the sources of `changed`
 * articles are taken out of `previous`, `added` put in, and the partition grouped again. An
 * event keeps the id it had: each group, in first-report order, takes the id of its earliest
 * source that had one not yet taken (so a later article, or one whose key sorts first, joining
 * an event never renames it); a group with none is named after its first report. Built from no
 * previous events, the ids are those of the first reports: the view rebuilt from all reports at
 * once equals the one built article by article up to ids, and with ids when articles arrived in
 * publication order.
 *
 * @example mergePartition([], new Set(), sources).length // the events of `sources`
 */
export function mergePartition(
  previous: readonly MergedEvent[],
  changed: ReadonlySet<string>,
  added: readonly MergeSource[],
): MergedEvent[] {
  const previousId = new Map<string, string>();
  const kept: MergeSource[] = [];
  for (const event of previous)
    for (const source of event.sources) {
      if (changed.has(source.article)) continue;
      kept.push(source);
      previousId.set(sourceKeyOf(source), event.id);
    }
  const groups = cluster([...kept, ...added]);
  const previousEvent = new Map(previous.map((event) => [event.id, event]));
  const taken = new Set<string>();
  const ids = groups.map((group) => {
    for (const member of group.members) {
      const id = previousId.get(sourceKeyOf(member));
      if (id !== undefined && !taken.has(id)) {
        taken.add(id);
        return id;
      }
    }
    return undefined;
  });
  return groups
    .map((group, at) => {
      let id = ids[at];
      for (let salt = 0; id === undefined; salt += 1) {
        const candidate = freshId(group.members[0] as MergeSource, salt);
        if (!taken.has(candidate)) id = candidate;
      }
      taken.add(id);
      const made = eventOf(group, id);
      // The same sources under the same id: the event as it was, the same object (callers tell
      // unchanged events apart by identity and write nothing for them).
      const before = previousEvent.get(id);
      return before && sameSources(before.sources, made.sources) ? before : made;
    })
    .sort(byDate);
}

function sameSources(a: readonly MergeSource[], b: readonly MergeSource[]): boolean {
  return a.length === b.length && a.every((source, at) => source === b[at]);
}
