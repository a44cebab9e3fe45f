import type { Parser, ParsingContext, Refiner } from 'chrono-node';
import { gatedPattern } from '../keyword-gate.ts';
import { directionTag, granularityTag } from '../tags.ts';
import type { TimexFamily } from './family.ts';

const WEEKEND_RE = /(?<![\w'])(?:(this|last|past|next|coming|the)\s+)?week-?ends?(?![\w'])/i;

/**
 * A weekend as one period (TIMEX3 `2018-W44-WE`), not chrono's single Saturday (chrono #169, #572).
 * - "the weekend", "this weekend": by the tense of the sentence (past in news by default)
 * - "last weekend", "the past weekend": the weekend before the reference week
 * - "next weekend", "the coming weekend": the one after
 * The day itself is chosen by the tense-direction refiner.
 */
const weekendParser: Parser = {
  pattern: gatedPattern(/weekend/i, WEEKEND_RE),
  extract: (context: ParsingContext, match: RegExpMatchArray) => {
    const qualifier = (match[1] ?? 'the').toLowerCase();
    const direction =
      qualifier === 'last' || qualifier === 'past'
        ? 'past'
        : qualifier === 'next' || qualifier === 'coming'
          ? 'future'
          : 'tense';
    const result = context.createParsingResult(match.index ?? 0, match[0], { weekday: 6 });
    result.addTag(granularityTag('weekend'));
    result.addTag(directionTag(direction));
    return result;
  },
};

const WEEK_OF_BEFORE_RE = /\bthe\s+week\s+of\s+$/i;

/**
 * "the week of March 6" is that whole week (TIMEX3 `2000-W10`), not March 6.
 */
const weekOfRefiner: Refiner = {
  refine: (context, results) =>
    results.map((result) => {
      const prefix = WEEK_OF_BEFORE_RE.exec(
        context.text.slice(Math.max(0, result.index - 16), result.index),
      )?.[0];
      if (!prefix || !result.start.isCertain('day')) return result;
      const week = context.createParsingResult(result.index - prefix.length, `${prefix}${result.text}`);
      week.start = result.start;
      week.addTag(granularityTag('week'));
      return week;
    }),
};

export const weeksFamily: TimexFamily = {
  name: 'weeks and weekends',
  gateWords: ['week', 'weeks', 'weekend', 'weekends', 'weekday', 'weekdays', 'fortnight', 'fortnights'],
  parsers: [weekendParser],
  refiners: { afterDirection: [weekOfRefiner] },
  examples: [
    { sentence: 'Fighting resumed over the weekend.', text: 'the weekend' },
    { sentence: 'The vote is the week of December 3.', text: 'the week of December 3' },
  ],
};
