import { describe, expect, it } from 'vitest';
import { statusContextOf, statusCues, statusOf } from '../../../src/core/events/status.ts';
import type { EventStatus } from '../../../src/core/events.ts';

/**
 * The status of each date of `sentence`, given by its words (each found after the one before) and
 * whether it falls after publication.
 */
function statusesOf(sentence: string, dates: ReadonlyArray<readonly [string, boolean]>): EventStatus[] {
  let from = 0;
  const spans = dates.map(([words]) => {
    const start = sentence.indexOf(words, from);
    expect(start).toBeGreaterThanOrEqual(0);
    from = start + words.length;
    return { start, end: from };
  });
  const context = statusContextOf(sentence, spans);
  return spans.map((span, index) => statusOf(context, span, dates[index]?.[1] ?? false));
}

describe('statusCues', () => {
  it.each([
    {
      sentence: 'The talks were called off, then delayed.',
      cues: [
        ['cancelled', 'called off'],
        ['postponed', 'delayed'],
      ],
    },
    {
      sentence: 'They scrapped the plan and abandoned the site.',
      cues: [
        ['cancelled', 'scrapped'],
        ['cancelled', 'abandoned'],
      ],
    },
    {
      sentence: 'The vote was put off and pushed back again.',
      cues: [
        ['postponed', 'put off'],
        ['postponed', 'pushed back'],
      ],
    },
    {
      sentence: 'The city is rescheduling it after postponing it.',
      cues: [
        ['postponed', 'rescheduling'],
        ['postponed', 'postponing'],
      ],
    },
    // A participle used as an adjective names another event.
    { sentence: 'He spoke of the canceled summit and a delayed vote.', cues: [] },
    // Words that only look like one.
    { sentence: 'The delay-free, scrappy talks went well.', cues: [] },
  ])('finds $cues in "$sentence"', ({ sentence, cues }) => {
    const found = statusCues(sentence).map((cue) => [
      cue.status,
      /^\w+(?: off| back)?/.exec(sentence.slice(cue.at))?.[0],
    ]);
    expect(found).toEqual(cues);
  });
});

describe('statusOf', () => {
  it.each([
    // The status word tells what happened to its date's event.
    {
      sentence: 'The summit planned for Friday was called off by the White House.',
      dates: [['Friday', false]],
      statuses: ['cancelled'],
    },
    {
      sentence: 'The talks, first set for November 2, were delayed.',
      dates: [['November 2', false]],
      statuses: ['postponed'],
    },
    {
      sentence: 'Officials postponed the vote of May 3.',
      dates: [['May 3', false]],
      statuses: ['postponed'],
    },
    // Only the date it is nearer to; a tie goes to either.
    {
      sentence: 'The announcement on Tuesday that Thursday’s meeting was postponed surprised no one.',
      dates: [
        ['Tuesday', false],
        ['Thursday', false],
      ],
      statuses: ['reported', 'postponed'],
    },
    {
      sentence: 'Kim spoke on March 4 before the March 5 talks were cancelled.',
      dates: [
        ['March 4', false],
        ['March 5', false],
      ],
      statuses: ['reported', 'cancelled'],
    },
    // Not across a clause that says or tells.
    {
      sentence: 'Trump said Wednesday that the meeting would be rescheduled.',
      dates: [['Wednesday', false]],
      statuses: ['reported'],
    },
    {
      sentence: 'On Monday the minister told reporters the vote was delayed.',
      dates: [['Monday', false]],
      statuses: ['reported'],
    },
    // Not a participle used as an adjective.
    {
      sentence: 'Trump spoke Wednesday about the canceled meeting.',
      dates: [['Wednesday', false]],
      statuses: ['reported'],
    },
  ])('gives $statuses in "$sentence"', ({ sentence, dates, statuses }) => {
    expect(statusesOf(sentence, dates as Array<[string, boolean]>)).toEqual(statuses);
  });

  it.each([
    // After publication: planned.
    { sentence: 'Pompeo meets Kim in New York on Friday.', dates: [['Friday', true]], statuses: ['planned'] },
    // Looking ahead, even to a past day of the calendar: planned.
    {
      sentence: 'Pompeo will meet Kim in New York on Monday.',
      dates: [['Monday', false]],
      statuses: ['planned'],
    },
    // Neither: reported.
    { sentence: 'Pompeo met Kim in New York on Monday.', dates: [['Monday', false]], statuses: ['reported'] },
    // A status word wins over the future.
    { sentence: 'The summit on Friday was cancelled.', dates: [['Friday', true]], statuses: ['cancelled'] },
  ])('gives $statuses without a status word near: "$sentence"', ({ sentence, dates, statuses }) => {
    expect(statusesOf(sentence, dates as Array<[string, boolean]>)).toEqual(statuses);
  });
});
