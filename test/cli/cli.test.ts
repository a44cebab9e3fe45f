import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WholeTimeline } from '../../src/core/view.ts';
import { expectNkTalksGolden } from '../golden/nk-talks-expectations.ts';
import { REPO_ROOT, runCli } from '../support/run-cli.ts';
import { SAMPLE_ARTICLES } from '../support/s3-events.ts';
import { assertValidView } from '../support/validate-timeline.ts';

const CLI = fileURLToPath(new URL('../../bin/news-timeline.js', import.meta.url));

describe('news-timeline extract', () => {
  let directory: string;
  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'news-timeline-cli-'));
  });
  afterAll(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('refuses an unknown timezone and a malformed --published with exit code 2', () => {
    const zone = runCli(['extract', 'events/articles/nk-talks-short.txt', '--timezone', 'Mars/Olympus']);
    expect(zone.status).toBe(2);
    expect(zone.stderr).toContain(
      "--timezone must be an IANA time zone like America/New_York, got 'Mars/Olympus'",
    );
    const published = runCli(['extract', 'events/articles/nk-talks-short.txt', '--published', '8 Nov 2018']);
    expect(published.status).toBe(2);
    expect(published.stderr).toContain("--published must be a date YYYY-MM-DD, got '8 Nov 2018'");
  });

  it('names an unreadable file and then prints no timeline of the others, exiting 1', async () => {
    const binary = join(directory, 'photo.txt');
    await writeFile(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]));
    const good = join(directory, 'good.txt');
    await writeFile(good, 'The envoy left Pyongyang on Monday.');
    const result = runCli(['extract', binary, good, '--published', '2018-11-08']);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`article ${JSON.stringify(binary)} cannot be read: binary data`);
    expect(result.stderr).toContain('no timeline printed: 1 of 2 files cannot be read');
    expect(result.stdout).toBe('');
  });

  it('says how far it got on stderr with --progress, and nothing when stderr is not a terminal', () => {
    const files = ['events/articles/nk-talks-full.txt', 'events/articles/nk-talks-short.txt'];
    const quiet = runCli(['extract', ...files, '--published', '2018-11-08']);
    expect(quiet.status).toBe(0);
    expect(quiet.stderr).toBe('');
    const told = runCli(['extract', ...files, '--published', '2018-11-08', '--progress']);
    expect(told.status).toBe(0);
    expect(told.stderr).toMatch(/^extract: 2 files in \d+\.\d s \([\d.]+\/s\)$/m);
    // The same timeline either way, but for the moment it was made.
    const without = (stdout: string) => ({ ...(JSON.parse(stdout) as WholeTimeline), updatedAt: '' });
    expect(without(told.stdout)).toEqual(without(quiet.stdout));
  });

  it('lists the K most salient days of the sample articles with --top K', () => {
    const files = ['events/articles/nk-talks-full.txt', 'events/articles/nk-talks-short.txt'];
    const options = ['--published', '2018-11-08', '--timezone', 'America/New_York'];
    const result = runCli(['extract', ...files, ...options, '--top', '2']);
    expect(result.status).toBe(0);
    const timeline = JSON.parse(result.stdout) as WholeTimeline;
    assertValidView(timeline);
    const days = timeline.summary.dates;
    expect(days).toHaveLength(2);
    // 2018-11-02 is reported by both articles; 2018-11-07 by the full one, three times.
    expect(days.map((day) => day.date).sort()).toEqual(['2018-11-02', '2018-11-07']);
    expect(days[0]?.salience).toBeGreaterThanOrEqual(days[1]?.salience ?? Number.POSITIVE_INFINITY);
    const ids = new Set(timeline.events.map((event) => event.id));
    for (const day of days) for (const id of day.events) expect(ids.has(id)).toBe(true);
    const zero = runCli(['extract', ...files, ...options, '--top', '0']);
    expect(zero.status).toBe(2);
    expect(zero.stderr).toContain("--top must be a whole number of days, 1 or more, got '0'");
  });

  it('refuses an article with no date at all when no --published is given', async () => {
    const undated = join(directory, 'undated.txt');
    await writeFile(undated, 'The envoy left on Monday.');
    const result = runCli(['extract', undated]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('no publication date');
  });
});

describe('news-timeline get', () => {
  it('says which timeline it could not read and why when no server answers', () => {
    const result = runCli(['get', 'north-korea', '--endpoint', 'http://127.0.0.1:9']);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      'cannot read s3://news-timeline-local/timelines/north-korea/index.json: connect ECONNREFUSED 127.0.0.1:9',
    );
  });
});

/** Starts `news-timeline serve` and resolves once its output matches `ready`. */
function startServe(
  args: string[],
  ready: RegExp,
): Promise<{ child: ChildProcess; output: () => string; match: RegExpMatchArray }> {
  const child = spawn(process.execPath, [CLI, 'serve', ...args], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not get ready:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = output.match(ready);
      if (match) {
        clearTimeout(timer);
        resolve({ child, output: () => output, match });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on('exit', (code) => reject(new Error(`serve exited ${code}:\n${output}`)));
  });
}

function stop(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    child.removeAllListeners('exit');
    child.on('exit', (code) => resolve(code));
    child.kill('SIGINT');
  });
}

describe('news-timeline serve, invoke and get (npm start)', () => {
  let data: string;
  beforeAll(async () => {
    data = await mkdtemp(join(tmpdir(), 'news-timeline-serve-'));
  });
  afterAll(async () => {
    await rm(data, { recursive: true, force: true });
  });

  it('uploads the samples, prints the timeline, serves invoke, get and rebuild, stops on Ctrl-C and keeps its data', async () => {
    // Free ports for the viewer too: a developer's npm start may hold 4569.
    const serve = await startServe(['--port', '0', '--viewer-port', '0', '--data', data], /Ctrl-C stops/);
    const endpoint = /S3-compatible server: (http:\/\/127\.0\.0\.1:\d+)/.exec(serve.output())?.[1] ?? '';
    expect(endpoint).not.toBe('');
    expect(serve.output()).toMatch(
      /View index: s3:\/\/news-timeline-local\/timelines\/north-korea\/index\.json/,
    );
    expect(serve.output()).toMatch(/north-korea: \d+ events from 2 articles/);
    expect(serve.output()).toMatch(/2018-11-02 +North Korea's state media outlet KCNA said +\[2 sources\]/);

    for (const event of ['events/s3-put.json', 'events/s3-put-short.json', 'events/s3-delete.json']) {
      const invoked = runCli(['invoke', event, '--endpoint', endpoint]);
      expect(invoked.status, invoked.stderr).toBe(0);
      const summary = JSON.parse(invoked.stdout) as { synced: Array<{ result: string }> };
      // The samples are in the bucket already, uploaded after the sample events were recorded:
      // their reports hold later sequencers, so every sample event is stale.
      expect(
        summary.synced.map((outcome) => outcome.result),
        event,
      ).toEqual(['stale']);
    }

    const got = runCli(['get', 'north-korea', '--endpoint', endpoint]);
    expect(got.status, got.stderr).toBe(0);
    const timeline = JSON.parse(got.stdout) as WholeTimeline;
    assertValidView(timeline);
    const [full, short] = SAMPLE_ARTICLES.articles;
    expectNkTalksGolden(timeline, { full: full?.key ?? '', short: short?.key ?? '' });

    expect(await stop(serve.child)).toBe(0);
    expect(serve.output()).toContain('stopped');

    // Restarted on the same folder without samples, the timeline is still there.
    const again = await startServe(
      ['--port', '0', '--viewer-port', '0', '--data', data, '--no-samples'],
      /Ctrl-C stops/,
    );
    const endpointAgain = /S3-compatible server: (http:\/\/127\.0\.0\.1:\d+)/.exec(again.output())?.[1] ?? '';
    const kept = runCli(['get', 'north-korea', '--endpoint', endpointAgain]);
    expect(kept.status, kept.stderr).toBe(0);
    expect((JSON.parse(kept.stdout) as WholeTimeline).events).toEqual(timeline.events);
    const missing = runCli(['get', 'no-such-collection', '--endpoint', endpointAgain]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain(
      'no timeline: s3://news-timeline-local/timelines/no-such-collection/index.json does not exist',
    );

    // rebuild: its progress summary on stderr with --progress (not a terminal here), none without.
    const told = runCli(['rebuild', 'north-korea', '--endpoint', endpointAgain, '--progress']);
    expect(told.status, told.stderr).toBe(0);
    expect(told.stderr).toMatch(/^rebuild: 2 articles in [\d.]+ s/m);
    expect(told.stdout).toMatch(
      /^rebuilt s3:\/\/news-timeline-local\/timelines\/north-korea\/index\.json: 2 articles/,
    );
    const quiet = runCli(['rebuild', 'north-korea', '--endpoint', endpointAgain]);
    expect(quiet.status, quiet.stderr).toBe(0);
    expect(quiet.stderr).not.toContain('rebuild:');
    expect(await stop(again.child)).toBe(0);
  }, 60_000);
});
