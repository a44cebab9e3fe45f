import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractArticleEvents } from '../../src/core/events.ts';
import { CSV_COLUMNS } from '../../src/core/export/csv.ts';
import type { TimelineJsDocument } from '../../src/core/export/timelinejs.ts';
import { reportOf } from '../../src/core/report.ts';
import { indexKeyOf, viewOfReports, type WholeTimeline } from '../../src/core/view.ts';
import { parseFixture } from '../support/fixtures.ts';
import { parseCsv } from '../support/parse-csv.ts';
import { REPO_ROOT, runCli } from '../support/run-cli.ts';
import { startS3Server, type TestS3Server } from '../support/s3-server.ts';

const CLI = fileURLToPath(new URL('../../bin/news-timeline.js', import.meta.url));
const SAMPLES = ['events/articles/nk-talks-full.txt', 'events/articles/nk-talks-short.txt'];
const EXTRACT = ['extract', ...SAMPLES, '--published', '2018-11-08', '--timezone', 'America/New_York'];

function run(args: string[], env: NodeJS.ProcessEnv = {}): string {
  const result = runCli(args, env);
  expect(result.status, result.stderr).toBe(0);
  return result.stdout;
}

/** The sample's TimelineJS export, with the one line that depends on when it ran taken out. */
function timelineJsExport(env: NodeJS.ProcessEnv = {}): TimelineJsDocument {
  const document = JSON.parse(run([...EXTRACT, '--format', 'timelinejs'], env)) as TimelineJsDocument;
  const text = document.title.text.text.replace(/<p>Updated [^<]*<\/p>/, '');
  return { ...document, title: { ...document.title, text: { ...document.title.text, text } } };
}

describe('news-timeline extract --format', () => {
  it('prints the same timeline as before by default and with --format json', () => {
    const strip = (text: string) => ({ ...(JSON.parse(text) as WholeTimeline), updatedAt: '' });
    expect(strip(run([...EXTRACT, '--format', 'json']))).toEqual(strip(run(EXTRACT)));
  });

  it('prints TimelineJS JSON: a title slide and one slide per event, by id, in date order', () => {
    const timeline = JSON.parse(run(EXTRACT)) as WholeTimeline;
    const exported = timelineJsExport({ TZ: 'UTC' });
    const sentences = timeline.events.reduce((sum, event) => sum + event.sources.length, 0);
    expect(exported.title.text.headline).toBe('default');
    expect(exported.title.text.text).toBe(
      `<p>${timeline.events.length} events reported in 2 articles (${sentences} sentences), from June 2018 to early 2019.</p>`,
    );
    expect(exported.events.map((slide) => slide.unique_id)).toEqual(timeline.events.map((event) => event.id));
    const byValue = Object.fromEntries(
      exported.events.map((slide) => [
        timeline.events.find((event) => event.id === slide.unique_id)?.date.value,
        [slide.start_date, slide.end_date, slide.display_date],
      ]),
    );
    expect(byValue).toMatchObject({
      '2018-06': [{ year: 2018, month: 6 }, undefined, undefined],
      '2018-11-02': [{ year: 2018, month: 11, day: 2 }, undefined, undefined],
      '2018-W44-WE': [
        { year: 2018, month: 11, day: 3 },
        { year: 2018, month: 11, day: 4 },
        'weekend of November 3–4, 2018',
      ],
      '2019': [{ year: 2019, month: 1, day: 1 }, { year: 2019, month: 3, day: 31 }, 'early 2019'],
    });
    expect(new Set(exported.events.map((slide) => slide.group))).toEqual(
      new Set(['Reported', 'Postponed', 'Planned']),
    );
  });

  it('gives the same export whatever the host timezone', () => {
    const utc = timelineJsExport({ TZ: 'UTC' });
    expect(timelineJsExport({ TZ: 'Pacific/Kiritimati' })).toEqual(utc);
    expect(timelineJsExport({ TZ: 'America/Los_Angeles' })).toEqual(utc);
  });

  it('prints CSV: a header and one row per event', () => {
    const timeline = JSON.parse(run(EXTRACT)) as WholeTimeline;
    const rows = parseCsv(run([...EXTRACT, '--format', 'csv']));
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    expect(rows.slice(1).map((row) => row[0])).toEqual(timeline.events.map((event) => event.id));
    const kcna = rows.find((row) => row[10]?.includes('KCNA'));
    expect(kcna?.slice(1, 9)).toEqual([
      '2018-11-02',
      '2018-11-02',
      '2018-11-02',
      'day',
      '',
      'November 2, 2018',
      'reported',
      '0.99',
    ]);
    expect(kcna?.[12]).toBe('2');
  });

  it('refuses an unknown format, naming the flag and the formats it takes', () => {
    const result = runCli([...EXTRACT, '--format', 'xml']);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain("--format must be json, timelinejs or csv, got 'xml'");
  });
});

describe('news-timeline get --format', () => {
  let server: TestS3Server;
  const collection = 'north-korea';

  beforeAll(async () => {
    server = await startS3Server();
    // The sample articles' view, written as the compactor writes it: documents, then the index.
    const changes = (['nk-talks-full.txt', 'nk-talks-short.txt'] as const).map((name) => {
      const article = parseFixture(name);
      return {
        key: article.key,
        report: reportOf(collection, article, extractArticleEvents(article).events),
      };
    });
    const view = viewOfReports(collection, '2018-11-08T14:05:00.000Z', changes);
    if (!view) throw new Error('the samples make a view');
    for (const write of view.writes) await server.put(write.key, write.body);
    await server.put(indexKeyOf(collection), JSON.stringify(view.index));
  });
  afterAll(async () => {
    await server?.close();
  });

  // The S3 server runs in this process, so the CLI must run beside it, not block it (spawnSync).
  const get = (...args: string[]): Promise<string> =>
    new Promise((resolve, reject) => {
      const command = ['get', collection, '--endpoint', server.endpoint, '--bucket', server.bucket, ...args];
      execFile(
        process.execPath,
        [CLI, ...command],
        { cwd: REPO_ROOT, maxBuffer: 64 * 1024 * 1024 },
        (error, stdout, stderr) =>
          error
            ? reject(new Error(`get ${args.join(' ')} failed: ${stderr}`, { cause: error }))
            : resolve(stdout),
      );
    });

  it('prints the stored timeline as TimelineJS JSON and as CSV, the same events as its JSON', async () => {
    const timeline = JSON.parse(await get()) as WholeTimeline;
    expect(JSON.parse(await get('--format', 'json'))).toEqual(timeline);
    expect(timeline.events.length).toBeGreaterThanOrEqual(10);

    const exported = JSON.parse(await get('--format', 'timelinejs')) as TimelineJsDocument;
    expect(exported.title.text.headline).toBe(collection);
    expect(exported.title.text.text).toContain('<p>Updated 2018-11-08 14:05 UTC.</p>');
    expect(exported.events.map((slide) => slide.unique_id)).toEqual(timeline.events.map((event) => event.id));

    const rows = parseCsv(await get('--format', 'csv'));
    expect(rows).toHaveLength(timeline.events.length + 1);
    expect(rows.slice(1).map((row) => [row[0], row[1], row[7]])).toEqual(
      timeline.events.map((event) => [event.id, event.date.value, event.status]),
    );
  });

  it('refuses an unknown format before reading the bucket', () => {
    const result = runCli(['get', collection, '--endpoint', 'http://127.0.0.1:9', '--format', 'pdf']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("--format must be json, timelinejs or csv, got 'pdf'");
    expect(result.stderr).not.toContain('ECONNREFUSED');
  });
});
