import { describe, expect, it } from 'vitest';
import { scoreTe3 } from '../../src/eval/te3-scorer.ts';
import { readCorpus } from './corpora-dir.ts';

// The two rows of corpora/README.md's scorer-checks table: outputs of the original TempEval-3
// toolkit (TE3-evaluation.py). Every count and every F1 to two decimals must come out the same.
const CHECKS = [
  {
    gold: 'scorer-checks/toolkit-sample/gold',
    system: 'scorer-checks/toolkit-sample/system',
    counts: { gold: 31, system: 33, strict: 28, relaxed: 30, type: 30, value: 16 },
    f1: { strictF1: '87.50', relaxedF1: '93.75', typeF1: '93.75', valueF1: '50.00' },
  },
  {
    gold: 'meantime-en',
    system: 'scorer-checks/meantime-xtime-output',
    counts: { gold: 484, system: 469, strict: 392, relaxed: 438, type: 414, value: 353 },
    f1: { strictF1: '82.27', relaxedF1: '91.92', typeF1: '86.88', valueF1: '74.08' },
  },
];

describe('scoreTe3 on the scorer checks', () => {
  it.each(CHECKS)('reproduces the toolkit on $gold vs $system', ({ gold, system, counts, f1 }) => {
    const golds = readCorpus(gold);
    const systems = new Map(readCorpus(system).map((document) => [document.name, document]));
    const pairs = golds.map((document) => {
      const output = systems.get(document.name);
      if (!output) throw new Error(`${system} has no ${document.name}`);
      return { gold: document, system: output };
    });
    const { scores } = scoreTe3(pairs);
    expect({
      gold: scores.gold,
      system: scores.system,
      strict: scores.strict,
      relaxed: scores.relaxed,
      type: scores.type,
      value: scores.value,
    }).toEqual(counts);
    expect({
      strictF1: scores.strictF1.toFixed(2),
      relaxedF1: scores.relaxedF1.toFixed(2),
      typeF1: scores.typeF1.toFixed(2),
      valueF1: scores.valueF1.toFixed(2),
    }).toEqual(f1);
  });
});
