import { createHash } from 'node:crypto';
import type { DatedEvent } from '../../src/core/events.ts';
import { type ArticleReport, EXTRACTOR_VERSION, REPORT_VERSION } from '../../src/core/report.ts';
import {
  type ArticleChange,
  runCompaction,
  timelineOfDocuments,
  type ViewIndex,
  type WholeTimeline,
} from '../../src/core/view.ts';

export const UPDATED_AT = '2018-11-09T00:00:00.000Z';

/** The report of an article with these events (a tombstone when `events` is undefined). */
export function reportWith(collection: string, key: string, events?: readonly DatedEvent[]): ArticleReport {
  return {
    version: REPORT_VERSION,
    collection,
    key,
    extractor: EXTRACTOR_VERSION,
    ...(events
      ? {
          article: {
            format: 'text',
            encoding: 'utf-8',
            reference: {
              date: '2018-11-08',
              timezone: 'America/New_York',
              source: 'object-metadata' as const,
            },
          },
        }
      : {}),
    events: events ?? [],
  };
}

/** A change as the compactor reads it: the report with an ETag of its content, as S3 gives one. */
export function changeOf(report: ArticleReport): ArticleChange {
  const etag = `"${createHash('md5').update(JSON.stringify(report)).digest('hex')}"`;
  return { key: report.key, report, reportEtag: etag };
}

/**
 * The compactor's loop over the pure core, on documents kept in memory: what compactCollection
 * does with S3, without the I/O. Lets the merge laws run thousands of updates.
 */
export class MemoryView {
  readonly documents = new Map<string, string>();
  readonly #parsed = new Map<string, unknown>();
  index: ViewIndex | undefined;
  readonly collection: string;

  constructor(collection: string) {
    this.collection = collection;
  }

  apply(changes: readonly ArticleChange[]): 'changed' | 'unchanged' {
    // The same object for a document read twice, as the compactor's cache gives it: the merge
    // tells unchanged events by identity.
    const read = <T>(key: string): T => {
      const body = this.documents.get(key);
      if (body === undefined) throw new Error(`missing document ${key}`);
      if (!this.#parsed.has(key)) this.#parsed.set(key, JSON.parse(body));
      return this.#parsed.get(key) as T;
    };
    const result = runCompaction(
      {
        collection: this.collection,
        updatedAt: UPDATED_AT,
        ...(this.index ? { index: this.index } : {}),
        changes,
      },
      (document) => read(document.key),
    );
    if (result.kind === 'unchanged') return 'unchanged';
    for (const write of result.writes) {
      if (this.documents.has(write.key))
        throw new Error(`${write.key} written twice: an unchanged document was rewritten`);
      this.documents.set(write.key, write.body);
      this.#parsed.set(write.key, write.document);
    }
    for (const key of result.replaced) {
      this.documents.delete(key);
      this.#parsed.delete(key);
    }
    this.index = result.index;
    this.written += result.writes.length;
    return 'changed';
  }

  /** Documents written so far. */
  written = 0;

  /** The whole view, or undefined before the first change. */
  timeline(): WholeTimeline | undefined {
    if (!this.index) return undefined;
    return timelineOfDocuments(this.index, (key) => this.documents.get(key));
  }
}
