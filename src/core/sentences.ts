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
// A sentence ends after terminal punctuation (and closing quotes or brackets) followed by space
// and a capital, a digit or an opening quote; and at every line break left by unwrapLines. On the
// TempEval-3 corpora 4711 of 4742 sentences match ICU's segmenter (Intl.Segmenter), and splitting
// takes a third of the time (4.8 vs 14.7 ms for their 376 documents); ours keeps '"Why?" he
// asked.' whole where ICU splits it.
const SENTENCE_END_RE = /[.!?…]+["'”’)\]]*\s+(?=["'“‘([`]*[\p{Lu}\d])|\n\s*/gu;

/** Spans between sentence boundaries, each with the white space that follows it. */
function* segmentSentences(text: string): Generator<{ index: number; segment: string }> {
  let start = 0;
  for (const match of text.matchAll(SENTENCE_END_RE)) {
    const end = match.index + match[0].length;
    if (end > start) yield { index: start, segment: text.slice(start, end) };
    start = end;
  }
  if (start < text.length) yield { index: start, segment: text.slice(start) };
}

/**
 * Line breaks inside a hard-wrapped paragraph are spaces: a long line followed by one that goes on
 * in lower case. Any other break (after a heading, "Posted", a short line) ends a sentence.
 * Replacing a break by a space keeps every offset unchanged.
 */
function unwrapLines(text: string): string {
  // Anchored at line starts (m flag): unanchored, the engine retries from every character of a
  // long line, which made this quadratic.
  return text.replace(/^([^\n]*)\n(?=[a-z])/gm, (whole, line: string) => {
    const trimmed = line.trim();
    const isSoftBreak = trimmed.length >= 40 && !TERMINAL_RE.test(trimmed);
    return isSoftBreak ? `${line} ` : whole;
  });
}

/** Whether `[start, end)` fills its line: only spaces and tabs between it and the line breaks. */
function isLine(text: string, start: number, end: number): boolean {
  let before = start - 1;
  while (before >= 0 && (text[before] === ' ' || text[before] === '\t')) before -= 1;
  let after = end;
  while (after < text.length && (text[after] === ' ' || text[after] === '\t')) after += 1;
  return (before < 0 || text[before] === '\n') && (after >= text.length || text[after] === '\n');
}

// Abbreviations are at most a dozen characters: test only the tail of a sentence, not all of it.
const ABBREVIATION_TAIL = 16;

/**
 * Splits a text into sentences with offsets: boundaries after terminal punctuation and at line
 * breaks, re-joined after abbreviations ("Gen. Dunford", "Nov. 2"), with headings marked; a
 * sentence longer than {@link MAX_SENTENCE_CHARS} is cut at white space into pieces that long.
 *
 * @example splitSentences('Gen. Dunford spoke Monday. He left.').map((s) => s.text)
 * // ['Gen. Dunford spoke Monday.', 'He left.']
 */
export function splitSentences(text: string): Sentence[] {
  const spans: Array<{ start: number; end: number }> = [];
  for (const segment of segmentSentences(unwrapLines(text))) {
    const start = segment.index;
    const end = start + segment.segment.length;
    const previous = spans.at(-1);
    const previousTail = previous
      ? text.slice(Math.max(previous.start, previous.end - ABBREVIATION_TAIL), previous.end)
      : '';
    const joinsPrevious =
      previous !== undefined &&
      !text.slice(previous.end, start).includes('\n') &&
      !/\n\s*$/.test(previousTail) &&
      ABBREVIATION_RE.test(previousTail);
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
    for (const piece of piecesOf(text, start, start + sentenceText.length)) {
      const pieceText = text.slice(piece.start, piece.end);
      const isHeading =
        !TERMINAL_RE.test(pieceText) &&
        pieceText.split(/\s+/).length <= HEADING_MAX_WORDS &&
        isLine(text, piece.start, piece.end);
      sentences.push({ text: pieceText, start: piece.start, end: piece.end, isHeading });
    }
  }
  return sentences;
}

/**
 * The longest sentence handed on, in UTF-16 code units. A text without sentence breaks (a 5 MB
 * line, a scraped page with no full stops) is cut into pieces this long, since the tagger's cost
 * grows faster than linearly with the length of a sentence: chrono's end-of-period refiner
 * re-reads the sentence before every date (a 1 MB line with a date every ten words took 22 s to
 * tag whole, 0.5 s in pieces), and each event carries its sentence into the timeline. The longest sentence of the TempEval-3, MEANTIME and Timeline17 corpora (142,000 sentences) is
 * 3304 characters, a run-on list in a CNN article; the next are 2048 and 1665: none is cut.
 */
export const MAX_SENTENCE_CHARS = 4000;

const isSpace = (code: number): boolean => /\s/.test(String.fromCharCode(code));

/**
 * `[start, end)` cut into pieces of at most {@link MAX_SENTENCE_CHARS}, each ending at the last
 * white space that keeps it within the limit (a word longer than that is cut at the limit, never
 * inside a surrogate pair), with the white space between pieces left out. A sentence within the
 * limit is one piece, itself. Deterministic: the cuts depend on the sentence alone.
 */
function piecesOf(text: string, start: number, end: number): Array<{ start: number; end: number }> {
  const pieces: Array<{ start: number; end: number }> = [];
  let from = start;
  while (end - from > MAX_SENTENCE_CHARS) {
    const limit = from + MAX_SENTENCE_CHARS;
    // The piece may end at `limit` itself if white space follows it.
    let cut = limit;
    while (cut > from && !isSpace(text.charCodeAt(cut))) cut -= 1;
    if (cut === from) {
      cut = limit;
      const code = text.charCodeAt(cut);
      if (code >= 0xdc00 && code <= 0xdfff) cut -= 1;
    }
    let pieceEnd = cut;
    while (pieceEnd > from && isSpace(text.charCodeAt(pieceEnd - 1))) pieceEnd -= 1;
    pieces.push({ start: from, end: pieceEnd });
    from = cut;
    while (from < end && isSpace(text.charCodeAt(from))) from += 1;
  }
  pieces.push({ start: from, end });
  return pieces;
}
