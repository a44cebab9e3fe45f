import { describe, expect, it } from 'vitest';
import { escapeHtml, httpUrlOf, timelineJsOf } from '../../../src/core/export/timelinejs.ts';
import { eventOf, sourceSaying, timelineOf } from './export-fixtures.ts';

describe('escapeHtml', () => {
  it.each([
    { text: 'Tom & Jerry', expected: 'Tom &amp; Jerry' },
    { text: '<script>alert(1)</script>', expected: '&lt;script&gt;alert(1)&lt;/script&gt;' },
    { text: `"quoted" and 'single'`, expected: '&quot;quoted&quot; and &#39;single&#39;' },
    { text: '&amp; stays visible as typed', expected: '&amp;amp; stays visible as typed' },
    { text: 'plain words', expected: 'plain words' },
  ])('escapes $text', ({ text, expected }) => {
    expect(escapeHtml(text)).toBe(expected);
  });
});

describe('httpUrlOf', () => {
  it.each([
    {
      url: 'https://edition.cnn.com/2018/11/08/politics/nk.html',
      expected: 'https://edition.cnn.com/2018/11/08/politics/nk.html',
    },
    { url: 'http://example.com/a b?q="x"', expected: 'http://example.com/a%20b?q=%22x%22' },
    { url: 'HTTPS://Example.com', expected: 'https://example.com/' },
    { url: 'javascript:alert(1)', expected: undefined },
    { url: ' javascript:alert(1)', expected: undefined },
    { url: 'data:text/html,<script>alert(1)</script>', expected: undefined },
    { url: 'vbscript:msgbox', expected: undefined },
    { url: 'ftp://example.com/file', expected: undefined },
    { url: '/relative/path', expected: undefined },
    { url: 'not a url', expected: undefined },
    { url: undefined, expected: undefined },
  ])('gives $expected for $url', ({ url, expected }) => {
    expect(httpUrlOf(url)).toBe(expected);
  });
});

describe('timelineJsOf', () => {
  it('makes a title slide with the collection, its counts and the span of its dates', () => {
    const document = timelineJsOf(
      timelineOf([
        eventOf({ id: 'a1' }),
        eventOf({
          id: 'b2',
          date: { value: '2019', start: '2019-01-01', end: '2019-03-31', granularity: 'year', mod: 'START' },
          sources: [
            sourceSaying('Talks resume ', 'early next year', '.', { article: 'articles/world/b.txt' }),
            sourceSaying('They meet ', 'next year', '.', { article: 'articles/world/c.txt' }),
          ],
        }),
      ]),
    );
    expect(document.scale).toBe('human');
    expect(document.title).toEqual({
      text: {
        headline: 'north-korea',
        text: '<p>2 events reported in 3 articles (3 sentences), from November 2, 2018 to early 2019.</p><p>Updated 2018-11-08 14:05 UTC.</p>',
      },
      unique_id: 'collection-north-korea',
      autolink: false,
    });
  });

  it('ends the span of dates with the event that ends last, not the one that starts last', () => {
    const { title } = timelineJsOf(
      timelineOf([
        eventOf({
          id: 'a',
          date: { value: '2018-06', start: '2018-06-01', end: '2018-06-30', granularity: 'month' },
        }),
        eventOf({
          id: 'b',
          date: { value: '2019', start: '2019-01-01', end: '2019-03-31', granularity: 'year', mod: 'START' },
        }),
        eventOf({
          id: 'c',
          date: { value: '2019-02-01', start: '2019-02-01', end: '2019-02-01', granularity: 'day' },
        }),
      ]),
    );
    expect(title.text.text).toContain(', from June 2018 to early 2019.</p>');
    // A decade that holds every other date: the span is that decade.
    const { title: one } = timelineJsOf(
      timelineOf([
        eventOf({
          id: 'd',
          date: { value: '199', start: '1990-01-01', end: '1999-12-31', granularity: 'decade' },
        }),
        eventOf({
          id: 'e',
          date: { value: '1995-05-05', start: '1995-05-05', end: '1995-05-05', granularity: 'day' },
        }),
      ]),
    );
    expect(one.text.text).toContain('(2 sentences), 1990s.</p>');
  });

  it('says an empty collection has no events, and a collection name is escaped', () => {
    const document = timelineJsOf(timelineOf([], '<b>"desk"</b>'));
    expect(document.events).toEqual([]);
    expect(document.title.text.headline).toBe('&lt;b&gt;&quot;desk&quot;&lt;/b&gt;');
    expect(document.title.text.text).toBe(
      '<p>0 events reported in 0 articles (0 sentences).</p><p>Updated 2018-11-08 14:05 UTC.</p>',
    );
    expect(document.title.unique_id).toBe('collection--b--desk---b-');
  });

  it('makes one slide per event: dates, headline, sources, status as group, id as unique_id', () => {
    const event = eventOf({
      id: '7692947735ec',
      date: { value: '2018-W44-WE', start: '2018-11-03', end: '2018-11-04', granularity: 'weekend' },
      title: "Pyongyang's threats",
      actors: ['Pyongyang', 'US'],
      status: 'planned',
      confidence: 0.64,
      sources: [
        sourceSaying('Threats grew ', 'over the weekend', '.', {
          title: 'North Korea "really angry"',
          url: 'https://edition.cnn.com/nk.html',
          published: '2018-11-08',
        }),
      ],
    });
    const [slide] = timelineJsOf(timelineOf([event])).events;
    expect(slide).toEqual({
      start_date: { year: 2018, month: 11, day: 3 },
      end_date: { year: 2018, month: 11, day: 4 },
      display_date: 'weekend of November 3–4, 2018',
      text: {
        headline: 'Pyongyang&#39;s threats',
        text:
          '<p>Status: planned. Actors: Pyongyang, US. Date confidence: 0.64.</p><p>1 source:</p><ol>' +
          '<li><cite><a href="https://edition.cnn.com/nk.html">North Korea &quot;really angry&quot;</a></cite>, ' +
          'November 8, 2018: <q>Threats grew <mark>over the weekend</mark>.</q></li></ol>',
      },
      group: 'Planned',
      unique_id: '7692947735ec',
      autolink: false,
    });
  });

  it('escapes every field from the articles and links only http(s) urls', () => {
    const event = eventOf({
      id: 'x',
      title: '<img src=x onerror=alert(1)>',
      actors: ['<b>Kim</b>'],
      status: 'cancelled',
      sources: [
        sourceSaying('<script>steal()</script> on ', 'Friday', ' & "then" <i>more</i>', {
          title: '</cite><script>x()</script>',
          url: 'javascript:alert(document.cookie)',
        }),
        sourceSaying('Said ', 'Friday', '.', {
          article: 'articles/world/<odd>.txt',
          url: 'https://example.com/?a=1&b="2"',
        }),
      ],
    });
    const [slide] = timelineJsOf(timelineOf([event])).events;
    expect(slide?.text.headline).toBe('&lt;img src=x onerror=alert(1)&gt;');
    expect(slide?.group).toBe('Cancelled');
    const html = slide?.text.text ?? '';
    expect(html).toContain('Actors: &lt;b&gt;Kim&lt;/b&gt;.');
    expect(html).toContain(
      '<li><cite>&lt;/cite&gt;&lt;script&gt;x()&lt;/script&gt;</cite>, November 8, 2018: ' +
        '<q>&lt;script&gt;steal()&lt;/script&gt; on <mark>Friday</mark> &amp; &quot;then&quot; &lt;i&gt;more&lt;/i&gt;</q></li>',
    );
    // No title: the article key stands in; the url's quote is percent-encoded, its & escaped.
    expect(html).toContain(
      '<li><cite><a href="https://example.com/?a=1&amp;b=%222%22">articles/world/&lt;odd&gt;.txt</a></cite>',
    );
    expect(html).not.toContain('javascript:');
    // Outside the tags we wrote, no markup survives.
    const ours = /<\/?(?:p|ol|li|cite|q|mark|a(?: href="[^"<>]*")?)>/g;
    expect(html.replace(ours, '')).not.toMatch(/[<>]/);
  });

  it('marks nothing when the offsets do not find the date words, and still shows the sentence', () => {
    const source = { ...sourceSaying('Met on ', 'Friday', '.'), date: { text: 'Friday', start: 0, end: 6 } };
    const [slide] = timelineJsOf(timelineOf([eventOf({ id: 'y', sources: [source] })])).events;
    expect(slide?.text.text).toContain('<q>Met on Friday.</q>');
  });

  it('gives a native date no display_date and a vague one its words', () => {
    const { events } = timelineJsOf(
      timelineOf([
        eventOf({
          id: 'm',
          date: { value: '2018-06', start: '2018-06-01', end: '2018-06-30', granularity: 'month' },
        }),
        eventOf({
          id: 'd',
          date: { value: '199', start: '1990-01-01', end: '1999-12-31', granularity: 'decade', mod: 'MID' },
        }),
      ]),
    );
    expect(events.map((slide) => [slide.start_date, slide.end_date, slide.display_date])).toEqual([
      [{ year: 2018, month: 6 }, undefined, undefined],
      [{ year: 1990, month: 1, day: 1 }, { year: 1999, month: 12, day: 31 }, 'mid-1990s'],
    ]);
    expect(Object.keys(events[0] ?? {})).not.toContain('display_date');
  });
});
