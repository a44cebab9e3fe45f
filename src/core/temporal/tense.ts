/** Which way an underspecified date ("Thursday", "in March", "the weekend") points. */
export type Direction = 'past' | 'future';

// A future verb group with what follows the auxiliary ("will be held", "would have met", "is
// scheduled to"): its participle must not count as a past marker.
// Modals of possibility ("could be located Wednesday") say nothing about time and are not here.
const FUTURE_CHAIN_RE =
  /\b(?:(?:is|are|was|were|be|been)\s+)?(?:will|won't|wo n't|shall|'ll|would|going to|gonna|is to|are to|to be|expects? to|intends? to|aims? to|(?:set|due|expected|scheduled|planned) to|plans? to|planning to|hop(?:es|ing) to)(?:\s+(?:not|also|then|likely|probably|soon))*(?:\s+(?:be|have been|have))?(?:\s+[\w'-]+)?/gi;
// Future words that stand alone.
const FUTURE_WORD_RE = /\b(?:upcoming|the coming|next|scheduled|planned)\b/gi;
// Past markers: common irregular past forms, perfect/passive auxiliaries and regular -ed verbs.
const PAST_RE =
  /\b(?:was|were|had|did|said|told|met|held|took|made|gave|went|came|saw|began|sought|thought|found|left|led|won|lost|spoke|wrote|rose|fell|\w{3,}ed|last|ago|earlier|previous|former|since)\b/gi;

// Participles that are no past verb: after a determiner an adjective ("the reduced dividend"),
// after a present or infinitive "be" a passive ("is expected in December", "can be exercised").
const NON_PAST_PARTICIPLE_RE =
  /\b(?:the|a|an|its|their|his|her|our|this|that|these|those|is|are|am|be|being)\s+(?:not\s+)?\w{3,}ed\b/gi;

interface Marker {
  readonly start: number;
  readonly end: number;
}

function markersOf(text: string, re: RegExp): Marker[] {
  return [...text.matchAll(re)].map((match) => ({ start: match.index, end: match.index + match[0].length }));
}

// A verb further away than this (about six words) belongs to another clause more often than not
// (35 measured best of 35, 50, 65, 80 and 120 on TimeBank, AQUAINT and MEANTIME together).
const MAX_MARKER_DISTANCE = 35;

/** Distance from the expression to the nearest marker outside it, within reach. */
function nearest(markers: readonly Marker[], start: number, end: number): number {
  let best = Number.POSITIVE_INFINITY;
  for (const marker of markers) {
    // Markers inside the expression itself ("next Thursday") are handled by its parser.
    if (marker.start >= start && marker.end <= end) continue;
    const distance = marker.end <= start ? start - marker.end : marker.start >= end ? marker.start - end : 0;
    if (distance < best && distance <= MAX_MARKER_DISTANCE) best = distance;
  }
  return best;
}

/**
 * The tense of the words nearest to the expression at `[start, end)` in `sentence`: the closest
 * future or past marker wins; undefined when the sentence has neither (then the date closest to
 * the reference is the likeliest reading, as in "payable Jan. 2 to stock of record Dec. 15").
 *
 * @example directionAround('Officials will meet on Thursday.', 23, 31) // 'future'
 * @example directionAround('The meeting will be held Friday.', 25, 31) // 'future'
 */
export function directionAround(sentence: string, start: number, end: number): Direction | undefined {
  const { future: futureMarkers, past: pastMarkers, quotes } = markersOfSentence(sentence);
  // Inside a quotation the speaker's own tense counts, not the reporting verb around it.
  const quote = quotes.find((span) => span.start <= start && end <= span.end);
  const within = (markers: Marker[]) =>
    quote ? markers.filter((m) => m.start >= quote.start && m.end <= quote.end) : markers;
  const future = nearest(within(futureMarkers), start, end);
  const past = nearest(within(pastMarkers), start, end);
  if (future === Number.POSITIVE_INFINITY && past === Number.POSITIVE_INFINITY) return undefined;
  // On a tie ("was scheduled") the specific future marker beats the generic -ed form.
  return future <= past ? 'future' : 'past';
}

// Quotations: “…”, "…", ``…'' and ''…'' (the wire styles of the news corpora), ‘…’.
const QUOTE_RE = /“[^”]*”|"[^"]*"|``.*?''|''.*?''|‘[^’]*’/g;

let lastSentence:
  | { text: string; markers: { future: Marker[]; past: Marker[]; quotes: Marker[] } }
  | undefined;

/** The tense markers of a sentence, remembered for the last one (asked once per date in it). */
function markersOfSentence(sentence: string): { future: Marker[]; past: Marker[]; quotes: Marker[] } {
  if (lastSentence?.text === sentence) return lastSentence.markers;
  const chains = markersOf(sentence, FUTURE_CHAIN_RE);
  // Blank out the future verb groups (same length, offsets kept) before looking for past verbs.
  let masked = sentence;
  for (const chain of chains)
    masked = masked.slice(0, chain.start) + ' '.repeat(chain.end - chain.start) + masked.slice(chain.end);
  masked = masked.replace(NON_PAST_PARTICIPLE_RE, (whole) => ' '.repeat(whole.length));
  const markers = {
    future: [...chains, ...markersOf(sentence, FUTURE_WORD_RE)],
    past: markersOf(masked, PAST_RE),
    quotes: markersOf(sentence, QUOTE_RE),
  };
  lastSentence = { text: sentence, markers };
  return markers;
}
