import type { Parser, ParsingContext } from 'chrono-node';
import { referenceDayOf } from '../chrono-reference.ts';
import { gatedPattern } from '../keyword-gate.ts';
import { granularityTag } from '../tags.ts';
import type { TimexFamily } from './family.ts';

// "the first half", "the second half of 1998", "the last half of the year", "the 1998 first
// half", "first-half profit". "the first half of the stadium" names no period.
const HALF_RE =
  /(?<![\w'-])(?:(the\s+)(?:(\d{4})\s+)?(?:fiscal\s+)?(first|second|last)\s+half(?:\s+of\s+(?:(this|last|next|the)\s+(?:fiscal\s+)?year|(?:fiscal\s+)?(\d{4})))?|(first|second)-half)(?![\w'-])(?!\s+of\b)/i;

/**
 * Halves of a year, as financial news names them (TIMEX3 `2018-H1`, `2018-H2`):
 * - "the first half", "first-half profit" → the reference year's first half, `2018-H1`
 * - "the second half of 1998", "the 1998 second half", "the last half of last year" → that year's
 * A half is six months from January or July (a span of days, so a timeline event).
 */
const halfParser: Parser = {
  pattern: gatedPattern(/half/i, HALF_RE),
  extract: (context: ParsingContext, match: RegExpMatchArray) => {
    const [, , leadingYear, ordinal, relative, trailingYear, adjectival] = match;
    const reference = referenceDayOf(context).year;
    const offset = relative?.toLowerCase() === 'last' ? -1 : relative?.toLowerCase() === 'next' ? 1 : 0;
    const year = Number(leadingYear ?? trailingYear ?? reference + offset);
    const half = (ordinal ?? adjectival ?? '').toLowerCase() === 'first' ? 1 : 2;
    const result = context.createParsingResult(match.index ?? 0, match[0], {
      year,
      month: half === 1 ? 1 : 7,
    });
    result.start.imply('day', 1);
    result.addTag(granularityTag('half'));
    return result;
  },
};

export const halvesFamily: TimexFamily = {
  name: 'halves',
  gateWords: ['half', 'first-half', 'second-half'],
  lateParsers: [halfParser],
  examples: [
    { sentence: 'Profit rose in the first half.', text: 'the first half' },
    { sentence: 'Sales fell in the second half of 1998.', text: 'the second half of 1998' },
  ],
};
