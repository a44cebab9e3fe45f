import { describe, expect, it } from 'vitest';
import { dateF1, detokenize, parseGoldTimeline, scoreDates, topicOf } from '../../src/eval/timeline17.ts';

describe('Timeline17 reading', () => {
  it.each([
    ["BP 's `` top kill '' -LRB- mud -RRB- , he said .", 'BP\'s "top kill" (mud), he said.'],
    ["It does n't work , says the US .", "It doesn't work, says the US."],
    ['Costs rose to $ 8bn -LRB- ¬ # 5.2 bn -RRB- .', 'Costs rose to $8bn (¬ # 5.2 bn).'],
  ])('detokenizes %s', (tokenised, text) => {
    expect(detokenize(tokenised)).toBe(text);
  });

  it('reads the dates of a gold timeline, sorted and once each, ignoring malformed ones', () => {
    const gold =
      '2010-09-19\nThe well is sealed .\n------\n2010-04-20\nThe rig explodes .\n2010-04-20\n2011-04-0\n';
    expect(parseGoldTimeline(gold)).toEqual(['2010-04-20', '2010-09-19']);
  });

  it('names the topic of a source folder', () => {
    expect(topicOf('bpoil_washingtonpost')).toBe('bpoil');
    expect(topicOf('haiti')).toBe('haiti');
  });
});

describe('Timeline17 scoring', () => {
  it('scores a ranked list against gold dates', () => {
    expect(scoreDates(['2010-04-20', '2010-04-21'], ['2010-04-20', '2010-04-22', '2010-04-23'])).toEqual({
      precision: 0.5,
      recall: 1 / 3,
      f1: 0.4,
    });
    expect(scoreDates([], ['2010-04-20'])).toEqual({ precision: 0, recall: 0, f1: 0 });
  });

  it('takes the F1 of the mean precision and mean recall, not the mean F1', () => {
    const overall = dateF1([
      { precision: 1, recall: 0.5, f1: 2 / 3 },
      { precision: 0, recall: 0.5, f1: 0 },
    ]);
    expect(overall.precision).toBe(0.5);
    expect(overall.recall).toBe(0.5);
    expect(overall.f1).toBe(0.5);
  });
});
