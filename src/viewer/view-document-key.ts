import { collectionProblem, TIMELINES_PREFIX } from '../core/route-key.ts';

/** The kinds of immutable document a view's index points at, by the folder they live in. */
const KIND_OF_FOLDER = { months: 'month', shards: 'shard', articles: 'articles' } as const;

export type ViewDocumentKind = (typeof KIND_OF_FOLDER)[keyof typeof KIND_OF_FOLDER];

const DAY = '\\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\\d|3[01])';
const HASH = '[0-9a-f]{12}';
/**
 * The names each folder's documents have (src/core/view.ts: monthTableKeyOf, shardKeyOf,
 * articlePageKeyOf), and nothing else: a month, a partition with its chunk, a page, each with
 * its content hash.
 */
const NAME_RE: Readonly<Record<keyof typeof KIND_OF_FOLDER, RegExp>> = {
  months: new RegExp(`^\\d{4}-(?:0[1-9]|1[0-2])\\.${HASH}\\.json$`),
  shards: new RegExp(`^${DAY}(?:\\.\\.${DAY})?\\.\\d{1,4}\\.${HASH}\\.json$`),
  articles: new RegExp(`^[0-3][0-9a-f]\\.${HASH}\\.json$`),
};

/**
 * What a key names when it is one of a view's immutable public documents
 * (`timelines/<collection>/{months,shards,articles}/<name>.<hash>.json`), or why it is not. The
 * viewer's server reads nothing else of the bucket: not the index (it has its own route), not the
 * merge's state, the reports or the articles.
 *
 * @example parseViewDocumentKey('timelines/north-korea/shards/2018-11-02.0.710bfcad2542.json') // { collection: 'north-korea', kind: 'shard' }
 * @example parseViewDocumentKey('state/north-korea/partitions/2018-11-02.0.710bfcad2542.json') // { problem: 'is not under timelines/' }
 */
export function parseViewDocumentKey(
  key: string,
): { readonly collection: string; readonly kind: ViewDocumentKind } | { readonly problem: string } {
  if (!key.startsWith(TIMELINES_PREFIX)) return { problem: 'is not under timelines/' };
  const parts = key.slice(TIMELINES_PREFIX.length).split('/');
  if (parts.length !== 3) return { problem: 'is not timelines/<collection>/<folder>/<name>' };
  const [collection, folder, name] = parts as [string, string, string];
  const problem = collectionProblem(collection);
  if (problem) return { problem: `names a collection that ${problem}` };
  if (!Object.hasOwn(KIND_OF_FOLDER, folder))
    return { problem: `is in ${JSON.stringify(folder)}, not months/, shards/ or articles/` };
  const known = folder as keyof typeof KIND_OF_FOLDER;
  if (!NAME_RE[known].test(name)) return { problem: `is not the name of a document of ${folder}/` };
  return { collection, kind: KIND_OF_FOLDER[known] };
}
