/**
 * What the view needs of a timeline written by an earlier version (format 2 or 3, one
 * `timelines/<collection>.json` holding everything): its notification ledger, so that a
 * migrated collection still knows which notifications are stale. Its events are not read: the
 * migration reads every article again.
 */
export interface LegacyLedger {
  readonly version: 2 | 3;
  /** Articles with the sequencer of the latest notification applied, when it had one. */
  readonly articles: ReadonlyArray<{ readonly key: string; readonly sequencer?: string }>;
  /** Deleted articles with the sequencer of their delete (format 3 only). */
  readonly removed: ReadonlyArray<{ readonly key: string; readonly sequencer: string }>;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The ledger of an earlier version's timeline, or why the document is not one.
 *
 * @example readLegacyLedger({ version: 3, articles: [{ key: 'articles/nk/a.txt', sequencer: '0A' }], removed: [] }).articles.length // 1
 */
export function readLegacyLedger(document: unknown): LegacyLedger | { readonly problem: string } {
  if (!isObject(document)) return { problem: 'not a JSON object' };
  const { version, articles, removed = [] } = document;
  if (version !== 2 && version !== 3)
    return { problem: `format version ${JSON.stringify(version)}, not 2 or 3` };
  if (!Array.isArray(articles)) return { problem: 'no articles list' };
  const ledger: Array<{ key: string; sequencer?: string }> = [];
  for (const [at, article] of articles.entries()) {
    if (!isObject(article) || typeof article.key !== 'string')
      return { problem: `articles[${at}] has no key` };
    ledger.push({
      key: article.key,
      ...(typeof article.sequencer === 'string' ? { sequencer: article.sequencer } : {}),
    });
  }
  if (
    !Array.isArray(removed) ||
    !removed.every(
      (entry) => isObject(entry) && typeof entry.key === 'string' && typeof entry.sequencer === 'string',
    )
  )
    return { problem: 'removed is not a list of { key, sequencer }' };
  return { version, articles: ledger, removed: removed as LegacyLedger['removed'] };
}
