import type { EventDate } from '../events.ts';
import type { Timex } from '../temporal/timex.ts';

/**
 * The calendar date an expression gives an event: a date or time with a span of days, or the
 * implied date of a duration measured from an event ("five months after the summit").
 * Durations, sets and vague references ("recently") give none: they make no timeline entry.
 *
 * @example eventDateOf(tagDocument('Kim spoke on November 2.', reference)[0]) // { value: '2018-11-02', start: '2018-11-02', end: '2018-11-02', granularity: 'day' }
 */
export function eventDateOf(timex: Timex): EventDate | undefined {
  if ((timex.type === 'DATE' || timex.type === 'TIME') && timex.range && timex.granularity !== 'vague') {
    return {
      value: timex.value,
      start: timex.range.start,
      end: timex.range.end,
      granularity: timex.granularity,
      ...(timex.mod ? { mod: timex.mod } : {}),
    };
  }
  const implied = timex.impliedDate;
  return (
    implied && {
      value: implied.value,
      start: implied.range.start,
      end: implied.range.end,
      granularity: implied.granularity,
    }
  );
}

/** A date of a sentence and the expression that names it. */
export interface DateMention {
  readonly timex: Timex;
  readonly date: EventDate;
}

/**
 * The dates of one sentence's events, in text order, one for each value: a sentence that names
 * one date twice ("next year, sometime early next year") reports one event, dated by its
 * most specific mention (one with a modifier, else the one in more words).
 *
 * @example eventDatesOf(tagDocument('Talks resume next year, sometime early next year.', reference)).map((m) => m.timex.text) // ['early next year']
 */
export function eventDatesOf(timexes: readonly Timex[]): DateMention[] {
  const byValue = new Map<string, DateMention>();
  for (const timex of timexes) {
    const date = eventDateOf(timex);
    if (!date) continue;
    const seen = byValue.get(date.value);
    if (
      !seen ||
      (date.mod && !seen.date.mod) ||
      (!seen.date.mod && timex.text.length > seen.timex.text.length)
    ) {
      byValue.set(date.value, { timex, date });
    }
  }
  return [...byValue.values()].sort((a, b) => a.timex.start - b.timex.start);
}
