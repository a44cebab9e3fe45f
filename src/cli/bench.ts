// npm run bench -- [CORPORA_DIR] [--json] [--passes N] [--cold-start-runs N] [--only corpus|cold-start]
// Speed of our tagger against raw chrono on the TimeML corpora, same documents, one process; then
// the deployed function's cold start against the floor of any function that reads an S3 object and
// parses its dates (src/bench/cold-start.ts). Prints numbers; asserts nothing.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import * as chrono from 'chrono-node/en';
import { DEFAULT_COLD_START_RUNS, formatColdStart, measureColdStart } from '../bench/cold-start.ts';
import { DEFAULT_MAX_SECONDS, DEFAULT_TOPIC, formatGrowthReport, measureGrowth } from '../bench/growth.ts';
import { measureImportTimes } from '../bench/measure-import-time.ts';
import { BENCH_SOURCES, type BenchDocument, readBenchDocuments } from '../bench/read-bench-documents.ts';
import { type PassTimes, timeInterleaved } from '../bench/time-interleaved.ts';
import { tagDocument } from '../core/temporal/tag-document.ts';
import { type Progress, startProgress } from './progress.ts';
import { runMain } from './run-main.ts';
import { UsageError } from './usage-error.ts';

const USAGE = `npm run bench [-- CORPORA_DIR] [--passes N] [--cold-start-runs N] [--growth-limit N] [--growth-seconds S] [--only corpus|cold-start|growth] [--json] [--progress]
  Times raw chrono.parse and our tagger on the TempEval-3 corpora (default ../shared/corpora), then
  the cold start of both deployed functions against their floors over --cold-start-runs fresh node
  processes each (default ${DEFAULT_COLD_START_RUNS}), then the growth of cost per article on the
  Timeline17 topic ${DEFAULT_TOPIC} (CORPORA_DIR/timeline17; at most --growth-limit articles and
  --growth-seconds, default ${DEFAULT_MAX_SECONDS} s). --only runs one of the three; the cold start needs no corpora.
  Progress goes to stderr when it is a terminal, or with --progress.
`;

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const TAGGER_MODULE = join(REPO, 'src/core/temporal/tag-document.ts');
const BUDGET = 3;
const IMPORT_RUNS = 5;
const WARMUP_PASSES = 3;
const MIN_TIMED_MS = 3000;

function rawChronoPass(documents: readonly BenchDocument[]): () => number {
  // Built once so that the pass times parsing, not Date construction.
  const inputs = documents.map((doc) => ({
    text: doc.text,
    options: { instant: new Date(Date.UTC(doc.dct.year, doc.dct.month - 1, doc.dct.day, 12)), timezone: 0 },
  }));
  return () => {
    let results = 0;
    for (const { text, options } of inputs) results += chrono.casual.parse(text, options).length;
    return results;
  };
}

function ourPass(documents: readonly BenchDocument[]): () => number {
  const inputs = documents.map((doc) => ({ text: doc.text, reference: { date: doc.dct, timezone: 'UTC' } }));
  return () => {
    let results = 0;
    for (const { text, reference } of inputs) results += tagDocument(text, reference).length;
    return results;
  };
}

function speedOf(times: PassTimes, docs: number, bytes: number) {
  const passes = times.passMs.length;
  return {
    msPerDoc: times.totalMs / passes / docs,
    mbPerSecond: (bytes * passes) / 1e6 / (times.totalMs / 1000),
    results: times.results,
    passMs: times.passMs.map((ms) => Math.round(ms * 10) / 10),
  };
}

type BenchRead = Awaited<ReturnType<typeof readBenchDocuments>>;

/** Counts the passes of both sides on `progress` (a write to stderr: microseconds of a pass's many ms). */
function countedPass(pass: () => number, progress: Progress, count: { passes: number }): () => number {
  return () => {
    const results = pass();
    count.passes += 1;
    progress.update(count.passes);
    return results;
  };
}

/** The corpus part: import times and interleaved parse passes, as a report and its printed lines. */
function timeCorpora(
  corpora: string,
  read: BenchRead,
  fixedPasses: number | undefined,
  forcedProgress: boolean,
) {
  const { documents, skipped } = read;
  const bytes = documents.reduce((total, doc) => total + Buffer.byteLength(doc.text, 'utf8'), 0);
  const bySource = Object.fromEntries(
    BENCH_SOURCES.map((source) => [source, documents.filter((doc) => doc.source === source).length]),
  );

  const [chronoImportMs = Number.NaN, oursImportMs = Number.NaN] = measureImportTimes(
    ['chrono-node/en', pathToFileURL(TAGGER_MODULE).href],
    IMPORT_RUNS,
    REPO,
  );

  const progress = startProgress({
    label: 'bench: corpus',
    unit: 'passes',
    ...(fixedPasses === undefined ? {} : { total: 2 * (WARMUP_PASSES + fixedPasses) }),
    forced: forcedProgress,
  });
  const count = { passes: 0 };
  const timed = timeInterleaved(
    countedPass(rawChronoPass(documents), progress, count),
    countedPass(ourPass(documents), progress, count),
    {
      warmup: WARMUP_PASSES,
      minMs: MIN_TIMED_MS,
      minPasses: 5,
      maxPasses: 1000,
      ...(fixedPasses === undefined ? {} : { passes: fixedPasses }),
    },
  );
  progress.finish(`${WARMUP_PASSES} warm-up and ${timed.a.passMs.length} timed passes of each tagger`);
  const raw = speedOf(timed.a, documents.length, bytes);
  const ours = speedOf(timed.b, documents.length, bytes);
  const ratio = timed.b.totalMs / timed.a.totalMs;
  const report = {
    corpora,
    documents: { count: documents.length, bySource, bytes, mb: bytes / 1e6, skipped },
    importMs: {
      runs: IMPORT_RUNS,
      loader: 'node --import tsx',
      chrono: chronoImportMs,
      ours: oursImportMs,
      oursMinusChrono: oursImportMs - chronoImportMs,
    },
    parse: { warmupPasses: WARMUP_PASSES, timedPasses: timed.a.passMs.length, raw, ours },
    ratio,
    medianPassRatio: timed.medianRatio,
    budget: BUDGET,
    withinBudget: ratio <= BUDGET,
  };

  const ms = (value: number) => `${value.toFixed(1)} ms`.padStart(9);
  const row = (label: string, speed: typeof raw) =>
    `  ${label.padEnd(12)}${speed.msPerDoc.toFixed(3).padStart(9)}${speed.mbPerSecond.toFixed(2).padStart(9)}${String(speed.results).padStart(10)}`;
  const sources = Object.entries(bySource)
    .map(([source, count]) => `${source.split('/').at(-1)} ${count}`)
    .join(', ');
  const lines = [
    `documents   ${documents.length} (${sources}), ${report.documents.mb.toFixed(2)} MB of text${skipped.length > 0 ? `, ${skipped.length} skipped` : ''}`,
    '',
    `import time (median of ${IMPORT_RUNS} fresh processes each, alternating, node --import tsx)`,
    `  chrono-node/en                     ${ms(chronoImportMs)}`,
    `  src/core/temporal/tag-document.ts  ${ms(oursImportMs)}`,
    `  ours - chrono                      ${ms(oursImportMs - chronoImportMs)}`,
    '',
    `parse (${WARMUP_PASSES} warm-up + ${report.parse.timedPasses} timed passes each, interleaved ABBA)`,
    `  ${''.padEnd(12)}${'ms/doc'.padStart(9)}${'MB/s'.padStart(9)}${'results'.padStart(10)}`,
    row('raw chrono', raw),
    row('ours', ours),
    '',
    `ours / raw chrono: ${ratio.toFixed(1)}x (median per-pass ratio ${timed.medianRatio.toFixed(1)}x)`,
    `${report.withinBudget ? 'within' : 'OVER'} the ${BUDGET}x budget`,
  ];
  return { report, lines };
}

function positiveInteger(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (Number.isInteger(number) && number > 0) return number;
  throw new UsageError(`${flag} must be a positive integer, got ${JSON.stringify(value)}`);
}

/**
 * The cold start, which says nothing until it is done: its line shows the time so far, redrawn
 * every second (the rounds run in child processes, so the timer gets its turn).
 */
async function timedColdStart(runs: number | undefined, forcedProgress: boolean) {
  const progress = startProgress({ label: 'bench: cold start', unit: 'runs', forced: forcedProgress });
  const timer = setInterval(() => progress.update(), 1000);
  try {
    const report = await measureColdStart(runs === undefined ? {} : { runs });
    progress.update(report.runs);
    progress.finish();
    return report;
  } finally {
    clearInterval(timer);
  }
}

async function timedGrowth(
  corpora: string,
  maxSeconds: number,
  limit: number | undefined,
  forcedProgress: boolean,
) {
  const progress = startProgress({ label: 'bench: growth', unit: 'articles', forced: forcedProgress });
  const report = await measureGrowth({
    dir: join(corpora, 'timeline17'),
    topic: DEFAULT_TOPIC,
    maxSeconds,
    ...(limit === undefined ? {} : { limit }),
    onProgress: ({ articles, of, note }) => progress.update(articles, { total: of, detail: note }),
  });
  progress.update(report.growth.articles, { detail: '' });
  progress.finish(report.growth.stoppedEarly ? `stopped at ${maxSeconds} s` : undefined);
  return report;
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      passes: { type: 'string' },
      'cold-start-runs': { type: 'string' },
      only: { type: 'string' },
      'growth-limit': { type: 'string' },
      'growth-seconds': { type: 'string' },
      progress: { type: 'boolean', default: false },
    },
  });
  const corpora = positionals[0] ?? join(REPO, '../shared/corpora');
  const fixedPasses = positiveInteger(values.passes, '--passes');
  const coldStartRuns = positiveInteger(values['cold-start-runs'], '--cold-start-runs');
  const only = values.only;
  if (only !== undefined && only !== 'corpus' && only !== 'cold-start' && only !== 'growth')
    throw new UsageError(`--only takes corpus, cold-start or growth, got ${JSON.stringify(only)}`);
  const growthLimit = positiveInteger(values['growth-limit'], '--growth-limit');
  const growthSeconds = positiveInteger(values['growth-seconds'], '--growth-seconds') ?? DEFAULT_MAX_SECONDS;

  // Read first: a missing corpus directory fails before the cold start spends its seconds.
  let read: BenchRead | undefined;
  if (only === undefined || only === 'corpus') {
    try {
      read = await readBenchDocuments(corpora);
    } catch (error) {
      process.stderr.write(
        `cannot read the corpora in ${corpora}: ${(error as Error).message}\n(--only cold-start needs none)\n`,
      );
      return 1;
    }
  }
  const chronoVersion = (
    JSON.parse(await readFile(join(REPO, 'node_modules/chrono-node/package.json'), 'utf8')) as {
      version: string;
    }
  ).version;

  const corpus = read && timeCorpora(corpora, read, fixedPasses, values.progress);
  const coldStart =
    only === undefined || only === 'cold-start'
      ? await timedColdStart(coldStartRuns, values.progress)
      : undefined;
  const growth =
    only === undefined || only === 'growth'
      ? await timedGrowth(corpora, growthSeconds, growthLimit, values.progress)
      : undefined;

  if (values.json) {
    const report = {
      node: process.version,
      chronoNode: chronoVersion,
      ...corpus?.report,
      coldStart,
      ...(growth ? { growth: { topic: growth.topic, pipeline: growth.pipeline, ...growth.growth } } : {}),
    };
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return 0;
  }
  const lines = [
    `node ${process.version}, chrono-node ${chronoVersion}${corpus ? `, corpora ${corpora}` : ''}`,
    ...(corpus ? corpus.lines : []),
    ...(corpus && coldStart ? [''] : []),
    ...(coldStart ? formatColdStart(coldStart) : []),
    ...(growth && (corpus || coldStart) ? [''] : []),
    ...(growth ? [formatGrowthReport(growth, growthLimit).trimEnd()] : []),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}

await runMain(main, USAGE);
