import { decodeText } from './decode-text.ts';
import { ArticleFormatError } from './errors.ts';
import { htmlToText } from './html-to-text.ts';
import { type Sentence, splitSentences } from './sentences.ts';
import { type CivilDate, formatDate } from './temporal/calendar.ts';
import { monthNumberOf } from './temporal/lexicon.ts';
import {
  civilDateIn,
  isKnownTimezone,
  parsePublicationDate,
  type ReferenceDate,
} from './temporal/reference.ts';

export type ArticleFormat = 'text' | 'markdown' | 'html' | 'json';

/** Where an article's reference date came from, in order of precedence. */
export type ReferenceSource = 'object-metadata' | 'document' | 'dateline' | 'last-modified' | 'fallback';

/**
 * An article ready for tagging: its plain text (source offsets point into it) split into
 * sentences, title and the reference date relative dates resolve against, with where that date
 * came from.
 */
export interface Article {
  readonly key: string;
  readonly format: ArticleFormat;
  readonly encoding: string;
  readonly title?: string;
  readonly url?: string;
  readonly text: string;
  /**
   * The sentences of `text`, split once for every stage after (the headline finder, the tagger,
   * the events): {@link splitSentences}, offsets into `text`.
   */
  readonly sentences: readonly Sentence[];
  readonly reference: ReferenceDate & { readonly source: ReferenceSource };
  /** Metadata that was present but unusable (a malformed date, an unknown zone), for the log. */
  readonly warnings: readonly string[];
}

export interface RawArticle {
  /** The object key or file name: names the article in errors and in the timeline. */
  readonly key: string;
  readonly bytes: Uint8Array;
  readonly contentType?: string;
  /** Object metadata (`x-amz-meta-published`, `x-amz-meta-timezone`). */
  readonly metadata?: Readonly<Record<string, string>>;
}

export interface ReferenceOptions {
  /** Used when neither metadata nor the document gives a zone. Default `UTC`. */
  readonly defaultTimezone?: string;
  /** The last resort: an object's LastModified instant, or a date given on the command line. */
  readonly fallback?:
    | { readonly source: 'last-modified'; readonly instant: Date }
    | { readonly source: 'fallback'; readonly date: CivilDate };
}

const EXTENSION_FORMATS: Record<string, ArticleFormat> = {
  txt: 'text',
  text: 'text',
  md: 'markdown',
  markdown: 'markdown',
  html: 'html',
  htm: 'html',
  json: 'json',
};

function formatOf(key: string, contentType: string | undefined, text: string): ArticleFormat {
  const extension = /\.([A-Za-z]+)$/.exec(key)?.[1]?.toLowerCase();
  const byExtension = extension ? EXTENSION_FORMATS[extension] : undefined;
  if (byExtension) return byExtension;
  if (contentType?.includes('html')) return 'html';
  if (contentType?.includes('json')) return 'json';
  if (contentType?.includes('markdown')) return 'markdown';
  const start = text.trimStart();
  if (start.startsWith('{')) return 'json';
  if (/^<(?:!doctype|html|head|body|article|p|div)\b/i.test(start)) return 'html';
  return 'text';
}

interface Body {
  readonly text: string;
  /** Its sentences, when reading the body needed them already. */
  readonly sentences?: readonly Sentence[];
  readonly title?: string;
  readonly published?: string;
  readonly timezone?: string;
  readonly url?: string;
}

function readJsonArticle(key: string, source: string): Body {
  let parsed: unknown;
  try {
    parsed = JSON.parse(source);
  } catch (error) {
    throw new ArticleFormatError(key, 'malformed-json', `malformed JSON: ${(error as Error).message}`, {
      cause: error,
    });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ArticleFormatError(
      key,
      'malformed-json',
      'JSON article must be an object with a "body" or "text" string',
    );
  }
  const fields = parsed as Record<string, unknown>;
  const text = [fields.body, fields.text, fields.content].find((value) => typeof value === 'string');
  if (typeof text !== 'string' || text.trim() === '') {
    throw new ArticleFormatError(key, 'no-text', 'JSON article has no "body" or "text" string');
  }
  const stringField = (...names: string[]): string | undefined =>
    names
      .map((name) => fields[name])
      .find((value): value is string => typeof value === 'string' && value.trim() !== '');
  const title = stringField('title', 'headline');
  const published = stringField('published', 'publishedAt', 'published_at', 'date');
  const timezone = stringField('timezone');
  const url = stringField('url');
  return {
    text,
    ...(title ? { title } : {}),
    ...(published ? { published } : {}),
    ...(timezone ? { timezone } : {}),
    ...(url ? { url } : {}),
  };
}

// Page furniture of scraped news sites: never a title, never an event.
const BOILERPLATE_RE =
  /^(?:posted|updated|and last updated|last updated|actions|share|share this|advertisement|related|read more|comments?|menu|search|home)$/i;
// "News and HeadlinesNational News": navigation labels glued together by a scraper.
const GLUED_WORDS_RE = /[a-z]{3,}[A-Z][a-z]/;

/**
 * The headline of a plain-text article from its sentences: among the heading lines before the
 * first paragraph, the longest that is not page furniture.
 */
function headlineOf(sentences: readonly Sentence[]): string | undefined {
  const candidates: string[] = [];
  for (const sentence of sentences) {
    if (!sentence.isHeading) break;
    const line = sentence.text.replace(/^#+\s*/, '');
    const words = line.split(/\s+/).length;
    if (
      BOILERPLATE_RE.test(line) ||
      GLUED_WORDS_RE.test(line) ||
      words < 3 ||
      !/^[\p{Lu}\p{N}'"‘“]/u.test(line)
    )
      continue;
    candidates.push(line);
  }
  return candidates.sort((a, b) => b.length - a.length)[0];
}

// "WASHINGTON, Nov. 8, 2018 —", "Nov 8, 2018 (Reuters) -", "PARIS, 8 November 2018 –"
const DATELINE_RE =
  /^[^\n]{0,60}?\b(?:(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(\d{1,2}),?\s+(\d{4})|(\d{1,2})\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(\d{4}))\s*(?:\([^)\n]{1,30}\)\s*)?[-—–:]/im;

/** A full date in the dateline at the head of the text, if there is one. */
function datelineDate(text: string): CivilDate | undefined {
  const match = DATELINE_RE.exec(text.slice(0, 500));
  if (!match) return undefined;
  const monthName = (match[1] ?? match[5] ?? '').toLowerCase().slice(0, 3);
  const date = {
    year: Number(match[3] ?? match[6]),
    month: monthNumberOf(monthName),
    day: Number(match[2] ?? match[4]),
  };
  return parsePublicationDate(formatDate(date), 'UTC');
}

function readBody(raw: RawArticle, format: ArticleFormat, source: string): Body {
  if (format === 'json') return readJsonArticle(raw.key, source);
  if (format === 'html') {
    const document = htmlToText(source);
    if (document.text === '')
      throw new ArticleFormatError(raw.key, 'no-text', 'HTML document has no visible text');
    return document;
  }
  return plainTextBody(source);
}

/** A plain-text (or markdown) body: the text as it is, its sentences, and its headline if any. */
function plainTextBody(text: string): Body & { readonly sentences: readonly Sentence[] } {
  const sentences = splitSentences(text);
  const title = headlineOf(sentences);
  return { text, sentences, ...(title ? { title } : {}) };
}

/**
 * An article of plain text already decoded, with its reference date known: what `parseArticle`
 * reads from the bytes of a `.txt` file, for callers that hold text rather than bytes (the
 * Timeline17 evaluation, tests). UTF-8, no warnings.
 *
 * @example
 * articleOfText('t17/a.txt', 'Talks stall in Pyongyang\n\nKim spoke Monday.', { date: { year: 2018, month: 11, day: 8 }, timezone: 'UTC', source: 'fallback' })
 * // { key: 't17/a.txt', format: 'text', title: 'Talks stall in Pyongyang', sentences: [{ text: 'Talks stall in Pyongyang', start: 0, end: 24, isHeading: true }, …], … }
 */
export function articleOfText(key: string, text: string, reference: Article['reference']): Article {
  const body = plainTextBody(text);
  return {
    key,
    format: 'text',
    encoding: 'utf-8',
    ...(body.title ? { title: body.title } : {}),
    text,
    sentences: body.sentences,
    reference,
    warnings: [],
  };
}

/**
 * Reads an article from its bytes: decodes, extracts text and title by format, and settles the
 * reference date from, in order: object metadata `published` (+ `timezone`), the document's own
 * metadata, a dateline in the text, then the fallback (LastModified or a given date).
 * Throws {@link ArticleFormatError} when the article cannot be read or has no date at all.
 *
 * @example
 * parseArticle({ key: 'articles/a.txt', bytes, metadata: { published: '2018-11-08', timezone: 'America/New_York' } })
 * // { format: 'text', reference: { date: { year: 2018, month: 11, day: 8 }, timezone: 'America/New_York', source: 'object-metadata' }, … }
 */
export function parseArticle(raw: RawArticle, options: ReferenceOptions = {}): Article {
  const decoded = decodeText(raw.key, raw.bytes);
  const format = formatOf(raw.key, raw.contentType, decoded.text);
  const body = readBody(raw, format, decoded.text);
  const warnings: string[] = [];
  // Said, not refused: old newsroom systems still export Windows-1252, and every byte decodes.
  if (decoded.encoding === 'windows-1252') warnings.push('not valid UTF-8; read as Windows-1252');

  const metadataZone = raw.metadata?.timezone?.trim();
  const candidateZone = metadataZone || body.timezone || options.defaultTimezone || 'UTC';
  let timezone = candidateZone;
  if (!isKnownTimezone(candidateZone)) {
    warnings.push(`unknown timezone ${JSON.stringify(candidateZone)}; using UTC`);
    timezone = 'UTC';
  }

  const dated = (date: CivilDate, source: ReferenceSource): Article['reference'] => ({
    date,
    timezone,
    source,
  });
  let reference: Article['reference'] | undefined;
  const metadataPublished = raw.metadata?.published;
  if (metadataPublished !== undefined) {
    const date = parsePublicationDate(metadataPublished, timezone);
    if (date) reference = dated(date, 'object-metadata');
    else
      warnings.push(`object metadata published=${JSON.stringify(metadataPublished)} is not a date; ignored`);
  }
  if (!reference && body.published !== undefined) {
    const date = parsePublicationDate(body.published, timezone);
    if (date) reference = dated(date, 'document');
    else warnings.push(`document date ${JSON.stringify(body.published)} is not a date; ignored`);
  }
  if (!reference) {
    const date = datelineDate(body.text);
    if (date) reference = dated(date, 'dateline');
  }
  if (!reference && options.fallback) {
    const fallback = options.fallback;
    reference =
      fallback.source === 'last-modified'
        ? dated(civilDateIn(fallback.instant, timezone), 'last-modified')
        : dated(fallback.date, 'fallback');
  }
  if (!reference) {
    throw new ArticleFormatError(
      raw.key,
      'no-date',
      'no publication date: give one as metadata "published" or in the document',
    );
  }
  return {
    key: raw.key,
    format,
    encoding: decoded.encoding,
    ...(body.title ? { title: body.title } : {}),
    ...(body.url ? { url: body.url } : {}),
    text: body.text,
    // HTML and JSON bodies are split here, once the date is settled: one refused for want of a
    // date is never split.
    sentences: body.sentences ?? splitSentences(body.text),
    reference,
    warnings,
  };
}
