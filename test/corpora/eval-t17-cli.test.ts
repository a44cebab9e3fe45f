import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { CORPORA_DIR } from './corpora-dir.ts';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
// Measured 0.641 (npm run eval:t17 -- ../shared/corpora/timeline17); raw mention counting: 0.561.
const DATE_F1_FLOOR = 0.635;

describe('eval-t17 on the shared Timeline17 topics', () => {
  const out = mkdtempSync(join(tmpdir(), 'eval-t17-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('ranks the days of every gold timeline, writes them with --out and scores above its floor', () => {
    const ranked = join(out, 'ranked.json');
    const result = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'src/cli/eval-t17.ts', join(CORPORA_DIR, 'timeline17'), '--out', ranked, '--json'],
      { cwd: REPO_ROOT, encoding: 'utf8', timeout: 300_000 },
    );
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.timelines).toHaveLength(12);
    expect(report.dateF1.f1).toBeGreaterThanOrEqual(DATE_F1_FLOOR);
    const written = JSON.parse(readFileSync(ranked, 'utf8')) as Record<string, Record<string, string[]>>;
    expect(Object.keys(written)).toHaveLength(12);
    for (const timeline of report.timelines) {
      const days = written[timeline.source]?.[timeline.timeline] ?? [];
      expect(days).toHaveLength(timeline.goldDates);
      for (const day of days) expect(day).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  }, 300_000);
});
