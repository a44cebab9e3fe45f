import { TimelineError } from '../core/errors.ts';
import { type Token, tokenizeTe3 } from './tokenize-te3.ts';

/** Gold and system versions of a document do not have the same words: they cannot be scored. */
export class TextMismatchError extends TimelineError {
  constructor(name: string, offset: number, options?: { cause?: unknown }) {
    super(
      `${JSON.stringify(name)}: system text differs from the gold text at gold offset ${offset}`,
      options,
    );
    this.name = 'TextMismatchError';
  }
}

/** What the scorer needs of a TIMEX3: offsets into the document text, type and value. */
export interface ScorableTimex {
  readonly type: string;
  readonly value: string;
  readonly start: number;
  readonly end: number;
}

/** One document as annotated by gold or by a system: its text (tags stripped) and its TIMEX3s. */
export interface ScorableDocument<T extends ScorableTimex = ScorableTimex> {
  readonly name: string;
  readonly text: string;
  readonly timexes: readonly T[];
}

/** A gold TIMEX3 paired with the system TIMEX3 whose tokens overlap it. */
export interface TimexMatch<T extends ScorableTimex = ScorableTimex> {
  readonly gold: T;
  readonly system: T;
  /** Same tokens exactly. */
  readonly strict: boolean;
}

/** How the TIMEX3s of one document paired up. */
export interface DocumentMatch<T extends ScorableTimex = ScorableTimex> {
  readonly name: string;
  readonly matches: readonly TimexMatch<T>[];
  /** Gold TIMEX3s no system TIMEX3 overlaps (after one-to-one pairing). */
  readonly missed: readonly T[];
  /** System TIMEX3s left without a gold one. */
  readonly spurious: readonly T[];
}

/** TempEval-3 Task A counts, summed over documents. */
export interface Te3Counts {
  readonly gold: number;
  readonly system: number;
  readonly strict: number;
  readonly relaxed: number;
  /** Relaxed matches whose `type` attributes are identical. */
  readonly type: number;
  /** Relaxed matches whose `value` attributes are identical. */
  readonly value: number;
}

/** TempEval-3 Task A scores, in percent like the toolkit prints them. */
export interface Te3Scores extends Te3Counts {
  readonly strictPrecision: number;
  readonly strictRecall: number;
  readonly strictF1: number;
  readonly relaxedPrecision: number;
  readonly relaxedRecall: number;
  readonly relaxedF1: number;
  /** type matches / relaxed matches x relaxed F1. */
  readonly typeF1: number;
  /** value matches / relaxed matches x relaxed F1. */
  readonly valueF1: number;
}

/** Inclusive token index range of a TIMEX3; undefined when it covers no token (only blanks). */
type TokenRange = readonly [first: number, last: number] | undefined;

/**
 * The tokens a character span touches: a TIMEX3 edge inside a token takes the whole token, since
 * the toolkit knows TIMEX3s only by the tokens they cover (gold "10 p.m" and ours "10 p.m." at a
 * sentence end both cover the token `p.m.`: a strict match).
 */
function findTokenRange(tokens: readonly Token[], start: number, end: number): TokenRange {
  let low = 0;
  let high = tokens.length;
  // First token ending after `start`.
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((tokens[middle] as Token).end <= start) low = middle + 1;
    else high = middle;
  }
  let last = low - 1;
  while (last + 1 < tokens.length && (tokens[last + 1] as Token).start < end) last += 1;
  return last >= low ? [low, last] : undefined;
}

function overlaps(a: TokenRange, b: TokenRange): boolean {
  return a !== undefined && b !== undefined && a[0] <= b[1] && b[0] <= a[1];
}

/** The first token where two token sequences differ, or -1 when they are the same. */
function findFirstDifference(a: readonly Token[], b: readonly Token[]): number {
  const length = Math.max(a.length, b.length);
  for (let i = 0; i < length; i += 1) if (a[i]?.text !== b[i]?.text) return i;
  return -1;
}

/**
 * Pairs the TIMEX3s of a gold and a system version of one document the TempEval-3 way. Both
 * texts are tokenised (`tokenizeTe3`) and must give the same tokens: blanks may differ (the XTime
 * output of scorer check 2 has LF where MEANTIME has CRLF), words may not. Then each gold
 * TIMEX3, left to right, takes the first still-unpaired system TIMEX3 sharing a token with it
 * (relaxed match); the pair is strict when both cover the same tokens.
 * One-to-one is pinned by scorer check 2 (MEANTIME vs XTime): counting every gold TIMEX3 that
 * overlaps some system one gives 443 relaxed matches there, one-to-one gives the toolkit's 438
 * ("more than a week now" overlaps gold "a week" and "now" but matches only the first).
 * Not pinned by either check: pairing system-first instead of gold-first, or counting strict
 * matches as a separate exact pairing, gives the same 438 relaxed / 392 strict there.
 *
 * @example
 * const text = 'On Monday morning.';
 * matchTimexes({ name: 'a', text, timexes: [{ type: 'DATE', value: 'X', start: 3, end: 9 }] },
 *   { name: 'a', text, timexes: [{ type: 'TIME', value: 'Y', start: 3, end: 17 }] }).matches[0]?.strict // false
 */
export function matchTimexes<T extends ScorableTimex>(
  gold: ScorableDocument<T>,
  system: ScorableDocument<T>,
): DocumentMatch<T> {
  const goldTokens = tokenizeTe3(gold.text);
  const systemTokens = tokenizeTe3(system.text);
  const difference = findFirstDifference(goldTokens, systemTokens);
  if (difference !== -1)
    throw new TextMismatchError(gold.name, goldTokens[difference]?.start ?? gold.text.length);
  const inOrder = (timexes: readonly T[], tokens: readonly Token[]) =>
    [...timexes]
      .sort((a, b) => a.start - b.start || a.end - b.end)
      .map((timex) => ({ timex, range: findTokenRange(tokens, timex.start, timex.end) }));
  const systemRanges = inOrder(system.timexes, systemTokens);
  const paired = new Set<number>();
  const matches: TimexMatch<T>[] = [];
  const missed: T[] = [];
  for (const { timex, range } of inOrder(gold.timexes, goldTokens)) {
    const index = systemRanges.findIndex(
      (candidate, i) => !paired.has(i) && overlaps(range, candidate.range),
    );
    const candidate = systemRanges[index];
    if (!candidate) {
      missed.push(timex);
      continue;
    }
    paired.add(index);
    const strict = candidate.range?.[0] === range?.[0] && candidate.range?.[1] === range?.[1];
    matches.push({ gold: timex, system: candidate.timex, strict });
  }
  const spurious = systemRanges.filter((_, i) => !paired.has(i)).map(({ timex }) => timex);
  return { name: gold.name, matches, missed, spurious };
}

const percent = (part: number, whole: number) => (whole === 0 ? 0 : (100 * part) / whole);
const harmonicMean = (p: number, r: number) => (p + r === 0 ? 0 : (2 * p * r) / (p + r));

/** Precision, recall and F1 from summed counts (0 where a denominator is 0). */
export function computeTe3Scores(counts: Te3Counts): Te3Scores {
  const strictPrecision = percent(counts.strict, counts.system);
  const strictRecall = percent(counts.strict, counts.gold);
  const relaxedPrecision = percent(counts.relaxed, counts.system);
  const relaxedRecall = percent(counts.relaxed, counts.gold);
  const relaxedF1 = harmonicMean(relaxedPrecision, relaxedRecall);
  const attributeF1 = (matching: number) =>
    counts.relaxed === 0 ? 0 : (matching / counts.relaxed) * relaxedF1;
  return {
    ...counts,
    strictPrecision,
    strictRecall,
    strictF1: harmonicMean(strictPrecision, strictRecall),
    relaxedPrecision,
    relaxedRecall,
    relaxedF1,
    typeF1: attributeF1(counts.type),
    valueF1: attributeF1(counts.value),
  };
}

/** Counts of one document's pairing. */
export function countMatches(match: DocumentMatch): Te3Counts {
  return {
    gold: match.matches.length + match.missed.length,
    system: match.matches.length + match.spurious.length,
    strict: match.matches.filter((pair) => pair.strict).length,
    relaxed: match.matches.length,
    type: match.matches.filter((pair) => pair.gold.type === pair.system.type).length,
    value: match.matches.filter((pair) => pair.gold.value === pair.system.value).length,
  };
}

/**
 * Scores system documents against gold ones like the TempEval-3 toolkit (Task A, TIMEX3):
 * documents paired by the caller, same tokens in both, counts summed over all documents,
 * then P = matches/S, R = matches/G, F1, and type/value F1 = (same attribute / relaxed) x relaxed
 * F1. The DCT is not a TEXT timex, so it is never among the TIMEX3s scored.
 *
 * @example scoreTe3([{ gold, system }]).scores.relaxedF1 // 93.75
 */
export function scoreTe3<T extends ScorableTimex>(
  pairs: readonly { readonly gold: ScorableDocument<T>; readonly system: ScorableDocument<T> }[],
): { scores: Te3Scores; documents: DocumentMatch<T>[] } {
  const documents: DocumentMatch<T>[] = [];
  const total = { gold: 0, system: 0, strict: 0, relaxed: 0, type: 0, value: 0 };
  for (const { gold, system } of pairs) {
    const match = matchTimexes(gold, system);
    documents.push(match);
    const counts = countMatches(match);
    for (const key of Object.keys(total) as (keyof Te3Counts)[]) total[key] += counts[key];
  }
  return { scores: computeTe3Scores(total), documents };
}
