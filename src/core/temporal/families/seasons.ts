import type { Parser, ParsingContext } from 'chrono-node';
import { referenceDayOf } from '../chrono-reference.ts';
import { gatedPattern } from '../keyword-gate.ts';
import { granularityTag, SEASON_TAG } from '../tags.ts';
import type { TimexFamily } from './family.ts';

const SEASON_RE =
  /(?<![\w'-])(?:(this|last|past|next|coming|the)\s+)?(spring|summer|fall|autumn|winter)(?:\s+(?:of\s+)?(\d{4})|\s+of\s+(this|last|next)\s+year)?(?![\w'-])/i;

const PREPOSITION_BEFORE_RE = /\b(until|till|by|before|since)\s+$/i;
// "the fall of the regime", "the spring of his discontent": a noun of something else, not a season.
const OF_SOMETHING_AFTER_RE =
  /^\s+of\s+(?!\d{4}\b|(?:this|last|next|that)\s+year\b|nineteen\b|twenty\b|two\s+thousand\b)/i;

/** TIMEX3 season codes and the month each begins in (northern hemisphere, as the corpora use). */
const SEASONS: Record<string, { code: string; month: number }> = {
  spring: { code: 'SP', month: 3 },
  summer: { code: 'SU', month: 6 },
  fall: { code: 'FA', month: 9 },
  autumn: { code: 'FA', month: 9 },
  winter: { code: 'WI', month: 12 },
};

/**
 * Seasons (TIMEX3 `2018-SU`), which chrono does not read:
 * - "this summer" → the reference year's; "last fall", "next spring" → the one before or after
 * - "the summer of 1998", "winter 2019", "the spring of last year" → that year's
 * - "the summer" → by the tense, as a month ("closed in the spring" → the last, "will open in the
 *   spring" → the next); "until spring" → the next, "since spring" → the last
 * A bare "fall" or "spring" without a qualifier or year is a verb or a noun, not a date, and so is
 * "the fall of the regime".
 */
const seasonParser: Parser = {
  pattern: gatedPattern(/spring|summer|fall|autumn|winter/i, SEASON_RE),
  extract: (context: ParsingContext, match: RegExpMatchArray) => {
    // "until spring" looks ahead to the next one, "since spring" back to the last one.
    const before = context.text.slice(Math.max(0, (match.index ?? 0) - 8), match.index ?? 0);
    const preposition = PREPOSITION_BEFORE_RE.exec(before)?.[1]?.toLowerCase();
    const qualifier =
      match[1]?.toLowerCase() ?? (preposition === 'since' ? 'last' : preposition ? 'next' : undefined);
    const season = SEASONS[(match[2] ?? '').toLowerCase()];
    if (!season || (!qualifier && !match[3])) return null;
    if (!match[3] && OF_SOMETHING_AFTER_RE.test(context.text.slice((match.index ?? 0) + match[0].length)))
      return null;
    const reference = referenceDayOf(context);
    // "the spring of last year": that year's.
    const ofYear = match[4]?.toLowerCase();
    const yearOffset = ofYear === 'last' ? -1 : ofYear === 'next' ? 1 : 0;
    let year = match[3] ? Number(match[3]) : reference.year + yearOffset;
    const explicitYear = match[3] !== undefined || ofYear !== undefined;
    if (!explicitYear && (qualifier === 'last' || qualifier === 'past')) {
      // The last one that has ended: summer (June–August) seen from November is this year's.
      year = season.month + 2 < reference.month ? reference.year : reference.year - 1;
    }
    if (!explicitYear && (qualifier === 'next' || qualifier === 'coming')) {
      year = season.month > reference.month ? reference.year : reference.year + 1;
    }
    // "the spring" has no year of its own: the tense-direction refiner picks it, as for a month
    // ("will open in the spring" → the next one, "closed in the spring" → the last).
    const byTense = qualifier === 'the' && !explicitYear;
    const result = context.createParsingResult(
      match.index ?? 0,
      match[0],
      byTense ? { month: season.month } : { year, month: season.month },
    );
    if (byTense) result.start.imply('year', year);
    result.start.imply('day', 1);
    result.addTags([granularityTag('season'), `${SEASON_TAG}${season.code}`]);
    return result;
  },
};

export const seasonsFamily: TimexFamily = {
  name: 'seasons',
  gateWords: ['spring', 'summer', 'fall', 'autumn', 'winter'],
  lateParsers: [seasonParser],
  examples: [
    { sentence: 'The dam failed last spring.', text: 'last spring' },
    { sentence: 'Troops will leave this summer.', text: 'this summer' },
  ],
};
