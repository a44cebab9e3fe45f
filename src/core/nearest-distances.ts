/** A span of text, end exclusive. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/**
 * For each point, the least distance to any of the spans, measured as events/status.ts measures a
 * status word's distance to a date: `point - end` for a span ending at or before the point,
 * `start - point` otherwise (negative when the point lies inside the span). Infinity without
 * spans. Spans sorted by end with the suffix minima of their starts answer each point by
 * bisection: n·log n, where comparing every point with every span was quadratic in a long
 * sentence full of dates and status words.
 *
 * @example nearestDistances([10, 3], [{ start: 0, end: 2 }, { start: 12, end: 20 }]) // [2, 1]
 */
export function nearestDistances(points: readonly number[], spans: readonly Span[]): number[] {
  const byEnd = [...spans].sort((a, b) => a.end - b.end);
  const minStartFrom = new Array<number>(byEnd.length + 1).fill(Number.POSITIVE_INFINITY);
  for (let i = byEnd.length - 1; i >= 0; i -= 1)
    minStartFrom[i] = Math.min((byEnd[i] as Span).start, minStartFrom[i + 1] as number);
  return points.map((point) => {
    // How many spans end at or before the point: those measure from their end, the rest from their start.
    let low = 0;
    let high = byEnd.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((byEnd[mid] as Span).end <= point) low = mid + 1;
      else high = mid;
    }
    const before = low > 0 ? point - (byEnd[low - 1] as Span).end : Number.POSITIVE_INFINITY;
    return Math.min(before, (minStartFrom[low] as number) - point);
  });
}
