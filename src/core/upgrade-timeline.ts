import { TIMELINE_VERSION, type Timeline } from './timeline.ts';

/** What {@link upgradeTimeline} makes of a stored document: a current timeline, or why not. */
export type UpgradeResult =
  | { readonly timeline: Timeline; readonly upgradedFrom?: number }
  | { readonly problem: string };

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isString = (value: unknown): value is string => typeof value === 'string';
const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

function dateProblem(where: string, date: unknown): string | undefined {
  if (!isObject(date) || !isString(date.start) || !isString(date.end) || !isString(date.value))
    return `${where} has no date with value, start and end`;
  return undefined;
}

/**
 * The first place where `events` is not what merging reads (ids, dates, sources with their
 * article, text, offsets and reading), or undefined. Every event and source is looked at: a
 * document that would crash or mislead the merge halfway is refused whole.
 */
function eventsProblem(events: readonly unknown[]): string | undefined {
  for (const [index, event] of events.entries()) {
    const where = `events[${index}]`;
    if (!isObject(event) || !isString(event.id) || !Array.isArray(event.sources))
      return `${where} is not an event with an id and sources`;
    const problem = dateProblem(where, event.date);
    if (problem) return problem;
    for (const [at, source] of event.sources.entries()) {
      const place = `${where}.sources[${at}]`;
      if (
        !isObject(source) ||
        !isString(source.article) ||
        !isString(source.text) ||
        !isString(source.published) ||
        !isNumber(source.start) ||
        !isNumber(source.prominence) ||
        !isObject(source.date) ||
        !isNumber(source.date.start) ||
        !isObject(source.reading)
      )
        return `${place} is not a source (article, text, published, start, prominence, date, reading)`;
      const reading = dateProblem(`${place}.reading`, source.reading.date);
      if (reading) return reading;
      if (!isString(source.reading.status) || !isNumber(source.reading.confidence))
        return `${place}.reading has no status and confidence`;
    }
  }
  return undefined;
}

function articlesProblem(articles: readonly unknown[]): string | undefined {
  for (const [index, article] of articles.entries()) {
    if (!isObject(article) || !isString(article.key) || !isObject(article.reference))
      return `articles[${index}] is not an article with a key and a reference`;
    if (article.sequencer !== undefined && !isString(article.sequencer))
      return `articles[${index}].sequencer is not a string`;
  }
  return undefined;
}

/**
 * Reads a stored timeline document: a current one as it is, a version 2 one upgraded (it had no
 * notification ledger: nothing removed is remembered yet), anything else refused with the reason.
 * Strict with our own data: a timeline is never guessed at, so a refused one is never overwritten.
 *
 * @example upgradeTimeline({ version: 2, collection: 'nk', updatedAt, articles: [], events: [], summary: { dates: [] } })
 *   // { timeline: { version: 3, …, removed: [] }, upgradedFrom: 2 }
 */
export function upgradeTimeline(document: unknown): UpgradeResult {
  if (!isObject(document)) return { problem: 'not a JSON object' };
  const { version } = document;
  if (version !== TIMELINE_VERSION && version !== 2)
    return {
      problem: `format version ${JSON.stringify(version)}, not ${TIMELINE_VERSION} (or 2, which is upgraded); rebuild it`,
    };
  if (!isString(document.collection) || !isString(document.updatedAt))
    return { problem: 'no collection or updatedAt' };
  if (!Array.isArray(document.articles) || !Array.isArray(document.events))
    return { problem: 'no articles or events list' };
  if (!isObject(document.summary) || !Array.isArray(document.summary.dates)) return { problem: 'no summary' };
  const problem = articlesProblem(document.articles) ?? eventsProblem(document.events);
  if (problem) return { problem };
  if (version === 2) {
    const timeline = { ...document, version: TIMELINE_VERSION, removed: [] } as unknown as Timeline;
    return { timeline, upgradedFrom: 2 };
  }
  const removed = document.removed;
  if (
    !Array.isArray(removed) ||
    !removed.every((entry) => isObject(entry) && isString(entry.key) && isString(entry.sequencer))
  )
    return { problem: 'no removed list of { key, sequencer }' };
  return { timeline: document as unknown as Timeline };
}
