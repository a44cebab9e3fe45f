import type { Span } from '../nearest-distances.ts';
import { foldPunctuation } from '../text-similarity.ts';

/** A title is at most this long, an ellipsis included. */
const TITLE_MAX_CHARS = 100;
const CLAUSE_BREAK_RE = /\s*(?:[;:,]|\s(?:--|[-–—])\s)\s*/g;
// A clause shorter than this (date words aside) cannot say who did what: it takes in the next.
const TITLE_MIN_CHARS = 40;
// The words that introduce a date ("on Wednesday", "since June", "in early 2019").
const DATE_PREPOSITION_RE =
  /(?:\b(?:on|in|at|by|since|until|from|during|over|through|throughout|around|of|as of|earlier|later)\s+)?$/i;
const LEADING_FILLER_RE =
  /^(?:[,;:\s-]|\b(?:and|but|that|when|as|while|then|also|meanwhile|earlier|later)\b)+/i;

/** `text` cut at the last word boundary that keeps it, with an ellipsis, within `limit`. */
function truncateAtWord(text: string, limit: number): string {
  if (text.length <= limit) return text;
  const cut = text.slice(0, limit - 1);
  const lastSpace = cut.lastIndexOf(' ');
  return `${(lastSpace > limit / 2 ? cut.slice(0, lastSpace) : cut).replace(/[\s,;:-]+$/, '')}…`;
}

const tidy = (text: string): string =>
  foldPunctuation(text)
    .replace(/\s+/g, ' ')
    .replace(/\s+([,.;:!?])/g, '$1')
    .replace(/,(?=\s*[,.])/g, '')
    .trim();

/** A clause break of a sentence: the punctuation and the white space around it. */
export type ClauseBreak = Span;

/**
 * The clause breaks of a sentence (commas, semicolons, colons, dashes), less those inside a
 * quotation: commas inside a quotation do not end the clause that quotes it. Found once per
 * sentence, for all its dates; quotations and breaks are both in order, so one pass pairs them.
 *
 * @example clauseBreaksOf('Kim, he said, left.') // [{ start: 3, end: 5 }, { start: 12, end: 14 }]
 */
export function clauseBreaksOf(sentence: string): ClauseBreak[] {
  const quotes = [...foldPunctuation(sentence).matchAll(/"[^"]*"/g)].map((m) => ({
    from: m.index,
    to: m.index + m[0].length,
  }));
  const breaks: ClauseBreak[] = [];
  let quote = 0;
  for (const match of sentence.matchAll(CLAUSE_BREAK_RE)) {
    // The only quotation that can hold the break is the last one opening before it.
    while ((quotes[quote + 1]?.from ?? Number.POSITIVE_INFINITY) < match.index) quote += 1;
    const open = quotes[quote];
    if (open && match.index > open.from && match.index < open.to) continue;
    breaks.push({ start: match.index, end: match.index + match[0].length });
  }
  return breaks;
}

/**
 * A title a reader can scan for the event dated at `date` (offsets in `sentence`): the clause
 * that holds the date (the whole sentence when it is one clause), grown over the clauses around
 * it while it says too little, without the date's own words and their preposition, cut at a word
 * boundary within 100 characters. `breaks` are the sentence's {@link clauseBreaksOf}.
 *
 * @example titleOf('KCNA said November 2 that it would not move.', [], { start: 10, end: 20 }) // 'KCNA said that it would not move'
 */
export function titleOf(sentence: string, breaks: readonly ClauseBreak[], date: Span): string {
  let clauseStart = 0;
  for (const gap of breaks) if (gap.end <= date.start) clauseStart = gap.end;
  // Grow the clause back over earlier breaks (where the subject is) until it says enough, then on.
  const preceding = breaks.filter((gap) => gap.end <= clauseStart).reverse();
  const following = breaks.filter((gap) => gap.start >= date.end);
  let clauseEnd = following[0]?.start ?? sentence.length;
  const short = () => clauseEnd - clauseStart - (date.end - date.start) < TITLE_MIN_CHARS;
  for (let i = 0; short() && i < preceding.length; i += 1) clauseStart = preceding[i + 1]?.end ?? 0;
  for (let i = 1; short() && i <= following.length; i += 1)
    clauseEnd = following[i]?.start ?? sentence.length;
  const before = sentence.slice(clauseStart, date.start);
  const preposition = DATE_PREPOSITION_RE.exec(before)?.[0].length ?? 0;
  const after = sentence.slice(date.end, clauseEnd).replace(/^['’]s\b/, '');
  const title = tidy(`${before.slice(0, before.length - preposition)} ${after}`)
    .replace(LEADING_FILLER_RE, '')
    .replace(/["\s,;:.]+$/, '');
  // A quotation cut in two leaves a stray quote mark at one end.
  const balanced = (title.match(/"/g)?.length ?? 0) % 2 === 0 ? title : title.replace(/^"\s*|\s*"$/, '');
  const capitalised = balanced.charAt(0).toUpperCase() + balanced.slice(1);
  return truncateAtWord(capitalised || tidy(sentence), TITLE_MAX_CHARS);
}
