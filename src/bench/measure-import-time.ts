import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { median } from './median.ts';

const PROBE = fileURLToPath(new URL('./probe-import.ts', import.meta.url));

function probeImport(specifier: string, cwd: string): number {
  const child = spawnSync(process.execPath, ['--import', 'tsx', PROBE, specifier], { cwd, encoding: 'utf8' });
  const output = child.stdout.trim();
  const ms = Number(output);
  if (child.status !== 0 || output === '' || !Number.isFinite(ms)) {
    throw new Error(`import probe of ${specifier} failed (exit ${child.status}): ${child.stderr.trim()}`);
  }
  return ms;
}

/**
 * Median import time (ms) of each specifier over `runs` fresh `node --import tsx` processes. Each
 * child times one dynamic import with `performance.now()`, so process start-up and tsx's own
 * registration are left out; the specifiers take turns so that machine noise hits all alike.
 * Bare specifiers resolve from src/bench, i.e. the repo's node_modules.
 */
export function measureImportTimes(specifiers: readonly string[], runs: number, cwd: string): number[] {
  const times = specifiers.map((): number[] => []);
  for (let run = 0; run < runs; run += 1) {
    for (const [index, specifier] of specifiers.entries()) times[index]?.push(probeImport(specifier, cwd));
  }
  return times.map(median);
}
