import { type Article, parseArticle } from './core/article.ts';
import type { StoredObject } from './ports.ts';

/**
 * An article as S3 holds it, parsed: its bytes, content type and metadata, with the object's
 * LastModified as the reference date of last resort. The handler and `rebuild` read articles the
 * same way through this. Throws ArticleFormatError for one that cannot be read.
 */
export function parseStoredArticle(stored: StoredObject): Article {
  return parseArticle(
    {
      key: stored.key,
      bytes: stored.bytes,
      metadata: stored.metadata,
      ...(stored.contentType ? { contentType: stored.contentType } : {}),
    },
    stored.lastModified ? { fallback: { source: 'last-modified', instant: stored.lastModified } } : {},
  );
}
