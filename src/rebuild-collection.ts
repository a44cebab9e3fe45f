import {
  type CompactorDependencies,
  compactCollection,
  DocumentCache,
  loadChange,
} from './compact-collection.ts';
import { ArticleFormatError, ConflictError } from './core/errors.ts';
import { readLegacyLedger } from './core/legacy-timeline.ts';
import { REPORTS_PREFIX, reportKeyOf } from './core/report.ts';
import {
  ARTICLES_PREFIX,
  collectionOfKey,
  collectionProblem,
  DEFAULT_COLLECTION,
  TIMELINES_PREFIX,
  timelineKeyOf,
} from './core/route-key.ts';
import {
  type ArticleChange,
  type ArticlePage,
  articlePageKeyOf,
  indexKeyOf,
  STATE_PREFIX,
  type ViewIndex,
  viewOfReports,
} from './core/view.ts';
import type { ArticleSource } from './ports.ts';
import { parseViewDocument, readIndex, viewDocumentKeys } from './read-view.ts';
import { backoffMs, type ReportDependencies, writeReport } from './write-report.ts';

/** The compactor's dependencies (a rebuild compacts), less its cache, and where articles are. */
export interface RebuildDependencies extends Omit<CompactorDependencies, 'cache'> {
  readonly articles: ArticleSource;
}

/** What was there before the rebuild. */
export type PreviousView = 'missing' | 'current' | 'corrupt' | 'legacy';

export interface RebuildSummary {
  readonly collection: string;
  readonly previous: PreviousView;
  /** Why the stored index could not be read, when it could not. */
  readonly problem?: string;
  readonly articles: number;
  readonly events: number;
  readonly rejected: ReadonlyArray<{ readonly key: string; readonly code: string; readonly reason: string }>;
  /** Documents of older views deleted (and the earlier version's timeline, when migrated). */
  readonly swept: number;
  readonly attempts: number;
}

export interface RebuildProgress {
  readonly read: number;
  readonly listed: number;
  readonly key: string;
}

/** The keys of the articles a view lists. */
async function viewArticleKeys(
  deps: RebuildDependencies,
  bucket: string,
  collection: string,
): Promise<string[]> {
  const index = (await readIndex(deps.documents, bucket, collection))?.index;
  const keys: string[] = [];
  for (const page of index?.articles.pages ?? []) {
    const stored = await deps.documents.read(bucket, articlePageKeyOf(collection, page.page, page.hash));
    if (stored !== undefined && stored !== 'not-modified')
      keys.push(
        ...parseViewDocument<ArticlePage>(page.page, stored.body, 'articles').articles.map(
          (entry) => entry.key,
        ),
      );
  }
  return keys;
}

/** The article key a report key mirrors. */
const articleKeyOfReport = (reportKey: string): string =>
  `${ARTICLES_PREFIX}${reportKey.slice(REPORTS_PREFIX.length, -'.json'.length)}`;

/**
 * Rebuilds a collection from the articles in the bucket now: every article read again into its
 * report (a key whose article is gone gets a tombstone); then, when the stored view is readable,
 * it is updated as the compactor updates it, with every key as changed (events keep their ids,
 * only what differs is written); otherwise (no index, an unreadable one, an earlier version's
 * timeline) the view is built from all reports at once and committed with a compare-and-swap on
 * whatever index object is there. Then the documents of older views are deleted, and the earlier
 * version's timeline: the migration. Its notification ledger is kept in the reports, so a late,
 * older notification is still known stale. Unreadable articles are skipped and listed; a lost
 * race with the compactor reads the reports again.
 */
export async function rebuildCollection(
  deps: RebuildDependencies,
  bucket: string,
  collection: string,
  onProgress: (progress: RebuildProgress) => void = () => {},
): Promise<RebuildSummary> {
  const problem = collectionProblem(collection);
  if (problem) throw new ArticleFormatError(collection, 'bad-key', `collection name ${problem}`);
  const started = deps.now();
  const articlePrefix =
    collection === DEFAULT_COLLECTION ? ARTICLES_PREFIX : `${ARTICLES_PREFIX}${collection}/`;
  const reportPrefix = reportKeyOf(articlePrefix)?.slice(0, -'.json'.length) as string;

  // The earlier version's ledger, when its timeline is there and readable.
  const legacyKey = timelineKeyOf(collection);
  const legacy = await deps.documents.read(bucket, legacyKey);
  const sequencers = new Map<string, string>();
  if (legacy !== undefined && legacy !== 'not-modified') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(legacy.body);
    } catch {
      parsed = undefined;
    }
    const ledger = readLegacyLedger(parsed);
    if ('problem' in ledger)
      deps.logger.warn("the earlier version's timeline is unreadable; its ledger is not kept", {
        bucket,
        key: legacyKey,
        problem: ledger.problem,
      });
    else
      for (const entry of [...ledger.articles, ...ledger.removed])
        if (entry.sequencer) sequencers.set(entry.key, entry.sequencer);
  }

  // Every key the collection has an article or a report for (or an old ledger entry).
  const keys = new Set<string>(sequencers.keys());
  for await (const object of deps.articles.listArticles(bucket, articlePrefix))
    if (collectionOfKey(object.key) === collection) keys.add(object.key);
  for await (const object of deps.documents.list(bucket, reportPrefix)) {
    const key = articleKeyOfReport(object.key);
    if (collectionOfKey(key) === collection) keys.add(key);
  }
  const listed = [...keys].filter((key) => collectionOfKey(key) === collection).sort();

  // Reports: rebuilt one by one, compacted once at the end (so no queue is told).
  const reportDeps: ReportDependencies = {
    articles: deps.articles,
    documents: deps.documents,
    queue: { send: async () => {} },
    logger: deps.logger,
    metrics: deps.metrics,
    sleep: deps.sleep,
    maxAttempts: deps.maxAttempts,
  };
  const rejected: Array<{ key: string; code: string; reason: string }> = [];
  for (const [at, key] of listed.entries()) {
    try {
      const sequencer = sequencers.get(key);
      await writeReport(reportDeps, bucket, key, sequencer ? { sequencer } : {});
    } catch (error) {
      if (!(error instanceof ArticleFormatError)) throw error;
      rejected.push({ key, code: error.code, reason: error.reason });
    }
    onProgress({ read: at + 1, listed: listed.length, key });
  }

  for (let attempt = 1; ; attempt += 1) {
    let previous: PreviousView = legacy ? 'legacy' : 'missing';
    let corruption: string | undefined;
    let etag: string | undefined;
    try {
      const stored = await readIndex(deps.documents, bucket, collection);
      if (stored) {
        previous = 'current';
        etag = stored.etag;
      }
    } catch (error) {
      previous = 'corrupt';
      corruption = (error as Error).message;
      etag = await deps.documents.etagOf(bucket, indexKeyOf(collection));
    }
    let committed: ViewIndex | undefined;
    if (previous === 'current') {
      // A readable view is updated like any other, with every key as changed: events keep their
      // ids, and only what differs is written.
      await compactCollection(
        { ...deps, cache: new DocumentCache() },
        bucket,
        collection,
        [...new Set([...listed, ...(await viewArticleKeys(deps, bucket, collection))])].sort(),
      );
      committed = (await readIndex(deps.documents, bucket, collection))?.index;
    } else {
      const changes: ArticleChange[] = [];
      for (const key of listed) changes.push(await loadChange(deps, bucket, key));
      const view = viewOfReports(collection, deps.now().toISOString(), changes);
      if (view) {
        for (const write of view.writes) await deps.documents.write(bucket, write.key, write.body);
        try {
          await deps.documents.write(
            bucket,
            indexKeyOf(collection),
            JSON.stringify(view.index),
            etag ? { ifMatch: etag } : { ifNoneMatch: '*' },
          );
        } catch (error) {
          if (!(error instanceof ConflictError) || attempt >= deps.maxAttempts) throw error;
          deps.metrics.count('ConflictsRetried');
          deps.logger.info('the view changed during the rebuild; reading the reports again', {
            bucket,
            collection,
            attempt,
          });
          await deps.sleep(backoffMs(attempt));
          continue;
        }
        committed = view.index;
      } else if (etag) {
        // No article left: the collection has no view.
        await deps.documents.remove(bucket, indexKeyOf(collection));
      }
    }
    const articles = committed?.articles.count ?? 0;
    const events = committed?.months.reduce((sum, entry) => sum + entry.events, 0) ?? 0;
    // Documents of older views: not pointed at by this index, and older than this rebuild (a
    // compaction that committed since wrote newer ones, which stay).
    const live = new Set(committed ? await viewDocumentKeys(deps.documents, bucket, committed) : []);
    let swept = 0;
    for (const prefix of [`${TIMELINES_PREFIX}${collection}/`, `${STATE_PREFIX}${collection}/`])
      for await (const object of deps.documents.list(bucket, prefix)) {
        if (object.key === indexKeyOf(collection) || live.has(object.key)) continue;
        if (object.lastModified && object.lastModified >= started) continue;
        await deps.documents.remove(bucket, object.key);
        swept += 1;
      }
    if (legacy) {
      await deps.documents.remove(bucket, legacyKey);
      swept += 1;
      deps.logger.info("migrated the earlier version's timeline into the view", {
        bucket,
        collection,
        removed: legacyKey,
      });
    }
    return {
      collection,
      previous,
      ...(corruption ? { problem: corruption } : {}),
      articles,
      events,
      rejected,
      swept,
      attempts: attempt,
    };
  }
}
