import type { Parser, ParsingContext } from 'chrono-node';
import { gatedPattern } from '../keyword-gate.ts';
import { granularityTag, typeTag, valueTag } from '../tags.ts';

// Only the words annotators mark as references most of the time in TimeBank, AQUAINT and
// MEANTIME ("recently" 14 of 23, "currently" 12 of 21); "recent", "soon", "previously" are
// marked less than a third of the time and are left out.
const VAGUE_RE =
  /(?<![\w'-])(?:(?:more\s+)?(recently|lately)|(currently|nowadays|these days|for the time being|the time being)|(the (?:near |distant |foreseeable )?future|the near term)|recent (?:years|decades)|recent (days|weeks|months))(?![\w'-])/i;

/**
 * Vague references to the past, present and future (TIMEX3 `PAST_REF`, `PRESENT_REF`, `FUTURE_REF`):
 * - "recently", "lately", "recent years" → `PAST_REF`; "recent weeks" → the duration `PXW`
 * - "currently", "these days", "the time being" → `PRESENT_REF`
 * - "the future", "the near future", "the near term" → `FUTURE_REF`
 * They make no timeline events.
 */
export const vagueReferenceParser: Parser = {
  pattern: gatedPattern(/recent|lately|current|nowadays|these days|time being|future|near term/i, VAGUE_RE),
  extract: (context: ParsingContext, match: RegExpMatchArray) => {
    const result = context.createParsingResult(match.index ?? 0, match[0], {});
    // "recent weeks" is annotated as a stretch of weeks more often than as the past at large.
    const recentUnit = match[4]?.toLowerCase();
    if (recentUnit) {
      result.addTags([
        typeTag('DURATION'),
        valueTag(`PX${recentUnit[0]?.toUpperCase()}`),
        granularityTag('vague'),
      ]);
      return result;
    }
    const value = match[2] ? 'PRESENT_REF' : match[3] ? 'FUTURE_REF' : 'PAST_REF';
    result.addTags([valueTag(value), granularityTag('vague')]);
    return result;
  },
};
