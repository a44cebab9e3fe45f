import type { Parser, ParsingContext } from 'chrono-node';
import { gatedPattern } from '../keyword-gate.ts';
import { directionTag, granularityTag } from '../tags.ts';

const WEEKEND_RE = /(?<![\w'])(?:(this|last|past|next|coming|the)\s+)?week-?ends?(?![\w'])/i;

/**
 * A weekend as one period (TIMEX3 `2018-W44-WE`), not chrono's single Saturday (chrono #169, #572).
 * - "the weekend", "this weekend": by the tense of the sentence (past in news by default)
 * - "last weekend", "the past weekend": the weekend before the reference week
 * - "next weekend", "the coming weekend": the one after
 * The day itself is chosen by the tense-direction refiner.
 */
export const weekendParser: Parser = {
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
