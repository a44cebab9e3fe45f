import { expect } from 'vitest';
import type { ReferenceDate } from '../../src/core/temporal/reference.ts';
import { tagDocument } from '../../src/core/temporal/tag-document.ts';
import type { Timex } from '../../src/core/temporal/timex.ts';

/** Thursday 2018-11-08 in UTC, the reference of ../shared/notes/timex3-families.md. */
export const THURSDAY: ReferenceDate = { date: { year: 2018, month: 11, day: 8 }, timezone: 'UTC' };

/**
 * One row of a family table: the text with every expression it must yield in [brackets], then
 * one `TYPE value` or `TYPE value MOD` per bracket, in order, with `→ date` after a length that
 * implies a date ("[five months] after the summit": `DURATION P5M → 2018-06`). A row without
 * brackets or tags is a text with no expression at all.
 *
 * @example ['Profit fell in [the third quarter].', 'DATE 2018-Q3']
 */
export type TimexRow = [marked: string, ...tags: string[]];

const BRACKET_RE = /[[\]]/g;

/** `TYPE value`, `TYPE value MOD`, and `→ date` for the date a length implies, as rows write it. */
function describeTimex({ type, value, mod, impliedDate }: Timex): string {
  const implied = impliedDate ? ` → ${impliedDate.value}` : '';
  return `${mod ? `${type} ${value} ${mod}` : `${type} ${value}`}${implied}`;
}

/** The text with a bracket at each expression's start and end offset. */
function markSpans(text: string, timexes: readonly Timex[]): string {
  let marked = '';
  let at = 0;
  for (const { start, end } of timexes) {
    marked += `${text.slice(at, start)}[${text.slice(start, end)}]`;
    at = end;
  }
  return marked + text.slice(at);
}

/**
 * Asserts that tagging the text of `marked` (brackets removed) with {@link tagDocument} yields
 * exactly the bracketed spans, at their offsets, with these types, values and mods, and nothing
 * else. A failure prints the text as we bracket it beside the expected one.
 *
 * @example expectTimexes('Prices rose in [1998].', ['DATE 1998'])
 */
export function expectTimexes(marked: string, tags: readonly string[], reference = THURSDAY): void {
  const text = marked.replace(BRACKET_RE, '');
  const timexes = tagDocument(text, reference);
  expect({ marked: markSpans(text, timexes), tags: timexes.map(describeTimex) }).toEqual({
    marked,
    tags,
  });
}

/** {@link expectTimexes} for `it.each` over {@link TimexRow}s. */
export const expectRow = (marked: string, ...tags: string[]): void => expectTimexes(marked, tags);
