import type { ViewEvent, WholeTimeline } from '../view.ts';
import { dateInWords } from './date-in-words.ts';

/** The columns of {@link csvOf}, in order: its header row. */
export const CSV_COLUMNS = [
  'id',
  'value',
  'start',
  'end',
  'granularity',
  'mod',
  'when',
  'status',
  'confidence',
  'salience',
  'title',
  'actors',
  'sources',
  'first_source_title',
  'first_source_url',
  'first_source_published',
  'first_source_sentence',
] as const;

// A cell starting with one of these is run as a formula by Excel, LibreOffice and Google Sheets
// ("CSV injection", OWASP): `=HYPERLINK(…)` in a sentence from the web must stay text. A leading
// apostrophe makes them show the cell as text; tab and carriage return are in OWASP's list too.
const FORMULA_START_RE = /^[=+\-@\t\r]/;
// RFC 4180, section 2: a field holding a comma, a double quote or a line break is quoted.
const NEEDS_QUOTES_RE = /[",\r\n]/;

/**
 * One CSV field: defused when a spreadsheet would read it as a formula, then quoted (RFC 4180:
 * in double quotes, a double quote doubled) when it holds a comma, a quote or a line break.
 *
 * @example csvField('Kim said "no", again') // '"Kim said ""no"", again"'
 * @example csvField('=1+1') // "'=1+1"
 */
export function csvField(value: string): string {
  const text = FORMULA_START_RE.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES_RE.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The cells of one event's row, in {@link CSV_COLUMNS} order. */
function rowOf(event: ViewEvent): string[] {
  const [first] = event.sources;
  return [
    event.id,
    event.date.value,
    event.date.start,
    event.date.end,
    event.date.granularity,
    event.date.mod ?? '',
    dateInWords(event.date),
    event.status,
    String(event.confidence),
    String(event.salience),
    event.title,
    event.actors.join('; '),
    String(event.sources.length),
    first?.title ?? '',
    first?.url ?? '',
    first?.published ?? '',
    first?.text ?? '',
  ];
}

/**
 * A timeline as CSV (RFC 4180): a header row of {@link CSV_COLUMNS}, then one row per event in
 * date order, each record ending in CRLF. `when` is the date in words ("early 2019"); actors are
 * joined by "; "; the first source is the first listed (by article key, then place).
 *
 * @example csvOf(timeline).split('\r\n')[0] // 'id,value,start,end,granularity,mod,when,status,…'
 */
export function csvOf(timeline: WholeTimeline): string {
  const rows = [[...CSV_COLUMNS], ...timeline.events.map(rowOf)];
  return rows.map((row) => `${row.map(csvField).join(',')}\r\n`).join('');
}
