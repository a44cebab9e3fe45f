import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nearestDistances, type Span } from '../../src/core/nearest-distances.ts';

/** Every point against every span, as events.ts compared them before. */
const referenceDistances = (points: readonly number[], spans: readonly Span[]): number[] =>
  points.map((point) =>
    Math.min(
      Number.POSITIVE_INFINITY,
      ...spans.map((span) => (point >= span.end ? point - span.end : span.start - point)),
    ),
  );

describe('nearestDistances', () => {
  it.each([
    {
      points: [10, 3],
      spans: [
        { start: 0, end: 2 },
        { start: 12, end: 20 },
      ],
      expected: [2, 1],
    },
    // Inside a span the distance is negative: back to its start.
    { points: [5], spans: [{ start: 2, end: 9 }], expected: [-3] },
    { points: [2, 9], spans: [{ start: 2, end: 9 }], expected: [0, 0] },
    { points: [4], spans: [], expected: [Number.POSITIVE_INFINITY] },
    // Overlapping and nested spans: the farthest start inside wins.
    {
      points: [6],
      spans: [
        { start: 0, end: 10 },
        { start: 5, end: 7 },
        { start: 1, end: 3 },
      ],
      expected: [-6],
    },
  ])('measures $points against $spans', ({ points, spans, expected }) => {
    expect(nearestDistances(points, spans)).toEqual(expected);
    expect(referenceDistances(points, spans)).toEqual(expected);
  });

  it('gives what comparing with every span gives, on random spans', () => {
    const span = fc.tuple(fc.nat(60), fc.nat(15)).map(([start, length]) => ({ start, end: start + length }));
    fc.assert(
      fc.property(
        fc.array(fc.nat(80), { maxLength: 20 }),
        fc.array(span, { maxLength: 20 }),
        (points, spans) => {
          expect(nearestDistances(points, spans)).toEqual(referenceDistances(points, spans));
        },
      ),
      { numRuns: 1000 },
    );
  });
});
