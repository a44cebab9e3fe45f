import { describe, expect, it } from 'vitest';
import type { WholeTimeline } from '../../src/core/view.ts';
import { runCli } from '../support/run-cli.ts';
import { assertValidView } from '../support/validate-timeline.ts';
import { expectNkTalksGolden } from './nk-talks-expectations.ts';

const FULL = 'events/articles/nk-talks-full.txt';
const SHORT = 'events/articles/nk-talks-short.txt';
const ARGS = ['extract', FULL, SHORT, '--published', '2018-11-08', '--timezone', 'America/New_York'];

function extract(env: NodeJS.ProcessEnv = {}): WholeTimeline {
  const result = runCli(ARGS, env);
  expect(result.status, result.stderr).toBe(0);
  const timeline = JSON.parse(result.stdout) as WholeTimeline;
  assertValidView(timeline);
  return timeline;
}

describe('news-timeline extract on the sample articles', () => {
  it('yields the dated events of the golden list, merged across both articles', () => {
    const timeline = extract({ TZ: 'UTC' });
    expect(timeline.collection).toBe('default');
    expect(timeline.articles.map((article) => article.reference)).toEqual([
      { date: '2018-11-08', timezone: 'America/New_York', source: 'fallback' },
      { date: '2018-11-08', timezone: 'America/New_York', source: 'fallback' },
    ]);
    expectNkTalksGolden(timeline, { full: FULL, short: SHORT });
  });

  it('gives the same timeline whatever the host timezone', () => {
    const strip = (timeline: WholeTimeline) => ({ ...timeline, updatedAt: '' });
    const utc = strip(extract({ TZ: 'UTC' }));
    expect(strip(extract({ TZ: 'Pacific/Kiritimati' }))).toEqual(utc);
    expect(strip(extract({ TZ: 'America/Los_Angeles' }))).toEqual(utc);
  });

  it('keeps sources pointing at the sentence they quote', async () => {
    const { readFile } = await import('node:fs/promises');
    const timeline = extract();
    const texts = new Map([
      [FULL, await readFile(FULL, 'utf8')],
      [SHORT, await readFile(SHORT, 'utf8')],
    ]);
    for (const event of timeline.events) {
      for (const source of event.sources) {
        const text = texts.get(source.article) ?? '';
        expect(text.slice(source.start, source.end)).toBe(source.text);
        expect(text.slice(source.date.start, source.date.end)).toBe(source.date.text);
      }
    }
  });
});
