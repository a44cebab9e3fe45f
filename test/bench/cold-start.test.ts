// The cold-start bench's builds and invocations, not its timings: what it measures must be the
// deployed build and the work of one real invocation, or its numbers mean nothing.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as chrono from 'chrono-node/en';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildColdStartBundles,
  type ColdStartBundle,
  type ColdStartWorkspace,
  percentile,
  readDeployedBuild,
  spawnColdStart,
} from '../../src/bench/cold-start.ts';
import { parseArticle } from '../../src/core/article.ts';
import { extractArticleEvents } from '../../src/core/events.ts';

const ARTICLE_URL = new URL('../../events/articles/nk-talks-full.txt', import.meta.url);

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cold-start-test-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('readDeployedBuild', () => {
  it("reads serverless.yml's custom.esbuild as esbuild options, without the plugin's own keys", async () => {
    const { options, extension } = await readDeployedBuild();
    expect(extension).toBe('.mjs');
    expect(options).toMatchObject({
      bundle: true,
      minify: true,
      sourcemap: true,
      target: 'node22',
      platform: 'node',
      format: 'esm',
      mainFields: ['module', 'main'],
      external: [],
    });
    expect(options.banner?.js).toContain('createRequire');
    expect(options).not.toHaveProperty('exclude');
    expect(options).not.toHaveProperty('outputFileExtension');
  });

  it("fills in serverless-esbuild's defaults: the runtime's target, aws-sdk excluded, .js", async () => {
    const yml = join(dir, 'defaults.yml');
    await writeFile(
      yml,
      'provider:\n  runtime: nodejs20.x\ncustom:\n  esbuild:\n    minify: true\n    concurrency: 4\n',
    );
    expect(await readDeployedBuild(yml)).toEqual({
      options: { bundle: true, platform: 'node', target: 'node20', minify: true, external: ['aws-sdk'] },
      extension: '.js',
    });
  });
});

describe('percentile', () => {
  it.each([
    { values: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], p: 90, expected: 9 },
    { values: [10, 1, 9, 2, 8, 3, 7, 4, 6, 5], p: 90, expected: 9 },
    { values: [...Array(15).keys()].map((index) => index + 1), p: 90, expected: 14 },
    { values: [5], p: 90, expected: 5 },
    { values: [3, 1, 2], p: 50, expected: 2 },
    { values: [], p: 90, expected: Number.NaN },
  ])('takes the nearest rank: p$p of $values is $expected', ({ values, p, expected }) => {
    expect(percentile(values, p)).toBe(expected);
  });
});

describe('buildColdStartBundles', () => {
  let workspace: ColdStartWorkspace;
  const bundle = (name: ColdStartBundle['name']) =>
    workspace.bundles.find((candidate) => candidate.name === name) as ColdStartBundle;

  beforeAll(async () => {
    workspace = await buildColdStartBundles(dir);
  });

  it('imports the deployed bundle in a fresh process without invoking it', () => {
    const sample = spawnColdStart(workspace, bundle('ours'));
    expect(sample.importInvokeMs).toBeUndefined();
    expect(sample.results).toBeUndefined();
  });

  it('syncs the sample article through the handler and extracts the events the core finds in it', async () => {
    const article = parseArticle({
      key: 'articles/north-korea/nk-talks-full.txt',
      bytes: await readFile(ARTICLE_URL),
      contentType: 'text/plain; charset=utf-8',
      metadata: { published: '2018-11-08', timezone: 'America/New_York' },
    });
    const expected = extractArticleEvents(article).events.length;
    expect(expected).toBeGreaterThan(0);
    expect(spawnColdStart(workspace, bundle('oursSample')).results).toBe(expected);
  });

  it('parses the whole article in the whole-article floor and one sentence in the other', async () => {
    const text = await readFile(ARTICLE_URL, 'utf8');
    const reference = { instant: new Date('2018-11-08T12:00:00-05:00'), timezone: -300 };
    expect(spawnColdStart(workspace, bundle('wholeArticleFloor')).results).toBe(
      chrono.casual.parse(text, reference).length,
    );
    expect(spawnColdStart(workspace, bundle('oneSentenceFloor')).results).toBe(1);
  });
});
