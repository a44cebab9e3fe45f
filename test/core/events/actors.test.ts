import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { actorsOf, midSentenceNames } from '../../../src/core/events/actors.ts';

/** The actors of a one-sentence article. */
const actorsIn = (sentence: string): string[] => actorsOf(sentence, midSentenceNames(sentence));

describe('actorsOf', () => {
  it.each([
    {
      sentence: 'On Wednesday, Secretary of State Mike Pompeo met the Bank of England in London.',
      actors: ['Secretary of State Mike Pompeo', 'Bank of England', 'London'],
    },
    // "and" links no name.
    {
      sentence: 'On Wednesday, the US and North Korea, Pompeo and Kim Yong Chol, Biegun, Trump and Moon met.',
      actors: ['US', 'North Korea', 'Pompeo', 'Kim Yong Chol', 'Biegun', 'Trump', 'Moon'],
    },
    // Openers and pronouns in front of a name are no part of it, nor a name alone.
    { sentence: 'The State Department met Kim in Ohio.', actors: ['State Department', 'Kim', 'Ohio'] },
    { sentence: 'Kim said Mr Moon would come, and They agreed.', actors: ['Moon'] },
    { sentence: "Kim's envoy met Moon's aides in Seoul.", actors: ['Moon', 'Seoul'] },
  ])('names $actors in "$sentence"', ({ sentence, actors }) => {
    expect(actorsIn(sentence)).toEqual(actors);
  });

  it.each([
    // The calendar's names, by the lexicon: holidays, weekdays, months and their abbreviations.
    { sentence: 'Crowds marched through Chicago on Labor Day.', actors: ['Chicago'] },
    { sentence: 'Santa Claus came to Oslo on Christmas Eve.', actors: ['Santa Claus', 'Oslo'] },
    { sentence: 'The parade in Boston on Memorial Day was cancelled.', actors: ['Boston'] },
    { sentence: "Crowds filled Times Square on New Year's Day.", actors: ['Times Square'] },
    { sentence: 'Crowds filled Times Square on New Year’s Eve.', actors: ['Times Square'] },
    { sentence: "The mayor spoke in Dublin on St. Patrick's Day.", actors: ['Dublin'] },
    { sentence: "The mayor met Veterans' Day marchers in Ohio.", actors: ['Ohio'] },
    {
      sentence: 'The talks in Rome on Christmas Day, Easter Monday and Good Friday ended.',
      actors: ['Rome'],
    },
    { sentence: 'The mayor spoke in Atlanta on Martin Luther King Jr. Day.', actors: ['Atlanta'] },
    { sentence: 'The mayor of Leeds spoke on Thursday.', actors: ['Leeds'] },
    { sentence: 'The mayor of Leeds spoke in Sept. and again in Nov.', actors: ['Leeds'] },
    { sentence: 'The ships left Oslo on Mon and Tues.', actors: ['Oslo'] },
    // A weekday or month in front of a name is no part of it.
    {
      sentence: 'The mayor of Leeds said Thursday Kim Yong Chol would come.',
      actors: ['Leeds', 'Kim Yong Chol'],
    },
    {
      sentence: 'In November Trump and Theresa May met in Paris.',
      actors: ['Trump', 'Theresa May', 'Paris'],
    },
  ])('names no date: $actors in "$sentence"', ({ sentence, actors }) => {
    expect(actorsIn(sentence)).toEqual(actors);
  });

  it.each([
    // Names that only begin like the calendar's.
    { sentence: 'The Labor Party met in Leeds on Labor Day.', actors: ['Labor Party', 'Leeds'] },
    // A holiday in front of a name is part of it: a place, a person, an uprising.
    { sentence: 'Refugees reached Christmas Island in December.', actors: ['Christmas Island'] },
    { sentence: 'Statues on Easter Island were found in May.', actors: ['Easter Island'] },
    { sentence: 'The band met Christmas Clapton in Leeds.', actors: ['Christmas Clapton', 'Leeds'] },
    { sentence: 'Historians met in Dublin to mark the Easter Rising.', actors: ['Dublin', 'Easter Rising'] },
    // A month inside a name.
    {
      sentence: 'Prime Minister Theresa May met Merkel in London.',
      actors: ['Prime Minister Theresa May', 'Merkel', 'London'],
    },
    // Capitals are an acronym (the Disasters Emergency Committee); "Sun" is a name.
    { sentence: 'Aid from the DEC reached Haiti in January.', actors: ['DEC', 'Haiti'] },
    { sentence: 'The Sun said Sun Tzu wrote it in Sept.', actors: ['Sun', 'Sun Tzu'] },
    { sentence: 'Rescuers reached Sun City on Monday.', actors: ['Sun City'] },
    // A possessive that makes no holiday.
    {
      sentence: "Aides said Trump's New Year message reached Seoul.",
      actors: ['Trump', 'New Year', 'Seoul'],
    },
  ])('keeps names like the calendar\'s: $actors in "$sentence"', ({ sentence, actors }) => {
    expect(actorsIn(sentence)).toEqual(actors);
  });

  it.each([
    { sentence: '"Pompeo met Kim on Monday."', actors: ['Kim'] },
    { sentence: '“ Pompeo met Kim on Monday.', actors: ['Kim'] },
    { sentence: '( \tPompeo met Kim on Monday.', actors: ['Kim'] },
    { sentence: 'Then Pompeo met Kim on Monday.', actors: ['Pompeo', 'Kim'] },
    { sentence: 'He said: Pompeo met Kim on Monday.', actors: ['Pompeo', 'Kim'] },
    { sentence: '" he said, " Pompeo met Kim on Monday.', actors: ['Kim'] },
    { sentence: 'Officials met Kim on Monday.', actors: ['Kim'] },
  ])(
    'takes a lone capitalised first word, or one after an opening quote or bracket, as an opener: $sentence',
    ({ sentence, actors }) => {
      expect(actorsIn(sentence)).toEqual(actors);
    },
  );

  it('keeps a first word the article capitalises mid-sentence elsewhere', () => {
    const text = 'Officials met Pompeo on Monday. Pompeo left on Tuesday.';
    const names = midSentenceNames(text);
    expect(actorsOf('Pompeo left on Tuesday.', names)).toEqual(['Pompeo']);
    expect(actorsOf('Officials met Pompeo on Monday.', names)).toEqual(['Pompeo']);
  });

  it('keeps a long list, to twelve names', () => {
    const crowd = [
      'Biegun',
      'Trump',
      'Kim',
      'Moon',
      'Abe',
      'Xi',
      'Putin',
      'Dunford',
      'Macron',
      'Merkel',
      'Conte',
      'Trudeau',
      'Modi',
    ];
    expect(actorsIn(`On Wednesday, ${crowd.join(', ')} met.`)).toEqual(crowd.slice(0, 12));
  });
});

describe('midSentenceNames', () => {
  // As events.ts read them before: the white space inside the look-behind.
  const reference = (text: string) =>
    new Set([...text.matchAll(/(?<=[\p{Ll},;]\s+)[\p{Lu}][\p{L}\p{M}'’-]*/gu)].map((match) => match[0]));

  it.each([
    { text: 'Talks with Pompeo, Kim and the UN.', names: ['Pompeo', 'Kim', 'UN'] },
    { text: 'met  \n\t Pompeo;Kim; Moon’s', names: ['Pompeo', 'Moon’s'] },
    { text: 'a Bc D', names: ['Bc', 'D'] },
    { text: 'THE END', names: [] },
  ])('finds $names in $text', ({ text, names }) => {
    expect([...midSentenceNames(text)]).toEqual(names);
    expect([...reference(text)]).toEqual(names);
  });

  it('finds what the look-behind over white space found, on random texts', () => {
    const piece = fc.constantFrom(
      'a',
      'B',
      'Ké',
      ',',
      ';',
      ' ',
      '\n',
      '\t',
      "'",
      '’',
      '-',
      'É',
      'x',
      '.',
      '1',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (pieces) => {
        const text = pieces.join('');
        expect([...midSentenceNames(text)]).toEqual([...reference(text)]);
      }),
      { numRuns: 1000 },
    );
  });
});
