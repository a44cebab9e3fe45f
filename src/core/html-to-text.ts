import { Parser } from 'htmlparser2';

export interface HtmlDocument {
  /** The visible text, paragraphs separated by blank lines. Source offsets point into it. */
  readonly text: string;
  readonly title?: string;
  /** `article:published_time`, `<time datetime>` or similar, as written. */
  readonly published?: string;
  readonly url?: string;
}

// Content that is not the article: code, styling and page furniture.
const SKIPPED = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'svg',
  'iframe',
  'nav',
  'header',
  'footer',
  'aside',
  'form',
  'button',
  'select',
  'head',
]);
const BLOCK = new Set([
  'p',
  'div',
  'section',
  'article',
  'main',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'li',
  'ul',
  'ol',
  'blockquote',
  'pre',
  'table',
  'tr',
  'br',
  'hr',
  'figure',
  'figcaption',
  'dd',
  'dt',
  'time',
]);
const PUBLISHED_META = new Set([
  'article:published_time',
  'og:published_time',
  'datepublished',
  'pubdate',
  'date',
  'dc.date',
]);

/** The last two characters of `before + after`, without joining two long strings to find them. */
const lastTwo = (before: string, after: string): string =>
  after.length >= 2 ? after.slice(-2) : before.slice(-1) + after;

/**
 * The visible text as it is written, in pieces: appending to one string and re-reading it for
 * trailing blanks at every paragraph break was quadratic in a page of many short paragraphs.
 */
class TextWriter {
  private readonly parts: string[] = [];
  private length = 0;
  /** The last two characters written (fewer at the start). */
  private tail = '';

  get isEmpty(): boolean {
    return this.length === 0;
  }

  endsWith(suffix: string): boolean {
    return this.tail.endsWith(suffix);
  }

  write(piece: string): void {
    if (piece === '') return;
    this.parts.push(piece);
    this.length += piece.length;
    this.tail = lastTwo(this.tail, piece);
  }

  /** Drops the spaces and tabs at the end, as `text.replace(/[ \t]+$/, '')` would. */
  trimEndBlanks(): void {
    let last = this.parts.at(-1);
    let changed = false;
    while (last !== undefined) {
      let keep = last.length;
      while (keep > 0 && (last[keep - 1] === ' ' || last[keep - 1] === '\t')) keep -= 1;
      if (keep === last.length) break;
      changed = true;
      this.length -= last.length - keep;
      if (keep > 0) {
        this.parts[this.parts.length - 1] = last.slice(0, keep);
        break;
      }
      this.parts.pop();
      last = this.parts.at(-1);
    }
    if (changed) this.tail = lastTwo(this.parts.at(-2) ?? '', this.parts.at(-1) ?? '');
  }

  toString(): string {
    return this.parts.join('');
  }
}

/**
 * Extracts the readable text and the metadata news pages carry from an HTML document.
 *
 * @example htmlToText('<title>T</title><p>Hello <b>world</b></p>') // { text: 'Hello world', title: 'T' }
 */
export function htmlToText(html: string): HtmlDocument {
  const text = new TextWriter();
  let skipDepth = 0;
  let inTitle = false;
  let inH1 = false;
  let titleText = '';
  let h1Text = '';
  let ogTitle: string | undefined;
  let published: string | undefined;
  let timeDatetime: string | undefined;
  let url: string | undefined;
  const breakParagraph = () => {
    text.trimEndBlanks();
    if (!text.isEmpty && !text.endsWith('\n\n')) text.write(text.endsWith('\n') ? '\n' : '\n\n');
  };
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (name === 'title') inTitle = true;
        if (name === 'meta') {
          const property = (
            attributes.property ??
            attributes.name ??
            attributes.itemprop ??
            ''
          ).toLowerCase();
          const content = attributes.content;
          if (content && PUBLISHED_META.has(property)) published ??= content;
          if (content && property === 'og:title') ogTitle ??= content;
          if (content && property === 'og:url') url ??= content;
        }
        if (name === 'link' && attributes.rel === 'canonical' && attributes.href) url ??= attributes.href;
        if (name === 'time' && attributes.datetime) timeDatetime ??= attributes.datetime;
        if (SKIPPED.has(name)) skipDepth += 1;
        if (name === 'h1' && h1Text === '') inH1 = true;
        if (BLOCK.has(name) && skipDepth === 0) breakParagraph();
      },
      ontext(data) {
        if (inTitle) titleText += data;
        if (skipDepth > 0) return;
        if (inH1) h1Text += data;
        const collapsed = data.replace(/\s+/g, ' ');
        text.write(text.isEmpty || text.endsWith('\n') ? collapsed.trimStart() : collapsed);
      },
      onclosetag(name) {
        if (name === 'title') inTitle = false;
        if (name === 'h1') inH1 = false;
        if (SKIPPED.has(name)) skipDepth = Math.max(0, skipDepth - 1);
        if (BLOCK.has(name) && skipDepth === 0) breakParagraph();
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  const title = [h1Text, ogTitle, titleText]
    .map((candidate) => candidate?.replace(/\s+/g, ' ').trim())
    .find(Boolean);
  const publishedAt = published ?? timeDatetime;
  return {
    text: text.toString().trim(),
    ...(title ? { title } : {}),
    ...(publishedAt ? { published: publishedAt } : {}),
    ...(url ? { url } : {}),
  };
}
