/**
 * mulberry32: a small seeded generator of numbers in [0, 1), so that a benchmark or a test built
 * from it makes the same input on every run.
 *
 * @example const random = seededRandom(1001); random() // 0.2616…, the same on every run
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
