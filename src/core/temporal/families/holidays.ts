import type { Parser, ParsingContext } from 'chrono-node';
import { referenceDayOf } from '../chrono-reference.ts';
import { holidayIn, holidayKeyOf } from '../holidays.ts';
import { gatedPattern } from '../keyword-gate.ts';
import { HOLIDAY_NAME_SOURCE } from '../lexicon.ts';
import { directionTag, granularityTag, HOLIDAY_TAG } from '../tags.ts';
import type { TimexFamily } from './family.ts';

const HOLIDAY_RE = new RegExp(
  `(?<![\\w'])(?:(last|past|next|coming|this)\\s+)?(${HOLIDAY_NAME_SOURCE})(?:,?\\s+((?:1[89]|20)\\d{2}))?(?![\\w'])`,
  'i',
);
// Only sentences naming a holiday try the full pattern (with its lookbehind).
const HOLIDAY_NAME_RE = new RegExp(HOLIDAY_NAME_SOURCE, 'i');

// "Christmas sales", "the Easter holidays": the holiday names a season of trade or rest, not a day.
// "Christmas trees", "Easter eggs": things of the holiday, not its day.
const SEASON_NOUN_AFTER_RE =
  /^(?:\s+and\s+new\s+year['’]?s?)?\s+(?:sales|shopping|shoppers|season|holidays?|period|break|rush|spending|trading|recess|trees?|cards?|gifts?|presents?|lights|carols?|decorations|ornaments|eggs?|bunny|songs?|music|specials?|bonus(?:es)?)\b/i;

/**
 * Named holidays as the day they fall on: "Thanksgiving Day" → `1999-11-25`, "last Christmas",
 * "Easter 2000". Which year is meant without one follows the tense of the sentence, as for a
 * month and day; the tense-direction refiner settles it (from the holiday tag).
 * Names are proper nouns: a lower-case "may day" or "labor day" is no holiday; and "Christmas
 * sales" is a season, not a day.
 */
const holidayParser: Parser = {
  pattern: gatedPattern(HOLIDAY_NAME_RE, HOLIDAY_RE),
  extract: (context: ParsingContext, match: RegExpMatchArray) => {
    const name = match[2] ?? '';
    const key = holidayKeyOf(name);
    // A proper noun, capitalised after any "the" ("the Fourth of July").
    if (!key || !/^(?:the\s+)?[A-Z]/.test(name)) return null;
    const after = context.text.slice((match.index ?? 0) + match[0].length);
    if (SEASON_NOUN_AFTER_RE.test(after)) return null;
    const result = context.createParsingResult(match.index ?? 0, match[0]);
    const qualifier = match[1]?.toLowerCase();
    // "Easter 2000" names its year; "this Christmas" is the one of the reference year.
    const year = match[3]
      ? Number(match[3])
      : qualifier === 'this'
        ? referenceDayOf(context).year
        : undefined;
    if (year !== undefined) {
      const date = holidayIn(key, year);
      result.start.assign('year', date.year);
      result.start.assign('month', date.month);
      result.start.assign('day', date.day);
      return result;
    }
    result.addTag(`${HOLIDAY_TAG}${key}`);
    result.addTag(granularityTag('day'));
    result.addTag(
      directionTag(
        qualifier === 'last' || qualifier === 'past'
          ? 'past'
          : qualifier === 'next' || qualifier === 'coming'
            ? 'future'
            : 'tense',
      ),
    );
    return result;
  },
};

export const holidaysFamily: TimexFamily = {
  name: 'holidays',
  gateWords: [
    'christmas',
    'easter',
    'thanksgiving',
    'halloween',
    'pentecost',
    'day',
    'eve',
    'july',
    'friday',
  ],
  parsers: [holidayParser],
  examples: [
    { sentence: 'Shops were busy on Thanksgiving Day.', text: 'Thanksgiving Day' },
    { sentence: 'The parade was held on Labor Day.', text: 'Labor Day' },
    { sentence: 'The parade was held on the Fourth of July.', text: 'the Fourth of July' },
  ],
};
