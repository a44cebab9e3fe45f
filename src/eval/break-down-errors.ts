import type { DocumentMatch, ScorableTimex } from './te3-scorer.ts';
import { tokenizeTe3 } from './tokenize-te3.ts';

/** A TIMEX3 as the breakdown shows it: what the scorer needs and the words it covers. */
export interface DescribedTimex extends ScorableTimex {
  readonly text: string;
}

/** Errors of one kind that look alike, with a few examples (`file: "gold" -> "ours"`). */
export interface ErrorGroup {
  readonly kind: 'missed' | 'spurious' | 'wrong-span' | 'wrong-type' | 'wrong-value';
  readonly key: string;
  readonly count: number;
  readonly examples: readonly string[];
}

/** How the gold TIMEX3s of one type fared. */
export interface TypeErrors {
  readonly gold: number;
  /** No system TIMEX3 overlaps it. */
  readonly missed: number;
  /** Overlapped but not the same tokens (relaxed but not strict). */
  readonly wrongSpan: number;
  readonly wrongType: number;
  readonly wrongValue: number;
}

/** Where a tagger loses points against gold, summed over documents. */
export interface ErrorBreakdown {
  readonly byGoldType: Readonly<Record<string, TypeErrors>>;
  /** System TIMEX3s without gold, by the type the system gave them. */
  readonly spuriousByType: Readonly<Record<string, number>>;
  /** Every group of every kind, most frequent first. */
  readonly groups: readonly ErrorGroup[];
  readonly missed: readonly ErrorGroup[];
  readonly spurious: readonly ErrorGroup[];
  readonly wrongValues: readonly ErrorGroup[];
  readonly wrongSpans: readonly ErrorGroup[];
  readonly wrongTypes: readonly ErrorGroup[];
}

const GOLD_TYPES = ['DATE', 'TIME', 'DURATION', 'SET'];
const EXAMPLES_PER_GROUP = 3;

/** The words of a TIMEX3 as a group key: lower case, one blank, every digit a 9. */
function normaliseWords(text: string): string {
  return text.trim().replace(/\s+/g, ' ').toLowerCase().replace(/\d/g, '9');
}

/**
 * The form of a TIMEX3 value without its numbers, so that errors of one kind group together:
 * dates keep one 9 per digit (granularity shows: 9999-99-99, 9999-99, 999 = a decade),
 * durations and sets one n per number (P3M and P12M -> PnM).
 */
export function shapeValue(value: string): string {
  if (/^[PR]/.test(value)) return value.replace(/\d+(?:\.\d+)?/g, 'n');
  return value.replace(/\d/g, '9');
}

/** gold value -> ours as shapes; for two dates of one shape, which way we went wrong. */
function describeValueError(gold: string, ours: string): string {
  const goldShape = shapeValue(gold);
  const ourShape = shapeValue(ours);
  if (goldShape !== ourShape || /^[PR]/.test(gold)) return `${goldShape} -> ${ourShape}`;
  return `${goldShape} -> ${ourShape} (ours ${ours < gold ? 'earlier' : 'later'})`;
}

/** The longest run of words both lists share: [start in a, start in b, length]. */
function findCommonRun(a: readonly string[], b: readonly string[]): [number, number, number] {
  let best: [number, number, number] = [0, 0, 0];
  for (let i = 0; i < a.length; i += 1) {
    for (let j = 0; j < b.length; j += 1) {
      let length = 0;
      while (i + length < a.length && j + length < b.length && a[i + length] === b[j + length]) length += 1;
      if (length > best[2]) best = [i, j, length];
    }
  }
  return best;
}

/**
 * What the gold words have that ours lack and the other way round, at each end, from the
 * TIMEX3s' own words (gold and system offsets may be into texts whose blanks differ).
 */
function describeSpanError(gold: string, ours: string): string {
  const words = (text: string) => tokenizeTe3(normaliseWords(text)).map((token) => token.text);
  const goldWords = words(gold);
  const ourWords = words(ours);
  const [goldStart, ourStart, length] = findCommonRun(goldWords, ourWords);
  if (length === 0) return `"${normaliseWords(gold)}" vs "${normaliseWords(ours)}"`;
  const parts: string[] = [];
  const side = (list: readonly string[], what: string) => {
    if (list.length > 0) parts.push(`${what} "${list.join(' ')}"`);
  };
  side(goldWords.slice(0, goldStart), 'missing before');
  side(ourWords.slice(0, ourStart), 'extra before');
  side(goldWords.slice(goldStart + length), 'missing after');
  side(ourWords.slice(ourStart + length), 'extra after');
  return parts.join(', ') || 'same words, other tokens';
}

class Groups {
  readonly #groups = new Map<string, { count: number; examples: string[] }>();
  constructor(readonly kind: ErrorGroup['kind']) {}
  add(key: string, example: string): void {
    const group = this.#groups.get(key) ?? { count: 0, examples: [] };
    group.count += 1;
    if (group.examples.length < EXAMPLES_PER_GROUP) group.examples.push(example);
    this.#groups.set(key, group);
  }
  list(): ErrorGroup[] {
    return [...this.#groups]
      .map(([key, { count, examples }]) => ({ kind: this.kind, key, count, examples }))
      .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
  }
}

/**
 * Sorts the scorer's pairings into error kinds per gold type (missed, wrong span, type, value)
 * and spurious ones per system type, and groups look-alike errors: missed and spurious by their
 * words, wrong values by value shape (`9999-99-99 -> PRESENT_REF`), wrong spans by the words one
 * side has and the other lacks (`missing before "the"`).
 *
 * @example breakDownErrors(scoreTe3(pairs).documents).groups[0]
 * // { kind: 'wrong-value', key: 'DATE 9999-99-99 -> 9999-99-99 (ours later)', count: 41, examples: [...] }
 */
export function breakDownErrors(documents: readonly DocumentMatch<DescribedTimex>[]): ErrorBreakdown {
  const byGoldType: Record<string, { -readonly [K in keyof TypeErrors]: number }> = {};
  const spuriousByType: Record<string, number> = {};
  const forType = (type: string) => {
    byGoldType[type] ??= { gold: 0, missed: 0, wrongSpan: 0, wrongType: 0, wrongValue: 0 };
    return byGoldType[type];
  };
  for (const type of GOLD_TYPES) forType(type);
  const missed = new Groups('missed');
  const spurious = new Groups('spurious');
  const wrongSpans = new Groups('wrong-span');
  const wrongTypes = new Groups('wrong-type');
  const wrongValues = new Groups('wrong-value');

  for (const document of documents) {
    const where = (timex: DescribedTimex) => `${document.name}: "${timex.text}"`;
    for (const timex of document.missed) {
      const counts = forType(timex.type);
      counts.gold += 1;
      counts.missed += 1;
      missed.add(`${timex.type} "${normaliseWords(timex.text)}"`, `${where(timex)} ${timex.value}`);
    }
    for (const timex of document.spurious) {
      spuriousByType[timex.type] = (spuriousByType[timex.type] ?? 0) + 1;
      spurious.add(`${timex.type} "${normaliseWords(timex.text)}"`, `${where(timex)} ${timex.value}`);
    }
    for (const { gold, system, strict } of document.matches) {
      const counts = forType(gold.type);
      counts.gold += 1;
      const pair = gold.text === system.text ? where(gold) : `${where(gold)} -> "${system.text}"`;
      if (!strict) {
        counts.wrongSpan += 1;
        wrongSpans.add(`${gold.type} ${describeSpanError(gold.text, system.text)}`, pair);
      }
      if (gold.type !== system.type) {
        counts.wrongType += 1;
        wrongTypes.add(`${gold.type} -> ${system.type}`, `${pair} ${system.value}`);
      }
      if (gold.value !== system.value) {
        counts.wrongValue += 1;
        wrongValues.add(
          `${gold.type} ${describeValueError(gold.value, system.value)}`,
          `${pair} ${gold.value} -> ${system.value}`,
        );
      }
    }
  }
  const lists = {
    missed: missed.list(),
    spurious: spurious.list(),
    wrongValues: wrongValues.list(),
    wrongSpans: wrongSpans.list(),
    wrongTypes: wrongTypes.list(),
  };
  const groups = Object.values(lists)
    .flat()
    .sort((a, b) => b.count - a.count || a.kind.localeCompare(b.kind) || a.key.localeCompare(b.key));
  return { byGoldType, spuriousByType, groups, ...lists };
}
