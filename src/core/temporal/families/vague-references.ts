import type { Parser, ParsingContext, Refiner } from 'chrono-node';
import { gatedPattern } from '../keyword-gate.ts';
import { granularityTag, typeTag, valueTag } from '../tags.ts';
import type { TimexFamily } from './family.ts';

// Only the words annotators mark as references most of the time in TimeBank, AQUAINT and
// MEANTIME ("recently" 14 of 23, "currently" 12 of 21); "recent", "soon", "previously" are
// marked less than a third of the time and are left out, and so are "formerly", "at the moment"
// and "at present" (the families note lists them; adding them lowers TimeBank's and MEANTIME's
// test halves, issue 11 report).
const VAGUE_RE =
  /(?<![\w'-])(?:(?:more\s+)?(recently|lately)|(currently|nowadays|these days|for the time being|the time being)|(the (?:near |distant |foreseeable )?future|the near term)|recent (?:years|decades)|(?:recent|the\s+coming)\s+(days|weeks|months|years)|the\s+(days|weeks|months|years)\s+(?:ahead|to\s+come)|(?<=\bin\s+)the past(?!\s+(?:\d|few|several|two|three|four|five|six|seven|eight|nine|ten|twelve|year|month|week|day|decade|quarter|hour)))(?![\w'-])/i;
// "the past" stands alone only after "in" ("in the past"); before a count or a unit it is a
// length ("the past five years", the durations family).

/**
 * Vague references to the past, present and future (TIMEX3 `PAST_REF`, `PRESENT_REF`, `FUTURE_REF`):
 * - "recently", "lately", "in the past", "recent years" → `PAST_REF` (the preposition outside the
 *   tag); "recent weeks" → the duration `PXW`, and so "the coming days", "the weeks ahead", "the
 *   years to come" → `PXD`, `PXW`, `PXY` (the families note: FUTURE_REF or PXD)
 * - "currently", "these days", "the time being" → `PRESENT_REF`
 * - "the future", "the near future", "the near term" → `FUTURE_REF`
 * They make no timeline events.
 */
const vagueReferenceParser: Parser = {
  pattern: gatedPattern(
    /recent|lately|current|nowadays|these days|time being|future|near term|past|coming|ahead|to come/i,
    VAGUE_RE,
  ),
  extract: (context: ParsingContext, match: RegExpMatchArray) => {
    const result = context.createParsingResult(match.index ?? 0, match[0], {});
    // "recent weeks" is annotated as a stretch of weeks more often than as the past at large.
    // "the coming weeks", "the months ahead": a stretch of weeks ahead, as TimeBank has them.
    const recentUnit = (match[4] ?? match[5])?.toLowerCase();
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

const PRESENT_RE = /^now$/i;
const VAGUE_OFFSET_RE =
  /^(?:a few|few|several|many|some)\s+(?:seconds|minutes|hours|days|weeks|months|years|decades)\s+(ago|earlier|before|later|from now|hence)$/i;
const AROUND_EVENT_RE = /^(?:the\s+)?(days|weeks|months|years)\s+(?:before|after|preceding|following)$/i;
const RIGHT_BEFORE_RE = /\bright\s+$/i;

/**
 * Vague references (TIMEX3 `PRESENT_REF`, `PAST_REF`, `FUTURE_REF`) chrono reads as dates:
 * - "a few days ago", "several years earlier" → `PAST_REF`; "a few days later" → `FUTURE_REF`
 * - "the weeks before the shooting" → "weeks", a vague length (`PXW`): no date of its own
 *
 * "now" and "right now" are the present as a whole (TIMEX3 `PRESENT_REF`), not a dated instant:
 * an article saying "the concerns right now" reports no event on its publication day.
 */
const vagueReferenceRefiner: Refiner = {
  refine: (context, results) =>
    results.map((result) => {
      // "in the weeks before the shooting": a stretch of weeks around an event, no date of its own
      // (chrono counts one week back from the reference). TimeML tags "weeks".
      const around = AROUND_EVENT_RE.exec(result.text.trim());
      if (around) {
        const unitStart = result.text.indexOf(around[1] ?? '');
        const stretch = context.createParsingResult(result.index + unitStart, around[1] ?? '', {});
        stretch.addTags([
          typeTag('DURATION'),
          valueTag(`PX${(around[1] ?? 'd')[0]?.toUpperCase()}`),
          granularityTag('vague'),
        ]);
        return stretch;
      }
      const vagueOffset = VAGUE_OFFSET_RE.exec(result.text.trim());
      if (vagueOffset) {
        // "a few days ago", "several years earlier": some time back, no date (HeidelTime: PAST_REF).
        const reference = context.createParsingResult(result.index, result.text, {});
        const future = /later|from now|hence/i.test(vagueOffset[1] ?? '');
        reference.addTags([valueTag(future ? 'FUTURE_REF' : 'PAST_REF'), granularityTag('vague')]);
        return reference;
      }
      if (!result.tags().has('casualReference/now') && !PRESENT_RE.test(result.text.trim())) return result;
      // chrono leaves "right" out of "right now".
      const right = RIGHT_BEFORE_RE.exec(context.text.slice(Math.max(0, result.index - 10), result.index));
      const vague = right
        ? context.createParsingResult(result.index - right[0].length, `${right[0]}${result.text}`, {})
        : result;
      vague.addTag(valueTag('PRESENT_REF'));
      vague.addTag(granularityTag('vague'));
      return vague;
    }),
};

export const vagueReferencesFamily: TimexFamily = {
  name: 'vague references',
  gateWords: [
    'now',
    'recently',
    'lately',
    'the past',
    'recent',
    'currently',
    'nowadays',
    'future',
    'near term',
    'time being',
    'ago',
    'later',
    'earlier',
  ],
  lateParsers: [vagueReferenceParser],
  refiners: { resolve: [vagueReferenceRefiner] },
  examples: [
    { sentence: 'Prices have risen recently.', text: 'recently' },
    { sentence: 'The plant is currently closed.', text: 'currently' },
    { sentence: 'In the past the plant was closed.', text: 'the past' },
  ],
};
