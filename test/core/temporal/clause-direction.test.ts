import { describe, expect, it } from 'vitest';
import { parseArticle } from '../../../src/core/article.ts';
import { extractEvents } from '../../../src/core/events.ts';
import { tagDocument } from '../../../src/core/temporal/tag-document.ts';

// The direction rules of ../shared/notes/timex3-families.md ("Direction"), for an article
// published Thursday 2018-11-08: the verb that governs the date's own clause decides.
const THURSDAY = { date: { year: 2018, month: 11, day: 8 }, timezone: 'America/New_York' };

const valuesOf = (sentence: string) =>
  tagDocument(sentence, THURSDAY)
    .filter((timex) => timex.type === 'DATE')
    .map((timex) => [timex.text, timex.value]);

describe('direction from the clause, not the nearest word', () => {
  it.each([
    // The infinitive after a verb of commitment looks ahead, whatever the verb's tense.
    ['Negotiators agreed to meet on November 20.', [['November 20', '2018-11-20']]],
    ['The union voted to strike on Monday.', [['Monday', '2018-11-12']]],
    ['The council decided to hold the vote in March.', [['March', '2019-03']]],
    ['He promised to return on December 3.', [['December 3', '2018-12-03']]],
    ['Rebels threatened to attack on Sunday.', [['Sunday', '2018-11-11']]],
    ['The leaders vowed to meet again in January.', [['January', '2019-01']]],
    ['The company planned to open the plant in February.', [['February', '2019-02']]],
    ['The talks were expected to resume on Tuesday.', [['Tuesday', '2018-11-13']]],
    // A clause reported in the future keeps its future; "said" governs only the saying.
    ['Officials said the Christmas parade will be held downtown.', [['Christmas', '2018-12-25']]],
    ['Officials said that the parade on December 1 will be held downtown.', [['December 1', '2018-12-01']]],
    // Two clauses, two verbs.
    [
      'The ministers met Thursday and will meet again Monday.',
      [
        ['Thursday', '2018-11-08'],
        ['Monday', '2018-11-12'],
      ],
    ],
  ])('%s', (sentence, expected) => {
    expect(valuesOf(sentence)).toEqual(expected);
  });

  it.each([
    // A verb of trying: its infinitive happens when it does.
    ['Trump sought to convey Wednesday that the talks were going fine.', [['Wednesday', '2018-11-07']]],
    // A date right after the reporting verb dates the report, whatever is reported.
    ['The minister said on Monday that talks would resume.', [['Monday', '2018-11-05']]],
    ['The minister told reporters Tuesday that talks would resume.', [['Tuesday', '2018-11-06']]],
    // A past reported clause stays past.
    ['Officials said the parade was held on November 3.', [['November 3', '2018-11-03']]],
    // Irregular past verbs are past verbs.
    ['The firm brought in a new chief in March.', [['March', '2018-03']]],
    ['The town sold the land in September.', [['September', '2018-09']]],
  ])('keeps the past: %s', (sentence, expected) => {
    expect(valuesOf(sentence)).toEqual(expected);
  });

  it.each([
    // A participle after "is" is a passive, not a past verb: the nearest May, not the last.
    ['The case is heard in May.', [['May', '2019-05']]],
    ['The race is held in January.', [['January', '2019-01']]],
    // A payment date is a target: a past verb does not move it back.
    ['The board declared a dividend payable Jan. 2.', [['Jan. 2', '2019-01-02']]],
  ])('has no past: %s', (sentence, expected) => {
    expect(valuesOf(sentence)).toEqual(expected);
  });

  it('makes the meeting agreed on a planned event', () => {
    const article = parseArticle(
      {
        key: 'articles/a.txt',
        bytes: new TextEncoder().encode('Negotiators agreed to meet on November 20.'),
      },
      { fallback: { source: 'fallback', date: THURSDAY.date } },
    );
    expect(extractEvents(article).map((event) => [event.date.value, event.status])).toEqual([
      ['2018-11-20', 'planned'],
    ]);
  });
});
