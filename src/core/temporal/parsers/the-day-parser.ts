import type { Parser, ParsingContext } from 'chrono-node';
import { referenceDayOf } from '../chrono-reference.ts';
import { gatedPattern } from '../keyword-gate.ts';
import { granularityTag } from '../tags.ts';

// "closed the day", "for the day": the day of the report. Not "the day before", "the day of the
// attack", "the day when…", which name another day.
const THE_DAY_RE =
  /(?<=\b(?:closed|ended|finished|started|began|opened|close|end|start|for|on)\s+)the day(?!\s+(?:before|after|of|that|when|earlier|later|in|he|she|they|it)\b)(?![\w'-])/i;

/**
 * "the day" as market reports use it ("the Dow closed the day up 2%") → the reference day.
 */
export const theDayParser: Parser = {
  pattern: gatedPattern(/the day/i, THE_DAY_RE),
  extract: (context: ParsingContext, match: RegExpMatchArray) => {
    const result = context.createParsingResult(match.index ?? 0, match[0], referenceDayOf(context));
    result.addTag(granularityTag('day'));
    return result;
  },
};
