/**
 * A sentence of an article with its character offsets (UTF-16 code units, end exclusive) in the
 * article's text: `articleText.slice(start, end) === text`.
 */
export interface Sentence {
  readonly text: string;
  readonly start: number;
  readonly end: number;
  /** A line on its own without sentence punctuation: a headline, a section head or page furniture. */
  readonly isHeading: boolean;
}

// Abbreviations after which a period does not end a sentence (ICU's suppressions are not in Node).
const ABBREVIATION_RE =
  /(?:^|[\s("'“‘])(?:Mr|Mrs|Ms|Dr|Prof|Gen|Lt|Col|Maj|Capt|Sgt|Adm|Gov|Sen|Rep|Rev|St|Mt|Ft|Jr|Sr|Inc|Corp|Co|Ltd|No|vs|etc|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Mon|Tue|Tues|Wed|Thu|Thurs|Fri|Sat|Sun|a\.m|p\.m|[A-Z](?:\.[A-Z])*)\.\s*$/;
const TERMINAL_RE = /[.!?…]["'”’)\]]*$/;
const HEADING_MAX_WORDS = 12;
const sentenceSegmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

/**
 * Line breaks inside a hard-wrapped paragraph are spaces: a long line followed by one that goes on
 * in lower case. Any other break (after a heading, "Posted", a short line) ends a sentence.
 * Replacing a break by a space keeps every offset unchanged.
 */
function unwrapLines(text: string): string {
  return text.replace(/([^\n]*)\n(?=[a-z])/g, (whole, line: string) => {
    const trimmed = line.trim();
    const isSoftBreak = trimmed.length >= 40 && !TERMINAL_RE.test(trimmed);
    return isSoftBreak ? `${line} ` : whole;
  });
}

function isLine(text: string, start: number, end: number): boolean {
  const before = text.slice(0, start).replace(/[ \t]+$/, '');
  const after = text.slice(end).replace(/^[ \t]+/, '');
  return (before === '' || before.endsWith('\n')) && (after === '' || after.startsWith('\n'));
}

/**
 * Splits a text into sentences with offsets: ICU sentence boundaries, re-joined after
 * abbreviations ("Gen. Dunford", "Nov. 2"), with headings marked.
 *
 * @example splitSentences('Gen. Dunford spoke Monday. He left.').map((s) => s.text)
 * // ['Gen. Dunford spoke Monday.', 'He left.']
 */
export function splitSentences(text: string): Sentence[] {
  const spans: Array<{ start: number; end: number }> = [];
  for (const segment of sentenceSegmenter.segment(unwrapLines(text))) {
    const start = segment.index;
    const end = start + segment.segment.length;
    const previous = spans.at(-1);
    const joinsPrevious =
      previous !== undefined &&
      !text.slice(previous.end, start).includes('\n') &&
      !/\n\s*$/.test(text.slice(previous.start, previous.end)) &&
      ABBREVIATION_RE.test(text.slice(previous.start, previous.end));
    if (joinsPrevious && previous) previous.end = end;
    else spans.push({ start, end });
  }
  const sentences: Sentence[] = [];
  for (const span of spans) {
    const raw = text.slice(span.start, span.end);
    const leading = raw.length - raw.trimStart().length;
    const sentenceText = raw.trim();
    if (sentenceText === '') continue;
    const start = span.start + leading;
    const end = start + sentenceText.length;
    const isHeading =
      !TERMINAL_RE.test(sentenceText) &&
      sentenceText.split(/\s+/).length <= HEADING_MAX_WORDS &&
      isLine(text, start, end);
    sentences.push({ text: sentenceText, start, end, isHeading });
  }
  return sentences;
}
