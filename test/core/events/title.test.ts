import { describe, expect, it } from 'vitest';
import { clauseBreaksOf, titleOf } from '../../../src/core/events/title.ts';

/** The title of the event dated by the first `date` words of `sentence`. */
function titleFor(sentence: string, date: string): string {
  const start = sentence.indexOf(date);
  expect(start).toBeGreaterThanOrEqual(0);
  return titleOf(sentence, clauseBreaksOf(sentence), { start, end: start + date.length });
}

describe('clauseBreaksOf', () => {
  it.each([
    { sentence: 'Kim, he said, left.', breaks: [', ', ', '] },
    { sentence: 'Kim left; Moon stayed: talks - or not — ended.', breaks: ['; ', ': ', ' - ', ' — '] },
    { sentence: 'Kim left -- and Moon stayed.', breaks: [' -- '] },
    // Commas inside a quotation do not end the clause that quotes it, straight quotes or curly.
    { sentence: '"We will meet, and talk," Kim said, smiling.', breaks: [', '] },
    { sentence: 'Kim said “yes, and no” today.', breaks: [] },
    // A hyphen inside a word is no dash.
    { sentence: 'The long-awaited talks ended.', breaks: [] },
  ])('breaks "$sentence" at $breaks', ({ sentence, breaks }) => {
    expect(clauseBreaksOf(sentence).map(({ start, end }) => sentence.slice(start, end))).toEqual(breaks);
  });
});

describe('titleOf', () => {
  it.each([
    // The sentence without the date and its preposition.
    {
      sentence: 'KCNA said November 2 that it would not move.',
      date: 'November 2',
      title: 'KCNA said that it would not move',
    },
    {
      sentence: 'On Monday the council voted to close the old bridge over the river for good.',
      date: 'Monday',
      title: 'The council voted to close the old bridge over the river for good',
    },
    // Each date its own clause, and a possessive on the date goes with it.
    {
      sentence:
        'The State Department said on Tuesday, in a brief statement, that Thursday’s meeting with Kim Yong Chol was postponed.',
      date: 'Tuesday',
      title: 'The State Department said, in a brief statement',
    },
    {
      sentence:
        'The State Department said on Tuesday, in a brief statement, that Thursday’s meeting with Kim Yong Chol was postponed.',
      date: 'Thursday',
      title: 'Meeting with Kim Yong Chol was postponed',
    },
    // The linking word that opens the clause goes.
    {
      sentence:
        'Talks stalled, and on Monday the council voted to close the old bridge over the river for good.',
      date: 'Monday',
      title: 'The council voted to close the old bridge over the river for good',
    },
    // A clause that says too little takes in its neighbours, back first, then on.
    {
      sentence:
        'Kim, the leader of North Korea since 2011, met the envoys of five countries in Pyongyang on Friday.',
      date: '2011',
      title: 'Kim, the leader of North Korea, met the envoys of five countries in Pyongyang on Friday',
    },
    { sentence: 'Kim spoke, briefly, on Monday.', date: 'Monday', title: 'Kim spoke, briefly' },
    {
      sentence: 'The city council voted to sell the land it owns by the river, the board said in March.',
      date: 'March',
      title: 'The city council voted to sell the land it owns by the river, the board said',
    },
    {
      sentence: 'Officials met on Monday; the talks that followed went on into the night without any break.',
      date: 'Monday',
      title: 'Officials met; the talks that followed went on into the night without any break',
    },
    // A clause that says enough stands alone.
    {
      sentence: 'The council voted on Monday to close the old bridge over the river, officials said.',
      date: 'Monday',
      title: 'The council voted to close the old bridge over the river',
    },
    // The commas of a quotation do not cut it.
    {
      sentence: '"We will meet again on Friday, and talk," Kim said.',
      date: 'Friday',
      title: '"We will meet again, and talk," Kim said',
    },
    // A sentence that is only its date keeps its words.
    { sentence: 'Monday.', date: 'Monday', title: 'Monday.' },
  ])('titles "$date" in "$sentence" "$title"', ({ sentence, date, title }) => {
    expect(titleFor(sentence, date)).toBe(title);
  });

  it('cuts a long title at a word, with an ellipsis, within 100 characters', () => {
    const sentence = `KCNA said November 2 that North Korea would ${'not move an inch on its nuclear programme and '.repeat(4)}wait.`;
    const title = titleFor(sentence, 'November 2');
    expect(title).toBe(
      'KCNA said that North Korea would not move an inch on its nuclear programme and not move an inch on…',
    );
    expect(title.length).toBeLessThanOrEqual(100);
  });

  it.each([
    { length: 99, cut: false },
    { length: 100, cut: false },
    { length: 101, cut: true },
  ])('cuts a title of $length characters: $cut', ({ length, cut }) => {
    const rest = `that ${'word '.repeat(30)}`.slice(0, length - 'Kim said '.length).replace(/ $/, 'x');
    const title = titleFor(`Kim said on Monday ${rest}`, 'Monday');
    expect(title.endsWith('…')).toBe(cut);
    if (cut) expect(title.length).toBeLessThanOrEqual(100);
    else expect(title.length).toBe(length);
  });
});
