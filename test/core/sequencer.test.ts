import { describe, expect, it } from 'vitest';
import { compareSequencers } from '../../src/core/sequencer.ts';

describe('compareSequencers', () => {
  it.each([
    { a: '0055AED6DCD90281E5', b: '0055AED6DCD90281E6', expected: -1 },
    { a: '0055AED6DCD90281E6', b: '0055AED6DCD90281E5', expected: 1 },
    { a: '0055AED6DCD90281E5', b: '0055AED6DCD90281E5', expected: 0 },
    // The shorter is padded on the right: 0A is 0A00, which is later than 09FF.
    { a: '0A', b: '09FF', expected: 1 },
    { a: '0A', b: '0A00', expected: 0 },
    { a: '0A', b: '0A01', expected: -1 },
    // Hexadecimal in either case.
    { a: '00ff', b: '00FE', expected: 1 },
  ])('orders $a against $b as $expected', ({ a, b, expected }) => {
    expect(compareSequencers(a, b)).toBe(expected);
  });
});
