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

/** S3 keys are at most 1,024 bytes of UTF-8 (AWS docs, "Naming Amazon S3 objects"). */
const MAX_KEY_BYTES = 1024;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it finds.
const CONTROL_CHARACTER_RE = /[\u0000-\u001f\u007f]/;

/**
 * Why `collection` cannot name a timeline, or undefined when it can. `.` and `..` would make
 * `timelines/...json` a path that tools and S3 consoles resolve differently from the key; an
 * empty name comes from `articles//x`; control characters and over-long names make keys that
 * S3 refuses or that no one can type.
 *
 * @example collectionProblem('..') // 'is "." or "..", not a name'
 * @example collectionProblem('north-korea') // undefined
 */
export function collectionProblem(collection: string): string | undefined {
  if (collection === '') return 'is empty (a key like articles//name)';
  if (collection === '.' || collection === '..') return 'is "." or "..", not a name';
  // A key's collection is its first folder; a name with a slash would nest one collection's view
  // inside another's (timelines/a/ holds timelines/a/b/).
  if (collection.includes('/')) return 'contains "/"';
  if (CONTROL_CHARACTER_RE.test(collection)) return 'contains control characters';
  if (new TextEncoder().encode(timelineKeyOf(collection)).length > MAX_KEY_BYTES)
    return `makes a timeline key over ${MAX_KEY_BYTES} bytes`;
  return undefined;
}
