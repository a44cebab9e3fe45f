import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, csvField, csvOf } from '../../../src/core/export/csv.ts';
import { parseCsv } from '../../support/parse-csv.ts';
import { eventOf, sourceSaying, timelineOf } from './export-fixtures.ts';

describe('csvField', () => {
  it.each([
    { value: 'plain', expected: 'plain' },
    { value: '', expected: '' },
    { value: 'Seoul, Korea', expected: '"Seoul, Korea"' },
    { value: 'Kim said "no"', expected: '"Kim said ""no"""' },
    { value: 'line one\nline two', expected: '"line one\nline two"' },
    { value: 'line one\r\nline two', expected: '"line one\r\nline two"' },
    // Formula-looking cells are defused with a leading apostrophe (CSV injection).
    {
      value: '=HYPERLINK("http://evil.example","click")',
      expected: `"'=HYPERLINK(""http://evil.example"",""click"")"`,
    },
    { value: '+1-555-0100', expected: "'+1-555-0100" },
    { value: '-- five months after the summit', expected: "'-- five months after the summit" },
    { value: '@SUM(A1:A9)', expected: "'@SUM(A1:A9)" },
    { value: '\t=1+1', expected: "'\t=1+1" },
    { value: 'a = b + c', expected: 'a = b + c' },
  ])('writes $value as $expected', ({ value, expected }) => {
    expect(csvField(value)).toBe(expected);
  });
});

describe('csvOf', () => {
  it('writes a header row and one row per event, quoting as RFC 4180 says', () => {
    const tricky = eventOf({
      id: 'e1',
      title: 'Kim said "we will talk", then\nleft',
      actors: ['Kim Jong Un', 'Pompeo, Mike'],
      confidence: 0.77,
      salience: 6.491,
      sources: [
        sourceSaying('=cmd| said ', 'November 2', ', "finally".', {
          title: 'North Korea "really angry"',
          url: 'https://edition.cnn.com/nk.html',
        }),
        sourceSaying('Also ', 'November 2', '.', { article: 'articles/world/z.txt' }),
      ],
    });
    const vague = eventOf({
      id: 'e2',
      date: { value: '2019', start: '2019-01-01', end: '2019-03-31', granularity: 'year', mod: 'START' },
      title: 'Trump would meet Kim',
      status: 'planned',
      confidence: 0.47,
      salience: 1,
      sources: [sourceSaying('sometime ', 'early next year', '')],
    });
    const csv = csvOf(timelineOf([tricky, vague]));
    expect(csv.endsWith('\r\n')).toBe(true);
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe(CSV_COLUMNS.join(','));
    expect(lines[0]).toBe(
      'id,value,start,end,granularity,mod,when,status,confidence,salience,title,actors,sources,' +
        'first_source_title,first_source_url,first_source_published,first_source_sentence',
    );
    expect(lines[1]).toBe(
      'e1,2018-11-02,2018-11-02,2018-11-02,day,,"November 2, 2018",reported,0.77,6.491,' +
        '"Kim said ""we will talk"", then\nleft","Kim Jong Un; Pompeo, Mike",2,' +
        '"North Korea ""really angry""",https://edition.cnn.com/nk.html,2018-11-08,' +
        `"'=cmd| said November 2, ""finally""."`,
    );
    expect(lines[2]).toBe(
      'e2,2019,2019-01-01,2019-03-31,year,START,early 2019,planned,0.47,1,Trump would meet Kim,,1,,,2018-11-08,sometime early next year',
    );
    expect(lines).toHaveLength(4);
    expect(lines[3]).toBe('');

    // A reader gets every cell back (the formula-looking one with its apostrophe).
    const rows = parseCsv(csv);
    expect(rows).toHaveLength(3);
    for (const row of rows) expect(row).toHaveLength(CSV_COLUMNS.length);
    expect(rows[1]?.[10]).toBe('Kim said "we will talk", then\nleft');
    expect(rows[1]?.[11]).toBe('Kim Jong Un; Pompeo, Mike');
    expect(rows[1]?.[16]).toBe(`'=cmd| said November 2, "finally".`);
  });

  it('writes only the header for a timeline with no events', () => {
    expect(csvOf(timelineOf([]))).toBe(`${CSV_COLUMNS.join(',')}\r\n`);
  });
});
