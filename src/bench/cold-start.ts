// The cold start of the deployed function against two floors, each a bundle built with the
// deployed esbuild options (serverless.yml `custom.esbuild`), imported and invoked once in fresh
// `node` processes. Used by `npm run bench`; prints numbers, asserts nothing.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { S3Event } from 'aws-lambda';
import { type BuildOptions, build } from 'esbuild';
import { parse as parseYaml } from 'yaml';
import { encodeS3EventKey } from '../adapters/s3-key.ts';
import { median } from './median.ts';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const BENCH_DIR = fileURLToPath(new URL('./', import.meta.url));
const SERVERLESS_YML = join(REPO, 'serverless.yml');
const ARTICLE_FILE = join(REPO, 'events/articles/nk-talks-full.txt');

export const DEFAULT_COLD_START_RUNS = 15;
/** The targets: ours at most 1.3x the whole-article floor, every bundle at most 1 MB. */
export const COLD_START_TARGET = { ratio: 1.3, bundleBytes: 1_000_000 } as const;

const SAMPLE_BUCKET = 'news-timeline-dev-articles';
const SAMPLE_KEY = 'articles/north-korea/nk-talks-full.txt';
// As `npm start` uploads it (events/articles/manifest.json, src/cli/s3-commands.ts).
const SAMPLE_CONTENT_TYPE = 'text/plain; charset=utf-8';
const SAMPLE_METADATA = { published: '2018-11-08', timezone: 'America/New_York' } as const;
const SAMPLE_EVENT_TIME = '2018-11-08T14:05:00.000Z';
// One sentence of the sample article with one date in it (paragraph 2).
const ONE_SENTENCE =
  "US and foreign sources close to the talks paint a picture that's starkly different from the image President Donald Trump sought to convey Wednesday.";

/**
 * serverless-esbuild's own settings, which it strips before calling esbuild (the list in its
 * dist/bundle.js). `exclude` and `outputFileExtension` are translated below; the rest do not change
 * what is built.
 */
const PLUGIN_ONLY_OPTIONS = new Set([
  'concurrency',
  'zipConcurrency',
  'exclude',
  'nativeZip',
  'packager',
  'packagePath',
  'watch',
  'keepOutputDirectory',
  'packagerOptions',
  'installExtraArgs',
  'outputFileExtension',
  'outputBuildFolder',
  'outputWorkFolder',
  'nodeExternals',
  'skipBuild',
  'skipRebuild',
  'skipBuildExcludeFns',
  'stripEntryResolveExtensions',
  'disposeContext',
]);

/** The esbuild options the deployed bundle is built with, and the extension of its file. */
export interface DeployedBuild {
  readonly options: BuildOptions;
  readonly extension: string;
}

function stringList(value: unknown, name: string): string[] {
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string'))
    throw new Error(`custom.esbuild.${name} in serverless.yml is not a list of strings`);
  return value;
}

/**
 * The build options of serverless.yml's `custom.esbuild`, turned into esbuild's as serverless-esbuild
 * does: its defaults under ours (`bundle`, `platform: node`, the target of `provider.runtime`,
 * `exclude: [aws-sdk]`), its own keys removed, `exclude` added to `external`. esbuild itself
 * rejects any key that is neither, so a new plugin option fails here rather than being ignored.
 *
 * @example (await readDeployedBuild()).extension // '.mjs'
 */
export async function readDeployedBuild(serverlessYml = SERVERLESS_YML): Promise<DeployedBuild> {
  const config = parseYaml(await readFile(serverlessYml, 'utf8')) as {
    provider?: { runtime?: string };
    custom?: { esbuild?: Record<string, unknown> };
  };
  const custom = config.custom?.esbuild;
  if (!custom) throw new Error(`no custom.esbuild in ${serverlessYml}`);
  // A JS config file replaces the YAML settings in serverless-esbuild; this reads only the YAML.
  if ('config' in custom) throw new Error(`custom.esbuild.config in ${serverlessYml} is not supported`);
  const runtimeVersion = /^nodejs(\d+)\.x$/.exec(config.provider?.runtime ?? '')?.[1];
  const settings: Record<string, unknown> = {
    bundle: true,
    platform: 'node',
    ...(runtimeVersion ? { target: `node${runtimeVersion}` } : {}),
    exclude: ['aws-sdk'],
    external: [],
    outputFileExtension: '.js',
    ...custom,
  };
  const exclude = stringList(settings.exclude, 'exclude');
  const external = stringList(settings.external, 'external');
  const extension = settings.outputFileExtension;
  if (typeof extension !== 'string') throw new Error('custom.esbuild.outputFileExtension is not a string');
  const options = Object.fromEntries(
    Object.entries(settings).filter(([key]) => !PLUGIN_ONLY_OPTIONS.has(key)),
  );
  return {
    options: { ...options, external: [...external, ...(exclude.includes('*') ? [] : exclude)] },
    extension,
  };
}

/** The S3 notification of the sample article's upload, shaped like events/s3-put.json. */
export function samplePutEvent(size: number, md5: string): S3Event {
  return {
    Records: [
      {
        eventVersion: '2.1',
        eventSource: 'aws:s3',
        awsRegion: 'us-east-1',
        eventTime: SAMPLE_EVENT_TIME,
        eventName: 'ObjectCreated:Put',
        userIdentity: { principalId: 'AWS:AIDAJDPLRKLG7UEXAMPLE' },
        requestParameters: { sourceIPAddress: '127.0.0.1' },
        responseElements: {
          'x-amz-request-id': 'C3D13FE58DE4C810',
          'x-amz-id-2': 'FMyUVURIY8/IgAtTv8xRjskZQpcIZ9KG4V5Wp6S7S/JRWeUWerMUE5JgHvANOjpD',
        },
        s3: {
          s3SchemaVersion: '1.0',
          configurationId: 'news-timeline-articles',
          bucket: {
            name: SAMPLE_BUCKET,
            ownerIdentity: { principalId: 'A3NL1KOZZKExample' },
            arn: `arn:aws:s3:::${SAMPLE_BUCKET}`,
          },
          // S3 sends keys URL-encoded; the handler decodes them.
          object: { key: encodeS3EventKey(SAMPLE_KEY), size, eTag: md5, sequencer: '0062E99A88DC407460' },
        },
      },
    ],
  };
}

const SAMPLE_CONTEXT = {
  awsRequestId: 'c6af9ac6-7b61-11e6-9a41-93e812345678',
  functionName: 'news-timeline-dev-timeline',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:news-timeline-dev-timeline',
  memoryLimitInMB: '512',
};

// The sample entries are bundled from these strings (esbuild `stdin`, resolved from src/bench) so
// that they are not files of their own; tsc does not see them, test/bench/cold-start.test.ts runs
// them. Each exports `invokeOnce(articleBytes)`, which returns how many results it found.

/**
 * Our function's work on one upload, minus the network. It imports src/handler.ts, so the bundle
 * holds and runs at import everything the deployed one does (the module-scope `handler` with its
 * S3 client, Powertools logger and metrics). The invocation is the deployed handler's path as
 * createLambdaHandler wires it, with the S3Storage swapped for memory: same createHandler and
 * runtimeDependencies, Powertools logs and EMF metrics to stdout, instrumentHandler, an S3 put event
 * with a URL-encoded key. What S3 would answer is what the sample upload holds (an article never
 * seen, no timeline yet): getArticle the bytes with the metadata `npm start` sets, no stored
 * timeline, the written timeline serialized as S3Storage does before its PUT. Left out are only
 * the four S3 requests (HEAD, GET, PUT, HEAD) and the SDK's work to send them, which the floors do
 * not do either. The logger and metrics are built a second time (the module-scope ones are not
 * exported), which, if anything, counts against us.
 */
function oursEntrySource(event: S3Event, etag: string): string {
  return `import { createHandler, instrumentHandler, runtimeDependencies } from '../handler.ts';
import { createLogger } from '../logger.ts';
import { createMetrics, powertoolsRecorder } from '../metrics.ts';

const EVENT = ${JSON.stringify(event)};
const CONTEXT = ${JSON.stringify(SAMPLE_CONTEXT)};
const ARTICLE = ${JSON.stringify({ key: SAMPLE_KEY, contentType: SAMPLE_CONTENT_TYPE, metadata: SAMPLE_METADATA, etag })};

// An ArticleSource and TimelineStore (src/ports.ts) holding the one article and no timeline.
function memoryStorage(stored) {
  const written = new Map();
  return {
    getArticle: async (_bucket, key) => (key === stored.key ? stored : undefined),
    articleEtag: async (_bucket, key) => (key === stored.key ? stored.etag : undefined),
    listArticles: async function* () {},
    loadTimeline: async () => undefined,
    timelineEtag: async () => undefined,
    saveTimeline: async (_bucket, timeline) => {
      written.set(timeline.collection, JSON.stringify(timeline, null, 2) + '\\n');
    },
  };
}

export async function invokeOnce(bytes) {
  const storage = memoryStorage({ ...ARTICLE, bytes, lastModified: new Date(${JSON.stringify(SAMPLE_EVENT_TIME)}) });
  const logger = createLogger();
  const metrics = createMetrics();
  const handle = instrumentHandler(
    createHandler(runtimeDependencies(storage, logger, powertoolsRecorder(metrics))),
    { logger, metrics },
  );
  const summary = await handle(EVENT, CONTEXT);
  const outcome = summary.synced[0];
  // A rejected or skipped article would time much less than the work meant here.
  if (summary.synced.length !== 1 || outcome.result !== 'updated' || outcome.action !== 'upsert')
    throw new Error('the sample invocation did not sync the article: ' + JSON.stringify(summary));
  return outcome.events;
}
`;
}

/**
 * The floor of any function that reads an S3 object and parses its dates: the SDK's S3 client
 * built at module scope (never sent a request) and chrono's English parser over `text`.
 */
function floorEntrySource(parsed: 'article' | 'sentence'): string {
  const text = parsed === 'article' ? 'new TextDecoder().decode(bytes)' : JSON.stringify(ONE_SENTENCE);
  return `import { S3Client } from '@aws-sdk/client-s3';
import * as chrono from 'chrono-node/en';

export const client = new S3Client({});
// The sample article's publication day, noon in New York.
const REFERENCE = { instant: new Date('2018-11-08T12:00:00-05:00'), timezone: -300 };

export async function invokeOnce(bytes) {
  return chrono.casual.parse(${text}, REFERENCE).length;
}
`;
}

const SAMPLE_MARK = '@cold-start ';
// The measured script: times, from the start of its process, the import of a bundle (argv[2], a
// file URL) and then one invocation on the article (argv[3], when given). Plain JS, so that no
// loader is in the process.
const RUNNER_SOURCE = `import { readFileSync } from 'node:fs';
const bootMs = performance.now();
const [bundle, article] = process.argv.slice(2);
const loaded = await import(bundle);
const importMs = performance.now();
const results = article === undefined ? undefined : await loaded.invokeOnce(readFileSync(article));
const importInvokeMs = article === undefined ? undefined : performance.now();
process.stdout.write('\\n${SAMPLE_MARK}' + JSON.stringify({ bootMs, importMs, importInvokeMs, results }) + '\\n');
`;

export type BundleName = 'ours' | 'oursSample' | 'wholeArticleFloor' | 'oneSentenceFloor';

export interface ColdStartBundle {
  readonly name: BundleName;
  readonly label: string;
  readonly file: string;
  readonly bytes: number;
  readonly sourceMapBytes: number;
  /** Whether it is invoked on the sample article after the import (the deployed one is not). */
  readonly invokes: boolean;
}

export interface ColdStartWorkspace {
  readonly dir: string;
  readonly runner: string;
  readonly bundles: readonly ColdStartBundle[];
}

/**
 * Builds, into `dir`, the deployed bundle (src/handler.ts), our sample entry and the two floors,
 * all with the deployed options, and the script that times them.
 */
export async function buildColdStartBundles(dir: string): Promise<ColdStartWorkspace> {
  const deployed = await readDeployedBuild();
  const article = await readFile(ARTICLE_FILE);
  const md5 = createHash('md5').update(article).digest('hex');
  const entries: ReadonlyArray<{
    name: BundleName;
    label: string;
    entry: Pick<BuildOptions, 'entryPoints' | 'stdin'>;
  }> = [
    { name: 'ours', label: 'ours, deployed (src/handler.ts)', entry: { entryPoints: ['src/handler.ts'] } },
    {
      name: 'oursSample',
      label: 'ours + sample invocation',
      // S3 returns ETags quoted; events carry them bare.
      entry: {
        stdin: stdinOf('cold-start-ours', oursEntrySource(samplePutEvent(article.length, md5), `"${md5}"`)),
      },
    },
    {
      name: 'wholeArticleFloor',
      label: 'whole-article floor',
      entry: { stdin: stdinOf('cold-start-floor-article', floorEntrySource('article')) },
    },
    {
      name: 'oneSentenceFloor',
      label: 'one-sentence floor',
      entry: { stdin: stdinOf('cold-start-floor-sentence', floorEntrySource('sentence')) },
    },
  ];
  const bundles = await Promise.all(
    entries.map(async ({ name, label, entry }): Promise<ColdStartBundle> => {
      const file = join(dir, `${name}${deployed.extension}`);
      await build({ ...deployed.options, ...entry, outfile: file, absWorkingDir: REPO, logLevel: 'warning' });
      const sourceMapBytes = deployed.options.sourcemap ? (await stat(`${file}.map`)).size : 0;
      return { name, label, file, bytes: (await stat(file)).size, sourceMapBytes, invokes: name !== 'ours' };
    }),
  );
  const runner = join(dir, 'run.mjs');
  await writeFile(runner, RUNNER_SOURCE);
  return { dir, runner, bundles };
}

function stdinOf(name: string, contents: string): NonNullable<BuildOptions['stdin']> {
  return { contents, resolveDir: BENCH_DIR, sourcefile: `${name}.js`, loader: 'js' };
}

export interface ColdStartSample {
  /** Milliseconds from process start to the first line of the measured script (Node's own start-up). */
  readonly bootMs: number;
  readonly importMs: number;
  readonly importInvokeMs?: number;
  readonly results?: number;
}

/**
 * One fresh `node` process importing `bundle` (and invoking it once when it invokes), with a
 * Lambda-like environment and nothing of ours: no NODE_OPTIONS (no loader, no source maps), the
 * region Lambda sets, fake credentials so that the SDK never looks for any, HOME in the work
 * directory so that no ~/.aws is in reach.
 */
export function spawnColdStart(workspace: ColdStartWorkspace, bundle: ColdStartBundle): ColdStartSample {
  const args = [workspace.runner, pathToFileURL(bundle.file).href, ...(bundle.invokes ? [ARTICLE_FILE] : [])];
  const child = spawnSync(process.execPath, args, {
    cwd: workspace.dir,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: workspace.dir,
      // Lambda runs its functions in UTC (TZ=:UTC).
      TZ: 'UTC',
      NODE_OPTIONS: '',
      AWS_REGION: 'us-east-1',
      // What Lambda sets and Powertools reads to tell a cold start.
      AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
      AWS_ACCESS_KEY_ID: 'x',
      AWS_SECRET_ACCESS_KEY: 'x',
    },
  });
  const line = child.stdout
    ?.split('\n')
    .findLast((text) => text.startsWith(SAMPLE_MARK))
    ?.slice(SAMPLE_MARK.length);
  if (child.status !== 0 || line === undefined) {
    throw new Error(
      `cold start of ${bundle.label} failed (exit ${child.status ?? child.signal}): ${child.stderr?.trim() || child.error?.message}`,
    );
  }
  return JSON.parse(line) as ColdStartSample;
}

/**
 * The value below which `p` percent of `values` lie (nearest rank).
 *
 * @example percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90) // 9
 */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

export interface Spread {
  readonly median: number;
  readonly p90: number;
}

function spreadOf(values: readonly number[]): Spread {
  return { median: median(values), p90: percentile(values, 90) };
}

export interface FloorTiming {
  readonly importMs: Spread;
  readonly importInvokeMs: Spread;
  /** chrono's results in the invocation. */
  readonly results: number;
}

export interface ColdStartReport {
  readonly node: string;
  readonly runs: number;
  /** Node's own start-up before the measured script runs, in every process alike. */
  readonly bootMs: Spread;
  /** ours (import + invocation) / the whole-article floor (import + invocation), of the medians. */
  readonly ratio: number;
  /** ours / the one-sentence floor, likewise. */
  readonly ratioOneSentence: number;
  readonly ours: {
    /** The deployed bundle, import only (invoking it would call S3). */
    readonly importMs: Spread;
    /** The sample entry: the deployed bundle's import, then one invocation on the sample article. */
    readonly importInvokeMs: Spread;
    /** The sample entry's import alone, to compare with the deployed bundle's. */
    readonly sampleImportMs: Spread;
    /** Dated events the invocation extracted. */
    readonly events: number;
  };
  readonly floors: { readonly wholeArticle: FloorTiming; readonly oneSentence: FloorTiming };
  readonly bundleBytes: Readonly<Record<BundleName, number>>;
  readonly sourceMapBytes: Readonly<Record<BundleName, number>>;
  readonly target: typeof COLD_START_TARGET;
}

/**
 * Builds the four bundles in a temporary directory and starts `runs` fresh processes of each, one
 * after another and taking turns so that machine noise hits all alike, after one untimed round (so
 * that no bundle's first process after the build is among them).
 */
export async function measureColdStart(options: { runs?: number } = {}): Promise<ColdStartReport> {
  const runs = options.runs ?? DEFAULT_COLD_START_RUNS;
  const dir = await mkdtemp(join(tmpdir(), 'news-timeline-cold-start-'));
  try {
    const workspace = await buildColdStartBundles(dir);
    const samples = new Map(workspace.bundles.map((bundle) => [bundle.name, [] as ColdStartSample[]]));
    for (let run = -1; run < runs; run += 1) {
      for (const bundle of workspace.bundles) {
        const sample = spawnColdStart(workspace, bundle);
        if (run >= 0) samples.get(bundle.name)?.push(sample);
      }
    }
    const of = (name: BundleName) => samples.get(name) ?? [];
    const imports = (name: BundleName) => spreadOf(of(name).map((sample) => sample.importMs));
    const invoked = (name: BundleName) =>
      spreadOf(of(name).map((sample) => sample.importInvokeMs ?? Number.NaN));
    const results = (name: BundleName) => of(name)[0]?.results ?? Number.NaN;
    const floor = (name: BundleName): FloorTiming => ({
      importMs: imports(name),
      importInvokeMs: invoked(name),
      results: results(name),
    });
    const ours = {
      importMs: imports('ours'),
      importInvokeMs: invoked('oursSample'),
      sampleImportMs: imports('oursSample'),
      events: results('oursSample'),
    };
    const floors = { wholeArticle: floor('wholeArticleFloor'), oneSentence: floor('oneSentenceFloor') };
    const byName = (value: (bundle: ColdStartBundle) => number) =>
      Object.fromEntries(workspace.bundles.map((bundle) => [bundle.name, value(bundle)])) as Record<
        BundleName,
        number
      >;
    return {
      node: process.version,
      runs,
      bootMs: spreadOf([...samples.values()].flat().map((sample) => sample.bootMs)),
      ratio: ours.importInvokeMs.median / floors.wholeArticle.importInvokeMs.median,
      ratioOneSentence: ours.importInvokeMs.median / floors.oneSentence.importInvokeMs.median,
      ours,
      floors,
      bundleBytes: byName((bundle) => bundle.bytes),
      sourceMapBytes: byName((bundle) => bundle.sourceMapBytes),
      target: COLD_START_TARGET,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The report as the lines `npm run bench` prints. */
export function formatColdStart(report: ColdStartReport): string[] {
  const ms = (value: number | undefined, width: number) =>
    (value === undefined || Number.isNaN(value) ? '-' : value.toFixed(1)).padStart(width);
  const rows: Array<[string, number, Spread, Spread | undefined]> = [
    ['ours, deployed (src/handler.ts)', report.bundleBytes.ours, report.ours.importMs, undefined],
    [
      'ours + sample invocation',
      report.bundleBytes.oursSample,
      report.ours.sampleImportMs,
      report.ours.importInvokeMs,
    ],
    [
      'whole-article floor',
      report.bundleBytes.wholeArticleFloor,
      report.floors.wholeArticle.importMs,
      report.floors.wholeArticle.importInvokeMs,
    ],
    [
      'one-sentence floor',
      report.bundleBytes.oneSentenceFloor,
      report.floors.oneSentence.importMs,
      report.floors.oneSentence.importInvokeMs,
    ],
  ];
  const label = 33;
  const overBytes = rows.filter(([, bytes]) => bytes > report.target.bundleBytes).map(([name]) => name);
  const { target } = report;
  return [
    `cold start (median and p90 of ${report.runs} fresh node processes per bundle, taking turns; ms from`,
    `  process start, node's own start-up ${report.bootMs.median.toFixed(1)} ms of it; built with serverless.yml's custom.esbuild)`,
    `  ${'bundle'.padEnd(label)}${'bytes'.padStart(8)}${'import'.padStart(9)}${'p90'.padStart(7)}${'import+invoke'.padStart(15)}${'p90'.padStart(7)}`,
    ...rows.map(
      ([name, bytes, imported, invoked]) =>
        `  ${name.padEnd(label)}${String(bytes).padStart(8)}${ms(imported.median, 9)}${ms(imported.p90, 7)}${ms(invoked?.median, 15)}${ms(invoked?.p90, 7)}`,
    ),
    `  events extracted by ours: ${report.ours.events}; chrono results: whole article ${report.floors.wholeArticle.results}, one sentence ${report.floors.oneSentence.results}`,
    '',
    `ours / whole-article floor: ${report.ratio.toFixed(2)}x (import+invoke medians), ${report.ratio <= target.ratio ? 'within' : 'OVER'} the ${target.ratio}x target`,
    `ours / one-sentence floor:  ${report.ratioOneSentence.toFixed(2)}x`,
    overBytes.length === 0
      ? `every bundle within ${target.bundleBytes / 1e6} MB`
      : `OVER ${target.bundleBytes / 1e6} MB: ${overBytes.join(', ')}`,
  ];
}
