import { describe, expect, it } from 'vitest';
import {
  type Article,
  articleOfText,
  parseArticle,
  type RawArticle,
  type ReferenceOptions,
} from '../../src/core/article.ts';
import { ArticleFormatError } from '../../src/core/errors.ts';
import { splitSentences } from '../../src/core/sentences.ts';
import { formatDate } from '../../src/core/temporal/calendar.ts';
import { parseFixture, SAMPLE_METADATA } from '../support/fixtures.ts';

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const NOV_8 = { year: 2018, month: 11, day: 8 };
const PUBLISHED = { published: '2018-11-08' };

/** Parses `text` under `key`; metadata defaults to a publication date so that format tests need none. */
function parse(
  key: string,
  text: string,
  extra: Partial<Omit<RawArticle, 'key' | 'bytes'>> = { metadata: PUBLISHED },
  options?: ReferenceOptions,
): Article {
  return parseArticle({ key, bytes: utf8(text), ...extra }, options);
}

function formatErrorOf(read: () => unknown): ArticleFormatError {
  try {
    read();
  } catch (error) {
    expect(error).toBeInstanceOf(ArticleFormatError);
    return error as ArticleFormatError;
  }
  throw new Error('expected an ArticleFormatError, nothing was thrown');
}

const HTML_PAGE = `<!doctype html>
<html>
<head>
  <title>Talks stall | Example News</title>
  <meta property="article:published_time" content="2018-11-08T14:05:00-05:00">
  <style>p { color: red; }</style>
  <script>var published = "Monday, November 5";</script>
</head>
<body>
  <nav><a href="/">Home</a> <a href="/world">World News</a></nav>
  <article>
    <h1>North Korea &amp; the US: talks   stall</h1>
    <p>Officials met <b>Monday</b>&nbsp;in New York &mdash; a &quot;standoff&quot;.</p>
    <p>KCNA said November 2 that it would not move.</p>
  </article>
  <footer>Copyright 2018</footer>
</body>
</html>`;

describe('parseArticle', () => {
  describe('format', () => {
    it.each([
      { key: 'articles/a.txt', text: 'Officials met Monday.', format: 'text' },
      { key: 'articles/a.TEXT', text: 'Officials met Monday.', format: 'text' },
      { key: 'articles/a.md', text: '# Talks stall\n\nOfficials met Monday.', format: 'markdown' },
      { key: 'articles/a.markdown', text: 'Officials met Monday.', format: 'markdown' },
      { key: 'articles/a.html', text: '<p>Officials met Monday.</p>', format: 'html' },
      { key: 'articles/a.htm', text: '<p>Officials met Monday.</p>', format: 'html' },
      { key: 'articles/a.json', text: '{"body": "Officials met Monday."}', format: 'json' },
      // The extension wins over the content: a .txt that starts with "<p>" is text.
      { key: 'articles/a.txt', text: '<p>Officials met Monday.</p>', format: 'text' },
    ])('is $format for $key', ({ key, text, format }) => {
      expect(parse(key, text).format).toBe(format);
    });

    it.each([
      { name: 'a JSON object', text: '  {"body": "Officials met Monday."}', format: 'json' },
      { name: 'a doctype', text: '<!DOCTYPE html><p>Officials met Monday.</p>', format: 'html' },
      {
        name: 'an <html> tag',
        text: '\n<html><body><p>Officials met Monday.</p></body></html>',
        format: 'html',
      },
      { name: 'a <p> tag', text: '<p>Officials met Monday.</p>', format: 'html' },
      { name: 'plain sentences', text: 'Officials met Monday.', format: 'text' },
      { name: 'a line that starts with "<" but is no tag', text: '<3 Officials met Monday.', format: 'text' },
    ])('is sniffed as $format without an extension: $name', ({ text, format }) => {
      expect(parse('articles/no-extension', text).format).toBe(format);
    });

    it.each([
      { contentType: 'text/html; charset=utf-8', format: 'html' },
      { contentType: 'application/json', format: 'json' },
      { contentType: 'text/markdown', format: 'markdown' },
    ])('is $format for Content-Type $contentType', ({ contentType, format }) => {
      const text = format === 'json' ? '{"body": "Officials met Monday."}' : 'Officials met Monday.';
      expect(parse('articles/no-extension', text, { contentType, metadata: PUBLISHED }).format).toBe(format);
    });
  });

  describe('plain text', () => {
    it('takes the headline of the scraped full article, not its navigation lines', () => {
      const article = parseFixture('nk-talks-full.txt');
      expect(article.title).toBe("North Korea 'really angry' at US as tensions rise");
      expect(article.format).toBe('text');
      expect(article.encoding).toBe('utf-8');
    });

    it('takes the first line of the short article as its headline', () => {
      expect(parseFixture('nk-talks-short.txt').title).toBe(
        'North Korea ‘really angry’ at US as tensions rise, sources say',
      );
    });

    it('keeps the text as it is, so that offsets point into the original', () => {
      const text = 'Talks stall in Pyongyang\n\nOfficials met Monday.\n';
      expect(parse('articles/a.txt', text).text).toBe(text);
    });

    it('has no title when the article starts with a paragraph', () => {
      expect(parse('articles/a.txt', 'Officials met Monday. They talked.').title).toBeUndefined();
    });

    it('takes a markdown "# Title" without its hashes', () => {
      const article = parse('articles/a.md', '# Talks stall in Pyongyang\n\nOfficials met Monday.\n');
      expect(article.title).toBe('Talks stall in Pyongyang');
      expect(article.text).toBe('# Talks stall in Pyongyang\n\nOfficials met Monday.\n');
    });
  });

  describe('HTML', () => {
    const article = parseArticle(
      { key: 'articles/a.html', bytes: utf8(HTML_PAGE) },
      { defaultTimezone: 'America/New_York' },
    );

    it('takes the h1 as title, entities decoded and spaces collapsed', () => {
      expect(article.title).toBe('North Korea & the US: talks stall');
    });

    it('keeps the visible text only, entities decoded, paragraphs separated by a blank line', () => {
      expect(article.text).toBe(
        [
          'North Korea & the US: talks stall',
          // &nbsp; is white space like any other: collapsed to one space.
          'Officials met Monday in New York — a "standoff".',
          'KCNA said November 2 that it would not move.',
        ].join('\n\n'),
      );
    });

    it('drops script, style, nav and footer', () => {
      expect(article.text).not.toMatch(/published|color|Home|World News|Copyright/);
    });

    it('dates the article by article:published_time, in the article zone', () => {
      expect(article.reference).toEqual({ date: NOV_8, timezone: 'America/New_York', source: 'document' });
    });

    it('falls back on <title> when there is no h1', () => {
      const page =
        '<html><head><title>Talks stall</title></head><body><p>Officials met Monday.</p></body></html>';
      expect(parse('articles/a.html', page).title).toBe('Talks stall');
    });

    it('dates the article by <time datetime> when there is no meta date', () => {
      const page = '<p>Posted <time datetime="2018-11-07">yesterday</time></p><p>Officials met Monday.</p>';
      const dated = parse('articles/a.html', page, {});
      expect(dated.reference).toEqual({
        date: { year: 2018, month: 11, day: 7 },
        timezone: 'UTC',
        source: 'document',
      });
    });

    it('refuses a page without visible text', () => {
      const error = formatErrorOf(() =>
        parse('articles/a.html', '<html><head><title>T</title></head></html>'),
      );
      expect(error.key).toBe('articles/a.html');
    });
  });

  describe('JSON', () => {
    it('reads title, body, publishedAt, timezone and url', () => {
      const article = parse(
        'articles/a.json',
        JSON.stringify({
          title: 'Talks stall',
          body: 'Officials met Monday.',
          publishedAt: '2018-11-08T14:05:00-05:00',
          timezone: 'America/New_York',
          url: 'https://example.com/talks',
        }),
        {},
      );
      expect(article).toMatchObject({
        format: 'json',
        title: 'Talks stall',
        text: 'Officials met Monday.',
        url: 'https://example.com/talks',
        reference: { date: NOV_8, timezone: 'America/New_York', source: 'document' },
      });
    });

    it.each([
      { name: 'malformed JSON', text: '{"body": "Officials met', reason: /malformed JSON/ },
      { name: 'an array', text: '["Officials met Monday."]', reason: /must be an object/ },
      { name: 'a string', text: '"Officials met Monday."', reason: /must be an object/ },
      { name: 'null', text: 'null', reason: /must be an object/ },
      { name: 'an object without a body', text: '{"title": "Talks stall"}', reason: /no "body"/ },
      { name: 'an empty body', text: '{"body": "  "}', reason: /no "body"/ },
      {
        name: 'a body that is not a string',
        text: '{"body": ["Officials met Monday."]}',
        reason: /no "body"/,
      },
    ])('refuses $name, naming the key', ({ text, reason }) => {
      const error = formatErrorOf(() => parse('articles/bad.json', text));
      expect(error.key).toBe('articles/bad.json');
      expect(error.message).toContain('"articles/bad.json"');
      expect(error.reason).toMatch(reason);
    });

    it('keeps the parser error as the cause of malformed JSON', () => {
      expect(formatErrorOf(() => parse('articles/bad.json', '{')).cause).toBeInstanceOf(SyntaxError);
    });
  });

  describe('reference date', () => {
    const DATELINE = 'WASHINGTON, Nov. 6, 2018 — Officials met Monday.';
    const jsonWith = (published: string, body = DATELINE): string => JSON.stringify({ body, published });
    const fallback: ReferenceOptions = {
      fallback: { source: 'fallback', date: { year: 2018, month: 11, day: 1 } },
    };

    it.each<{
      name: string;
      key: string;
      text: string;
      metadata: Record<string, string>;
      expected: { date: string; source: string };
    }>([
      {
        name: 'object metadata over the document',
        key: 'articles/a.json',
        text: jsonWith('2018-11-07'),
        metadata: { published: '2018-11-08' },
        expected: { date: '2018-11-08', source: 'object-metadata' },
      },
      {
        name: 'the document over a dateline',
        key: 'articles/a.json',
        text: jsonWith('2018-11-07'),
        metadata: {},
        expected: { date: '2018-11-07', source: 'document' },
      },
      {
        name: 'a dateline over the fallback',
        key: 'articles/a.txt',
        text: DATELINE,
        metadata: {},
        expected: { date: '2018-11-06', source: 'dateline' },
      },
      {
        name: 'the fallback when nothing else dates the article',
        key: 'articles/a.txt',
        text: 'Officials met Monday.',
        metadata: {},
        expected: { date: '2018-11-01', source: 'fallback' },
      },
    ])('prefers $name', ({ key, text, metadata, expected }) => {
      const { reference } = parse(key, text, { metadata }, fallback);
      expect({ date: formatDate(reference.date), source: reference.source }).toEqual(expected);
    });

    it.each([
      { dateline: 'WASHINGTON, Nov. 8, 2018 — Officials met Monday.' },
      { dateline: 'Nov 8, 2018 (Reuters) - Officials met Monday.' },
      { dateline: 'PARIS, 8 November 2018 – Officials met Monday.' },
      { dateline: 'SEOUL, South Korea, November 8, 2018: Officials met Monday.' },
    ])('reads the dateline $dateline', ({ dateline }) => {
      expect(parse('articles/a.txt', dateline, {}).reference).toMatchObject({
        date: NOV_8,
        source: 'dateline',
      });
    });

    it('uses the zone of the metadata with its date', () => {
      const { reference } = parse('articles/a.txt', 'Officials met Monday.', { metadata: SAMPLE_METADATA });
      expect(reference).toEqual({ date: NOV_8, timezone: 'America/New_York', source: 'object-metadata' });
    });

    it.each([
      { published: '2018-11-08T02:00:00Z', timezone: 'America/New_York', expected: '2018-11-07' },
      { published: '2018-11-08T02:00:00+00:00', timezone: 'America/New_York', expected: '2018-11-07' },
      { published: '2018-11-08T02:00:00Z', timezone: 'UTC', expected: '2018-11-08' },
      { published: '2018-11-07T20:00:00-05:00', timezone: 'Asia/Seoul', expected: '2018-11-08' },
      // Without an offset the time is already wall-clock time in the article zone.
      { published: '2018-11-08T02:00:00', timezone: 'America/New_York', expected: '2018-11-08' },
    ])('turns $published into the day in $timezone', ({ published, timezone, expected }) => {
      const { reference } = parse('articles/a.txt', 'Officials met Monday.', {
        metadata: { published, timezone },
      });
      expect(formatDate(reference.date)).toBe(expected);
      expect(reference.timezone).toBe(timezone);
    });

    it('turns the LastModified instant into the day in the article zone', () => {
      const { reference } = parse(
        'articles/a.txt',
        'Officials met Monday.',
        { metadata: { timezone: 'America/New_York' } },
        { fallback: { source: 'last-modified', instant: new Date('2018-11-08T02:00:00Z') } },
      );
      expect(reference).toEqual({
        date: { year: 2018, month: 11, day: 7 },
        timezone: 'America/New_York',
        source: 'last-modified',
      });
    });

    it('warns about a metadata date that is not a date and uses the next source', () => {
      const article = parse('articles/a.json', jsonWith('2018-11-07'), {
        metadata: { published: 'Thursday' },
      });
      expect(article.reference).toMatchObject({
        date: { year: 2018, month: 11, day: 7 },
        source: 'document',
      });
      expect(article.warnings).toEqual([expect.stringMatching(/published="Thursday" is not a date/)]);
    });

    it.each(['2018-02-30', '2018-13-01', '08/11/2018'])(
      'warns about the impossible or foreign date %s',
      (published) => {
        const article = parse('articles/a.txt', DATELINE, { metadata: { published } });
        expect(article.reference.source).toBe('dateline');
        expect(article.warnings).toHaveLength(1);
      },
    );

    it('warns about a document date that is not a date and uses the dateline', () => {
      const article = parse('articles/a.json', jsonWith('last Tuesday'), {});
      expect(article.reference).toMatchObject({
        date: { year: 2018, month: 11, day: 6 },
        source: 'dateline',
      });
      expect(article.warnings).toEqual([expect.stringMatching(/document date "last Tuesday"/)]);
    });

    it('warns about an unknown zone and uses UTC', () => {
      const article = parse('articles/a.txt', 'Officials met Monday.', {
        metadata: { published: '2018-11-08T02:00:00Z', timezone: 'Mars/Olympus_Mons' },
      });
      expect(article.reference).toEqual({ date: NOV_8, timezone: 'UTC', source: 'object-metadata' });
      expect(article.warnings).toEqual([expect.stringMatching(/unknown timezone "Mars\/Olympus_Mons"/)]);
    });

    it('uses the default zone when neither metadata nor document give one', () => {
      const { reference } = parse(
        'articles/a.txt',
        'Officials met Monday.',
        { metadata: { published: '2018-11-08T02:00:00Z' } },
        { defaultTimezone: 'America/New_York' },
      );
      expect(reference).toMatchObject({
        date: { year: 2018, month: 11, day: 7 },
        timezone: 'America/New_York',
      });
    });

    it('refuses an article with no date at all and no fallback, naming the key', () => {
      const error = formatErrorOf(() => parse('articles/undated.txt', 'Officials met Monday.', {}));
      expect(error.key).toBe('articles/undated.txt');
      expect(error.reason).toMatch(/no publication date/);
    });
  });

  it('passes decoding errors on, naming the key', () => {
    const error = formatErrorOf(() => parseArticle({ key: 'articles/empty.txt', bytes: new Uint8Array() }));
    expect(error.key).toBe('articles/empty.txt');
  });

  describe('sentences', () => {
    it.each([
      { key: 'articles/a.txt', text: 'Talks stall in Pyongyang\n\nOfficials met Monday. They left.' },
      { key: 'articles/a.md', text: '# Talks stall in Pyongyang\n\nOfficials met Monday. They left.' },
      { key: 'articles/a.html', text: HTML_PAGE },
      {
        key: 'articles/a.json',
        text: '{"title": "Talks stall", "body": "Officials met Monday. They left."}',
      },
      { key: 'articles/furniture.txt', text: 'Posted\nShare this\n' },
    ])('carries the sentences of its text for $key', ({ key, text }) => {
      const article = parse(key, text);
      expect(article.sentences).toEqual(splitSentences(article.text));
      for (const sentence of article.sentences)
        expect(article.text.slice(sentence.start, sentence.end)).toBe(sentence.text);
    });

    it('finds the headline of a plain text among the sentences it carries', () => {
      const article = parse('articles/a.txt', 'Talks stall in Pyongyang\n\nOfficials met Monday.');
      expect(article.sentences[0]).toMatchObject({ text: article.title, isHeading: true });
    });
  });
});

describe('articleOfText', () => {
  const reference = { date: NOV_8, timezone: 'UTC', source: 'fallback' } as const;

  it('is the article parseArticle reads from the same text as UTF-8 bytes', () => {
    const text = 'Talks stall in Pyongyang\n\nOfficials met Monday. They left.';
    const parsed = parseArticle(
      { key: 'articles/a.txt', bytes: utf8(text) },
      { fallback: { source: 'fallback', date: NOV_8 } },
    );
    expect(articleOfText('articles/a.txt', text, reference)).toEqual(parsed);
  });

  it('has no title when the text starts with a paragraph', () => {
    const article = articleOfText('t17/a.txt', 'Officials met Monday. They left.', reference);
    expect(article.title).toBeUndefined();
    expect(article.sentences.map((sentence) => sentence.text)).toEqual([
      'Officials met Monday.',
      'They left.',
    ]);
  });
});
