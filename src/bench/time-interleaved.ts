import { median } from './median.ts';

/** One pass over every document; returns how many results it found (kept so no work is optimised away). */
export type BenchPass = () => number;

export interface PassTimes {
  /** Wall time of each timed pass, in order. */
  readonly passMs: number[];
  readonly totalMs: number;
  /** Results found by the last pass. */
  readonly results: number;
}

function timePass(pass: BenchPass): { ms: number; results: number } {
  const started = performance.now();
  const results = pass();
  return { ms: performance.now() - started, results };
}

/**
 * Times two passes alternately so that machine noise (other processes, thermal throttling, GC
 * debt) hits both alike: `warmup` untimed rounds, then timed rounds in ABBA order. Without a fixed
 * `passes`, it runs enough rounds for each side's timed part to last `minMs` (at least `minPasses`).
 */
export function timeInterleaved(
  a: BenchPass,
  b: BenchPass,
  options: { warmup: number; passes?: number; minMs: number; minPasses: number; maxPasses: number },
): { a: PassTimes; b: PassTimes; medianRatio: number } {
  let fastestWarm = Number.POSITIVE_INFINITY;
  for (let round = 0; round < options.warmup; round += 1) {
    for (const pass of [a, b]) {
      const { ms } = timePass(pass);
      // Only the last warm-up round reflects optimised code.
      if (round === options.warmup - 1) fastestWarm = Math.min(fastestWarm, ms);
    }
  }
  const passes =
    options.passes ??
    Math.min(options.maxPasses, Math.max(options.minPasses, Math.ceil(options.minMs / fastestWarm)));
  const aMs: number[] = [];
  const bMs: number[] = [];
  let aResults = 0;
  let bResults = 0;
  for (let round = 0; round < passes; round += 1) {
    const order = round % 2 === 0 ? ([a, b] as const) : ([b, a] as const);
    for (const pass of order) {
      const { ms, results } = timePass(pass);
      if (pass === a) {
        aMs.push(ms);
        aResults = results;
      } else {
        bMs.push(ms);
        bResults = results;
      }
    }
  }
  const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
  return {
    a: { passMs: aMs, totalMs: sum(aMs), results: aResults },
    b: { passMs: bMs, totalMs: sum(bMs), results: bResults },
    medianRatio: median(bMs.map((ms, index) => ms / (aMs[index] ?? Number.NaN))),
  };
}
