/** Which way an underspecified date ("Thursday", "in March", "the weekend") points. */
export type Direction = 'past' | 'future';

// A future verb group with what follows the auxiliary ("will be held", "would have met", "is
// scheduled to"): its participle must not count as a past marker. A verb of commitment with its
// infinitive ("agreed to meet", "voted to close", "threatened to strike") looks ahead in any tense:
// what was agreed, voted or threatened comes after it. Verbs of trying ("sought to convey
// Wednesday") are not among them: their infinitive happens when they do.
// Modals of possibility ("could be located Wednesday") say nothing about time and are not here.
export const FUTURE_CHAIN_RE =
  /\b(?:(?:is|are|was|were|be|been)\s+)?(?:will|won't|wo n't|shall|'ll|would|going to|gonna|is to|are to|to be|expects? to|intends? to|aims? to|(?:set|due|expected|scheduled|planned) to|plans? to|planning to|hop(?:es|ing) to|(?:agree|decide|promise|pledge|vow|vote|resolve|arrange|prepare|threaten)(?:s|d|ed|ing)? to)(?:\s+(?:not|also|then|likely|probably|soon))*(?:\s+(?:be|have been|have))?(?:\s+[\w'-]+)?/gi;
// Future words that stand alone.
export const FUTURE_WORD_RE = /\b(?:upcoming|the coming|next|scheduled|planned)\b/gi;
// Irregular past forms that are also participles: after "is", "be" or a determiner they are a
// passive or an adjective ("the case is heard in May", "the sold shares"), not a past verb.
const IRREGULAR_PARTICIPLES =
  'had|said|told|met|held|made|sought|thought|found|left|led|won|lost|brought|bought|sold|paid|sent|built|kept|heard|stood|struck|meant|fought|caught|taught|felt|spent|fled|understood|dealt|fed|laid|shot';
// Irregular past forms that are no participle.
const IRREGULAR_PASTS =
  'was|were|did|took|gave|went|came|saw|began|spoke|wrote|rose|fell|became|chose|drove|flew|grew|knew|broke|threw|withdrew|arose|sank|shook|stole|swore|woke';
// Past markers: common irregular past forms, perfect/passive auxiliaries and regular -ed verbs.
export const PAST_RE = new RegExp(
  `\\b(?:${IRREGULAR_PASTS}|${IRREGULAR_PARTICIPLES}|\\w{3,}ed|last|ago|earlier|previous|former|since)\\b`,
  'gi',
);

// Participles that are no past verb: after a determiner an adjective ("the reduced dividend"),
// after a present or infinitive "be" a passive ("is expected in December", "can be exercised").
export const NON_PAST_PARTICIPLE_RE = new RegExp(
  `\\b(?:the|a|an|its|their|his|her|our|this|that|these|those|is|are|am|be|being)\\s+(?:not\\s+)?(?:\\w{3,}ed|${IRREGULAR_PARTICIPLES})\\b`,
  'gi',
);

interface Marker {
  readonly start: number;
  readonly end: number;
}

/** The matches of a global regex: in order and never overlapping, so starts and ends both ascend. */
function markersOf(text: string, re: RegExp): Marker[] {
  return [...text.matchAll(re)].map((match) => ({ start: match.index, end: match.index + match[0].length }));
}

// A verb further away than this (about six words) belongs to another clause more often than not
// (35 measured best of 35, 50, 65, 80 and 120 on TimeBank, AQUAINT and MEANTIME together).
const MAX_MARKER_DISTANCE = 35;

/** The first index in `[lo, hi)` whose marker fails `before`, by bisection (`before` holds for a prefix). */
function firstNotBefore(
  markers: readonly Marker[],
  lo: number,
  hi: number,
  before: (m: Marker) => boolean,
): number {
  let low = lo;
  let high = hi;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (before(markers[mid] as Marker)) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * Distance from the expression at `[start, end)` to the nearest marker of `markers[lo..hi)` outside
 * it, within reach. The markers are one regex's matches (sorted, disjoint), so the candidates are
 * found by bisection: the last marker ending before the expression, the first starting after it,
 * and one straddling either end of it (distance 0). Markers inside the expression itself ("next
 * Thursday") are left to its parser. Logarithmic, where a scan of every marker for every date of
 * a long sentence was quadratic.
 */
function nearest(markers: readonly Marker[], lo: number, hi: number, start: number, end: number): number {
  let best = Number.POSITIVE_INFINITY;
  const consider = (distance: number) => {
    if (distance < best && distance <= MAX_MARKER_DISTANCE) best = distance;
  };
  const endingBefore = firstNotBefore(markers, lo, hi, (m) => m.end <= start);
  if (endingBefore > lo) consider(start - (markers[endingBefore - 1] as Marker).end);
  const startingAfter = firstNotBefore(markers, lo, hi, (m) => m.start < end);
  if (startingAfter < hi) consider((markers[startingAfter] as Marker).start - end);
  // Disjoint markers: only the last one starting before a point can straddle it.
  for (const point of [start, end]) {
    const last = firstNotBefore(markers, lo, hi, (m) => m.start < point) - 1;
    if (last >= lo && (markers[last] as Marker).end > point) consider(0);
  }
  return best;
}

/** The markers of one kind in a sentence, and the index range of those inside a quotation. */
class MarkerList {
  constructor(private readonly markers: readonly Marker[]) {}

  /** Distance to the nearest marker outside `[start, end)`, counting only those within `inside`. */
  distance(start: number, end: number, inside: Marker | undefined): number {
    const all = this.markers;
    const lo = inside ? firstNotBefore(all, 0, all.length, (m) => m.start < inside.start) : 0;
    const hi = inside ? firstNotBefore(all, lo, all.length, (m) => m.end <= inside.end) : all.length;
    return nearest(all, lo, hi, start, end);
  }
}

interface SentenceMarkers {
  /** Future verb groups, and the future words that stand alone: two lists, each sorted. */
  readonly future: readonly [MarkerList, MarkerList];
  readonly past: MarkerList;
  readonly quotes: readonly Marker[];
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
  const markers = markersOfSentence(sentence);
  // Inside a quotation the speaker's own tense counts, not the reporting verb around it. Quotations
  // are disjoint and sorted: only the last one opening at or before the expression can hold it.
  const opening = firstNotBefore(markers.quotes, 0, markers.quotes.length, (q) => q.start <= start) - 1;
  const candidate = markers.quotes[opening];
  const quote = candidate && end <= candidate.end ? candidate : undefined;
  const [chains, words] = markers.future;
  const future = Math.min(chains.distance(start, end, quote), words.distance(start, end, quote));
  const past = markers.past.distance(start, end, quote);
  if (future === Number.POSITIVE_INFINITY && past === Number.POSITIVE_INFINITY) return undefined;
  // On a tie ("was scheduled") the specific future marker beats the generic -ed form.
  if (future <= past) return 'future';
  return quote === undefined && inFutureReportedClause(sentence, start, end) ? 'future' : 'past';
}

// A verb that reports speech, and what lies between it and the date, within its clause.
const REPORTING_BEFORE_RE =
  /\b(?:said|says|told|announced|reported|added|stated|noted|confirmed|explained|warned|insisted|argued|claimed|predicted|promised)\b([^.;:!?]*)$/i;
// What attaches a date to the reporting verb itself ("said on Monday that", "told reporters
// Wednesday"): nothing, a preposition, or an indirect object.
const ATTACHED_TO_REPORT_RE =
  /^\s*(?:(?:on|in|at|during|by|late|early|last|reporters|journalists|him|her|them|us|me)\s*)*$/i;
// How far around the date the reporting verb and its clause's verb are looked for.
const CLAUSE_REACH = 80;

/**
 * Whether the date at `[start, end)` is inside a clause reported in the future: after a reporting
 * verb, separated from it by the start of the reported clause ("Officials said the Christmas
 * parade will be held downtown"), with a future verb group after the date in the same clause.
 * The reported clause's own verb decides, not the nearer reporting verb. A date right after the
 * reporting verb ("said on Monday that talks would resume") dates the report: not this case.
 * Looks at a bounded window, so it stays linear in the sentence.
 */
export function inFutureReportedClause(sentence: string, start: number, end: number): boolean {
  const before = REPORTING_BEFORE_RE.exec(sentence.slice(Math.max(0, start - CLAUSE_REACH), start));
  if (!before || ATTACHED_TO_REPORT_RE.test(before[1] ?? '')) return false;
  const after = sentence.slice(end, end + CLAUSE_REACH);
  const clause = after.slice(0, after.search(/[,;:.!?]|\bthat\b|$/));
  return new RegExp(FUTURE_CHAIN_RE.source, 'i').test(clause);
}

// Quotations: “…”, "…", ``…'' and ''…'' (the wire styles of the news corpora), ‘…’.
export const QUOTE_RE = /“[^”]*”|"[^"]*"|``.*?''|''.*?''|‘[^’]*’/g;

/**
 * `text` with the spans blanked out (same length, offsets kept), built in one pass: re-slicing
 * the whole text for each span was quadratic on a long sentence full of verb groups.
 *
 * @example blankOut('it will be held', [{ start: 3, end: 10 }]) // 'it         held'
 */
export function blankOut(text: string, spans: readonly Marker[]): string {
  const parts: string[] = [];
  let at = 0;
  for (const span of spans) {
    parts.push(text.slice(at, span.start), ' '.repeat(span.end - span.start));
    at = span.end;
  }
  parts.push(text.slice(at));
  return parts.join('');
}

let lastSentence: { text: string; markers: SentenceMarkers } | undefined;

/** The tense markers of a sentence, remembered for the last one (asked once per date in it). */
function markersOfSentence(sentence: string): SentenceMarkers {
  if (lastSentence?.text === sentence) return lastSentence.markers;
  const chains = markersOf(sentence, FUTURE_CHAIN_RE);
  // Blank out the future verb groups before looking for past verbs: "will be held" is no past.
  const masked = blankOut(sentence, chains).replace(NON_PAST_PARTICIPLE_RE, (whole) =>
    ' '.repeat(whole.length),
  );
  const markers: SentenceMarkers = {
    future: [new MarkerList(chains), new MarkerList(markersOf(sentence, FUTURE_WORD_RE))],
    past: new MarkerList(markersOf(masked, PAST_RE)),
    quotes: markersOf(sentence, QUOTE_RE),
  };
  lastSentence = { text: sentence, markers };
  return markers;
}
