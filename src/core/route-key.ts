/** Articles arrive under this prefix; the function reacts to nothing else (see README, "Routing"). */
export const ARTICLES_PREFIX = 'articles/';
/** Timelines are written under this prefix, outside the notification filter. */
export const TIMELINES_PREFIX = 'timelines/';
/** Collection of articles uploaded directly under `articles/`. */
export const DEFAULT_COLLECTION = 'default';

/**
 * The collection an object key belongs to: `articles/<collection>/<name>` → `<collection>`,
 * `articles/<name>` → `default`. Keys outside `articles/` and folder markers (ending in `/`)
 * are not articles: undefined.
 *
 * @example collectionOfKey('articles/north-korea/nk talks.txt') // 'north-korea'
 * @example collectionOfKey('timelines/north-korea.json') // undefined
 */
export function collectionOfKey(key: string): string | undefined {
  if (!key.startsWith(ARTICLES_PREFIX) || key.endsWith('/')) return undefined;
  const rest = key.slice(ARTICLES_PREFIX.length);
  const slash = rest.indexOf('/');
  return slash === -1 ? DEFAULT_COLLECTION : rest.slice(0, slash);
}

/** @example timelineKeyOf('north-korea') // 'timelines/north-korea.json' */
export function timelineKeyOf(collection: string): string {
  return `${TIMELINES_PREFIX}${collection}.json`;
}
