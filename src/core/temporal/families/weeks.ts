import type { Parser, ParsingContext, Refiner } from 'chrono-node';
import { gatedPattern } from '../keyword-gate.ts';
import { directionTag, granularityTag } from '../tags.ts';
import type { TimexFamily } from './family.ts';

const WEEKEND_RE =
  /(?<![\w'])(?:(this\s+past|this\s+coming|this|last|past|next|coming|the)\s+)?week-?ends?(?![\w'])/i;

/**
 * A weekend as one period (TIMEX3 `2018-W44-WE`), not chrono's single Saturday (chrono #169, #572).
 * - "the weekend", "this weekend": by the tense of the sentence (past in news by default)
 * - "last weekend", "the past weekend", "this past weekend": the weekend before the reference week
 * - "next weekend", "the coming weekend", "this coming weekend": the one after
 * The day itself is chosen by the tense-direction refiner.
 */
const weekendParser: Parser = {
  pattern: gatedPattern(/weekend/i, WEEKEND_RE),
  extract: (context: ParsingContext, match: RegExpMatchArray) => {
    const qualifier = (match[1] ?? 'the').toLowerCase().replace(/^this\s+(?=past|coming)/, '');
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

const WEEK_OF_BEFORE_RE = /\bthe\s+(week|weekend)\s+of\s+$/i;

/**
 * "the week of March 6" is that whole week (TIMEX3 `2000-W10`), not March 6; "the weekend of
 * Nov. 3" that weekend (`2018-W44-WE`), one expression in place of the weekend and the day.
 */
const weekOfRefiner: Refiner = {
  refine: (context, results) => {
    const merged = results.map((result) => {
      const prefix = WEEK_OF_BEFORE_RE.exec(context.text.slice(Math.max(0, result.index - 20), result.index));
      if (!prefix || !result.start.isCertain('day')) return result;
      const week = context.createParsingResult(result.index - prefix[0].length, `${prefix[0]}${result.text}`);
      week.start = result.start;
      week.addTag(granularityTag(prefix[1]?.toLowerCase() === 'weekend' ? 'weekend' : 'week'));
      return week;
    });
    // The weekend parser's "the weekend" inside a merged "the weekend of Nov. 3" goes.
    return merged.filter(
      (result) =>
        !merged.some(
          (other) =>
            other !== result &&
            other.index <= result.index &&
            other.index + other.text.length >= result.index + result.text.length &&
            other.text.length > result.text.length,
        ),
    );
  },
};

export const weeksFamily: TimexFamily = {
  name: 'weeks and weekends',
  gateWords: ['week', 'weeks', 'weekend', 'weekends', 'weekday', 'weekdays', 'fortnight', 'fortnights'],
  parsers: [weekendParser],
  refiners: { afterDirection: [weekOfRefiner] },
  examples: [
    { sentence: 'Fighting resumed over the weekend.', text: 'the weekend' },
    { sentence: 'The vote is the week of December 3.', text: 'the week of December 3' },
    { sentence: 'Talks resumed on the weekend of Nov. 3.', text: 'the weekend of Nov. 3' },
  ],
};
