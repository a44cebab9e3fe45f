import type { Anaphor } from './families/anaphora.ts';

/** TimeML TIMEX3 types. */
export type TimexType = 'DATE' | 'TIME' | 'DURATION' | 'SET';

/** How much of the calendar a date names: the unit of its `value`. */
export type Granularity =
  | 'time'
  | 'day'
  | 'weekend'
  | 'week'
  | 'month'
  | 'quarter'
  | 'half'
  | 'season'
  | 'year'
  | 'decade'
  | 'century'
  | 'vague';

/** TIMEX3 `mod` values (TimeML 1.2.1 guidelines, section 2.2). */
export type TimexMod =
  | 'START'
  | 'MID'
  | 'END'
  | 'APPROX'
  | 'BEFORE'
  | 'AFTER'
  | 'LESS_THAN'
  | 'MORE_THAN'
  | 'EQUAL_OR_LESS'
  | 'EQUAL_OR_MORE';

/**
 * One temporal expression found in a text, normalised the TimeML way.
 *
 * @example
 * // "KCNA said November 2" read on 2018-11-08:
 * { type: 'DATE', value: '2018-11-02', granularity: 'day', text: 'November 2', start: 10, end: 20,
 *   range: { start: '2018-11-02', end: '2018-11-02' }, anchor: '2018-11-08' }
 */
export interface Timex {
  readonly type: TimexType;
  /** TIMEX3 value: `2018-11-02`, `2018-06`, `2018-W44-WE`, `2019`, `PRESENT_REF`… */
  readonly value: string;
  readonly mod?: TimexMod;
  readonly granularity: Granularity;
  /** The expression as written. */
  readonly text: string;
  /** Character offsets of `text` in the text that was tagged (UTF-16 code units, end exclusive). */
  readonly start: number;
  readonly end: number;
  /** First and last calendar day covered (ISO dates); absent for vague references. */
  readonly range?: { readonly start: string; readonly end: string };
  /** The ISO date this expression was resolved against (the reference date). */
  readonly anchor: string;
  /**
   * Whether the date is written out, by a digit, a month's or a holiday's name ("November 2",
   * "2019", "Christmas"), rather than relative to the reference ("Wednesday", "last week").
   */
  readonly explicit: boolean;
  /** How the expression leans on the story's last date ("two days later"), if it does. */
  readonly anaphor?: Anaphor;
  /** The expression names a quarter by its number ("the third quarter", "Q3"): the quarter under discussion. */
  readonly namesQuarter?: true;
  /**
   * For "the quarter", "the year-ago period": quarters from the quarter the text is discussing
   * (0 or -4), which the document tagger resolves against the last quarter mentioned.
   */
  readonly quarterOffset?: number;
  /**
   * For a duration that measures from an event ("five months after the summit"): the date of
   * that event, which is what a timeline needs.
   */
  readonly impliedDate?: {
    readonly value: string;
    readonly granularity: Granularity;
    readonly range: { readonly start: string; readonly end: string };
  };
}
