import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { CORPORA_DIR } from './corpora-dir.ts';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Runs `npm run eval:te3 -- ARGS` as a user would (the script's command, without npm's banner). */
function runEval(args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/eval-te3.ts', ...args], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('eval-te3', () => {
  const out = mkdtempSync(join(tmpdir(), 'eval-te3-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('scores a given system directory with --system and prints JSON with --json', () => {
    const sample = join(CORPORA_DIR, 'scorer-checks/toolkit-sample');
    const result = runEval([
      join(sample, 'gold'),
      '--system',
      join(sample, 'system'),
      '--json',
      '--errors',
      'all',
    ]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(json).toMatchObject({ gold: 31, system: 33, strict: 28, relaxed: 30, type: 30, value: 16 });
    expect(json.errors.byGoldType.DATE).toMatchObject({ gold: 30, missed: 1, wrongSpan: 2 });
    // The halves partition the corpus, and their gold adds up to the whole.
    expect(json.halves.dev.documents + json.halves.test.documents).toBe(json.documents);
    expect(json.halves.dev.scores.gold + json.halves.test.scores.gold).toBe(31);
  });

  it('tags MEANTIME, writes one .tml per document with --out and prints the scores', () => {
    const result = runEval([join(CORPORA_DIR, 'meantime-en'), '--out', out]);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^G 484 {2}S \d+$/m);
    expect(result.stdout).toMatch(/^relaxed {2}P [\d.]+ {2}R [\d.]+ {2}F1 [\d.]+/m);
    expect(result.stdout).toMatch(/^Elapsed [\d.]+ s$/m);
    expect(result.stdout).toMatch(/^dev +\d+ +\d+ +[\d.]+ +[\d.]+ +[\d.]+$/m);
    expect(result.stdout).toMatch(/^test +\d+ +\d+ +[\d.]+ +[\d.]+ +[\d.]+$/m);
    expect(result.stdout).toMatch(/^Errors of the dev half:$/m);
    expect(readdirSync(out).filter((name) => name.endsWith('.tml'))).toHaveLength(120);
  });
});
