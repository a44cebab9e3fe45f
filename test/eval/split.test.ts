import { describe, expect, it } from 'vitest';
import { halfOf } from '../../src/eval/split.ts';

describe('halfOf', () => {
  const names = Array.from({ length: 400 }, (_, index) => `doc${index}.tml`);

  it('puts a document in the same half every time, whatever folder it is read from', () => {
    for (const name of names) {
      expect(halfOf(name)).toBe(halfOf(name));
      expect(halfOf(`corpus/a/${name}`)).toBe(halfOf(name));
    }
  });

  it('splits a corpus into two halves of about the same size', () => {
    const dev = names.filter((name) => halfOf(name) === 'dev').length;
    expect(dev).toBeGreaterThan(160);
    expect(dev).toBeLessThan(240);
  });

  it('does not follow the order or the look of the names (neighbours fall on both sides)', () => {
    const halves = new Set(names.slice(0, 8).map(halfOf));
    expect(halves).toEqual(new Set(['dev', 'test']));
  });
});
