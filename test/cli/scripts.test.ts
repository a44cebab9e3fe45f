import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/run-cli.ts';

/** Runs `npm run eval:te3 -- ARGS` (or eval:t17, bench) as its script does, without npm's banner. */
function runScript(script: 'eval-te3' | 'eval-t17' | 'bench', args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', `src/cli/${script}.ts`, ...args], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const tml = (name: string, text: string) =>
  [
    '<?xml version="1.0" ?>',
    '<TimeML>',
    `<DOCID>${name}</DOCID>`,
    '<DCT><TIMEX3 tid="t0" type="DATE" value="1998-02-13" functionInDocument="CREATION_TIME">1998-02-13</TIMEX3></DCT>',
    `<TEXT>${text}</TEXT>`,
    '</TimeML>',
  ].join('\n');

let directory: string;
beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'news-timeline-eval-'));
  const gold = join(directory, 'gold');
  await mkdir(gold);
  for (const [index, day] of ['Monday', 'Tuesday', 'Friday'].entries())
    await writeFile(
      join(gold, `doc${index}.tml`),
      tml(
        `doc${index}`,
        `Stocks <TIMEX3 tid="t1" type="DATE" value="1998-02-1${index}">${day}</TIMEX3> fell.`,
      ),
    );
  const t17 = join(directory, 't17', 'quake_wire');
  await mkdir(join(t17, 'InputDocs', '2010-01-13'), { recursive: true });
  await mkdir(join(t17, 'timelines'));
  await writeFile(
    join(t17, 'InputDocs', '2010-01-13', '1.htm.txt'),
    'The quake struck on Tuesday , officials said .\nAid arrived on Wednesday .\n',
  );
  await writeFile(
    join(t17, 'timelines', 'wire.txt'),
    '2010-01-12\nThe quake strikes .\n--------------------------------\n',
  );
});
afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe('npm run eval:te3, eval:t17 and bench as a user runs them', () => {
  it.each([{ script: 'eval-te3' as const }, { script: 'eval-t17' as const }])(
    '$script --help prints its usage and exits 0',
    ({ script }) => {
      const result = runScript(script, ['--help']);
      expect(result.status).toBe(0);
      expect(result.stdout).toMatch(new RegExp(`^Usage: npm run ${script.replace('-', ':')} -- `));
      expect(result.stdout).toContain('--progress');
    },
  );

  it('eval:te3 names a bad flag value and what it takes, exit 2', () => {
    const result = runScript('eval-te3', [join(directory, 'gold'), '--errors', 'train']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("--errors must be dev, test or all, got 'train'");
  });

  it('eval:te3 says nothing on a stderr that is not a terminal, and its summary with --progress', () => {
    const quiet = runScript('eval-te3', [join(directory, 'gold')]);
    expect(quiet.status, quiet.stderr).toBe(0);
    expect(quiet.stderr).toBe('');
    const told = runScript('eval-te3', [join(directory, 'gold'), '--progress']);
    expect(told.status).toBe(0);
    expect(told.stderr).toMatch(/^eval:te3: 3 documents in [\d.]+ s/m);
    const withoutElapsed = (stdout: string) => stdout.replace(/^Elapsed .*$/m, '');
    expect(withoutElapsed(told.stdout)).toBe(withoutElapsed(quiet.stdout));
  });

  it('eval:t17 says nothing on a stderr that is not a terminal, and its summary with --progress', () => {
    const quiet = runScript('eval-t17', [join(directory, 't17')]);
    expect(quiet.status, quiet.stderr).toBe(0);
    expect(quiet.stderr).toBe('');
    expect(quiet.stdout).toMatch(/^Timeline17 .+: 1 sources, 1 articles, 1 timelines$/m);
    const told = runScript('eval-t17', [join(directory, 't17'), '--progress', '--json']);
    expect(told.status).toBe(0);
    expect(told.stderr).toMatch(/^eval:t17: 1 articles in [\d.]+ s/m);
    expect(JSON.parse(told.stdout)).toMatchObject({ articles: 1 });
  });

  it('bench says how long the cold start took with --progress', () => {
    // One run of each function: the bundles are built and run in fresh processes, in seconds.
    const result = runScript('bench', ['--only', 'cold-start', '--cold-start-runs', '1', '--progress']);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/^bench: cold start: 1 runs in [\d.]+ s/m);
  }, 120_000);
});
