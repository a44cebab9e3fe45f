import type { Parser, ParsingContext } from 'chrono-node';
import { addDays, addMonths, startOfIsoWeek } from '../calendar.ts';
import { referenceDayOf } from '../chrono-reference.ts';
import { gatedPattern } from '../keyword-gate.ts';
import { MONTH_ABBREVIATIONS, MONTH_NAME_SOURCE, MONTH_NAMES, monthNumberOf } from '../lexicon.ts';
import { directionTag, granularityTag, modTag } from '../tags.ts';
import type { TimexMod } from '../timex.ts';
import type { TimexFamily } from './family.ts';

const PERIOD_PART_RE = new RegExp(
  String.raw`(?<![\w'])(early|mid|late|(?:the\s+)?(?:start|beginning|middle|end)\s+of)[\s-]+` +
    String.raw`(?:(?:(this|last|past|next|coming|the)\s+)?(week|month|year)|(${MONTH_NAME_SOURCE})\.?(?:,?\s+(\d{4}))?|(\d{4}))(?![\w'])`,
  'i',
);

function modOf(part: string): TimexMod {
  const word = part.toLowerCase();
  if (word.startsWith('early') || word.includes('start') || word.includes('beginning')) return 'START';
  if (word.startsWith('mid') || word.includes('middle')) return 'MID';
  return 'END';
}

/**
 * The part of a period, kept as the period plus a TIMEX3 `mod` (chrono drops the modifier, #234).
 * - "early next year" → `2019` mod START; "late last year" → `2017` mod END
 * - "the end of the month" → `2018-11` mod END; "mid-week" is not handled
 * - "mid-December", "early March" → the month (year by tense) mod MID / START; "mid-May 1998" →
 *   `1998-05` MID
 * - "early 2019", "the end of 2017" → the year with its mod
 */
const periodPartParser: Parser = {
  pattern: gatedPattern(/early|mid|late|start|beginning|middle|end/i, PERIOD_PART_RE),
  extract: (context: ParsingContext, match: RegExpMatchArray) => {
    const mod = modOf(match[1] ?? '');
    const reference = referenceDayOf(context);
    const qualifier = (match[2] ?? 'this').toLowerCase();
    const offset =
      qualifier === 'next' || qualifier === 'coming'
        ? 1
        : qualifier === 'last' || qualifier === 'past'
          ? -1
          : 0;
    const index = match.index ?? 0;
    const unit = match[3]?.toLowerCase();
    if (unit === 'year') {
      const result = context.createParsingResult(index, match[0], { year: reference.year + offset });
      result.addTags([granularityTag('year'), modTag(mod)]);
      return result;
    }
    if (unit === 'month') {
      const month = addMonths({ ...reference, day: 1 }, offset);
      const result = context.createParsingResult(index, match[0], { year: month.year, month: month.month });
      result.addTags([granularityTag('month'), modTag(mod)]);
      return result;
    }
    if (unit === 'week') {
      const monday = addDays(startOfIsoWeek(reference), 7 * offset);
      const result = context.createParsingResult(index, match[0], monday);
      result.addTags([granularityTag('week'), modTag(mod)]);
      return result;
    }
    if (match[4] && match[5]) {
      const result = context.createParsingResult(index, match[0], {
        year: Number(match[5]),
        month: monthNumberOf(match[4]),
      });
      result.addTags([granularityTag('month'), modTag(mod)]);
      return result;
    }
    if (match[4]) {
      const result = context.createParsingResult(index, match[0], { month: monthNumberOf(match[4]) });
      result.addTags([granularityTag('month'), modTag(mod), directionTag('tense')]);
      return result;
    }
    const result = context.createParsingResult(index, match[0], { year: Number(match[6]) });
    result.addTags([granularityTag('year'), modTag(mod)]);
    return result;
  },
};

// "year-end", "the year's end", "year end": the end of the reference year (of last year's after
// "last"), the year with mod END.
const YEAR_END_RE =
  /(?<![\w'-])(?:(last|this|next)\s+)?(?:(?:the\s+)?year['’]s\s+end|year[-\s]end)(?![\w'-])/i;

/** "at year-end" → the reference year, mod END; "last year-end" → the year before. */
const yearEndParser: Parser = {
  pattern: gatedPattern(/end/i, YEAR_END_RE),
  extract: (context: ParsingContext, match: RegExpMatchArray) => {
    const qualifier = (match[1] ?? 'this').toLowerCase();
    const offset = qualifier === 'last' ? -1 : qualifier === 'next' ? 1 : 0;
    const result = context.createParsingResult(match.index ?? 0, match[0], {
      year: referenceDayOf(context).year + offset,
    });
    result.addTags([granularityTag('year'), modTag('END')]);
    return result;
  },
};

export const periodPartsFamily: TimexFamily = {
  name: 'parts of a period',
  // Every part names its period: "early next year", "the end of the month", "mid-December".
  gateWords: ['week', 'month', 'year', ...MONTH_NAMES, ...MONTH_ABBREVIATIONS],
  parsers: [periodPartParser, yearEndParser],
  examples: [
    { sentence: 'Talks will resume early next year.', text: 'early next year' },
    { sentence: 'The money ran out at the end of the month.', text: 'the end of the month' },
  ],
};
