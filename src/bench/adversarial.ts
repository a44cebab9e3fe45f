// npm run bench:adversarial [-- --cap SECONDS] [--only NAME,…] [--sizes MB,…] | [-- --print NAME BYTES]
// Worst-case articles near the size limit, 1, 2.5 and 5 MB of each, to show that every stage grows
// linearly with the input (time per MB). Each input runs twice, each time in a child process:
// - staged: parseArticle (which splits the text into sentences once), tagSentences and
//   eventsOfSentences timed apart, then the
//   merge into an empty view (viewOfReports, view.ts: not core's to fix, shown for the limit);
// - lambda: parseArticle then extractArticleEvents, as an invocation runs them, with a heap cap
//   near the function's memory.
// A child is killed after --cap seconds (default 60, the function's timeout); a stage still running
// then is reported as "> cap". Prints numbers; asserts nothing.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parseArticle } from '../core/article.ts';
import { eventsOfSentences, extractArticleEvents } from '../core/events.ts';
import { reportOf } from '../core/report.ts';
import { tagSentences } from '../core/temporal/tag-document.ts';
import { viewOfReports } from '../core/view.ts';
import { seededRandom } from './seeded-random.ts';

const SELF = fileURLToPath(import.meta.url);
const MB = 1_000_000;
const DEFAULT_SIZES_MB = [1, 2.5, 5];
const DEFAULT_CAP_SECONDS = 60;
const STAGES = ['parse', 'tag', 'events', 'merge', 'lambda'] as const;
const STAGED: readonly Stage[] = ['parse', 'tag', 'events', 'merge'];
type Stage = (typeof STAGES)[number];

type Pick = <T>(items: readonly T[]) => T;
const pickerOf =
  (random: () => number): Pick =>
  (items) =>
    items[Math.floor(random() * items.length)] as (typeof items)[number];

const WORDS = [
  'the',
  'council',
  'officials',
  'talks',
  'and',
  'members',
  'of',
  'committee',
  'report',
  'on',
  'plan',
  'budget',
  'city',
  'a',
  'new',
  'road',
  'with',
  'its',
  'leaders',
  'said',
  'for',
  'state',
  'agency',
  'asked',
];
const FUTURE_VERBS = [
  'will meet',
  'will vote',
  'will be held',
  'would decide',
  'is expected to sign',
  'are going to announce',
  'will not also',
  "'ll review",
  'plans to open',
];
const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const MONTHS = ['January', 'March', 'April', 'June', 'July', 'August', 'October', 'November', 'December'];
const SHORT_MONTHS = ['Jan.', 'Feb.', 'Aug.', 'Sept.', 'Oct.', 'Nov.', 'Dec.'];

/** A varied date phrase, as news writes them. */
function datePhrase(pick: Pick, random: () => number): string {
  const day = 1 + Math.floor(random() * 28);
  const year = 1990 + Math.floor(random() * 35);
  const count = pick(['two', 'three', 'five', '10', 'several']);
  const phrases = [
    `on ${pick(MONTHS)} ${day}`,
    `on ${pick(WEEKDAYS)}`,
    'next year',
    'last week',
    `in ${pick(MONTHS)} ${year}`,
    `on ${pick(SHORT_MONTHS)} ${day}, ${year}`,
    `${count} days later`,
    'that day',
    'over the weekend',
    'at Christmas',
    `early ${year}`,
    'in the third quarter',
    `at 10:30 a.m. ${pick(WEEKDAYS)}`,
    `since ${year}`,
    `${count} months ago`,
    `the week of ${pick(MONTHS)} ${day}`,
    `until ${pick(WEEKDAYS)}`,
    'earlier this year',
    'in the spring',
    `in the ${1950 + 10 * Math.floor(random() * 6)}s`,
    'every Monday',
    'the next morning',
  ];
  return pick(phrases);
}

/** Words up to `bytes` (ASCII, so characters are bytes), cut there exactly. */
function fill(bytes: number, next: () => string): string {
  const parts: string[] = [];
  let length = 0;
  while (length < bytes) {
    const part = next();
    parts.push(part);
    length += part.length;
  }
  return parts.join('').slice(0, bytes);
}

/** `count` filler words with a future verb group now and then. */
function words(pick: Pick, random: () => number, count: number): string {
  const out: string[] = [];
  for (let i = 0; i < count; i += 1) out.push(random() < 0.2 ? pick(FUTURE_VERBS) : pick(WORDS));
  return out.join(' ');
}

/** A dated sentence: a date every ten words or so, two or three in all. */
function datedSentence(pick: Pick, random: () => number): string {
  const clauses = [];
  for (let i = 0; i < 2 + Math.floor(random() * 2); i += 1)
    clauses.push(`${words(pick, random, 8)} ${datePhrase(pick, random)}`);
  const text = clauses.join(', ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}. `;
}

interface Input {
  readonly name: string;
  readonly key: string;
  readonly what: string;
  readonly build: (bytes: number) => string;
}

const INPUTS: readonly Input[] = [
  {
    name: 'one-line',
    key: 'adversarial/one-line.txt',
    what: 'no sentence break: one line of words and future verbs, a date every ~400 words',
    build: (bytes) => {
      const random = seededRandom(1);
      const pick = pickerOf(random);
      return fill(bytes, () => `${words(pick, random, 400)} ${datePhrase(pick, random)} `);
    },
  },
  {
    name: 'dates',
    key: 'adversarial/dates.txt',
    what: 'a date every ten words, in sentences',
    build: (bytes) => {
      const random = seededRandom(2);
      const pick = pickerOf(random);
      return fill(bytes, () => datedSentence(pick, random));
    },
  },
  {
    name: 'dates-one-line',
    key: 'adversarial/dates-one-line.txt',
    what: 'a date every ten words, no sentence break',
    build: (bytes) => {
      const random = seededRandom(3);
      const pick = pickerOf(random);
      return fill(bytes, () => `${words(pick, random, 9)} ${datePhrase(pick, random)}, `);
    },
  },
  {
    name: 'one-quote',
    key: 'adversarial/one-quote.txt',
    what: 'one quotation: dated sentences between a quote mark at the start and one at the end',
    build: (bytes) => {
      const random = seededRandom(4);
      const pick = pickerOf(random);
      return `"${fill(bytes - 2, () => datedSentence(pick, random))}"`;
    },
  },
  {
    name: 'html',
    key: 'adversarial/paragraphs.html',
    what: 'HTML: one short dated paragraph after another',
    build: (bytes) => {
      const random = seededRandom(5);
      const pick = pickerOf(random);
      const head = '<html><body>';
      const tail = '</body></html>';
      const body = fill(bytes - head.length - tail.length, () => `<p>${datedSentence(pick, random)}</p>`);
      // A cut tag would leave the rest of the page inside it: end at the last whole paragraph.
      return `${head}${body.slice(0, body.lastIndexOf('</p>') + 4)}${tail}`;
    },
  },
  {
    name: 'fragments',
    key: 'adversarial/fragments.txt',
    what: 'a sentence that is only a date, every 8 bytes or so ("Jan. 2. Oct. 7."): most sentences and dates',
    build: (bytes) => {
      const random = seededRandom(6);
      const pick = pickerOf(random);
      return fill(bytes, () => `${pick(SHORT_MONTHS)} ${1 + Math.floor(random() * 28)}. `);
    },
  },
];

interface StageReport {
  readonly stage: Stage;
  readonly ms: number;
  readonly count?: number;
  readonly dropped?: number;
}

/**
 * One input in this process, a line of JSON per stage as it ends (the parent may kill us): the
 * stages apart (`staged`), or as the Lambda runs them, parseArticle then extractArticleEvents
 * (`lambda`), which reads the article sentence by sentence and keeps no list of every date.
 */
function runChild(mode: 'staged' | 'lambda', name: string, bytes: number): void {
  const input = INPUTS.find((candidate) => candidate.name === name);
  if (!input) throw new Error(`no input ${name}`);
  const raw = new TextEncoder().encode(input.build(bytes));
  const report = (line: StageReport | { bytes: number } | { rssMb: number }) =>
    process.stdout.write(`${JSON.stringify(line)}\n`);
  report({ bytes: raw.length });
  const rawArticle = { key: input.key, bytes: raw, metadata: {} };
  const options = {
    fallback: { source: 'last-modified', instant: new Date('2018-11-08T15:00:00Z') },
  } as const;
  if (mode === 'lambda') {
    const started = performance.now();
    const { events, dropped } = extractArticleEvents(parseArticle(rawArticle, options));
    report({ stage: 'lambda', ms: performance.now() - started, count: events.length, dropped });
    report({ rssMb: process.resourceUsage().maxRSS / 1024 });
    return;
  }
  const timed = <T>(
    stage: Stage,
    run: () => T,
    count: (value: T) => number,
    dropped?: (value: T) => number,
  ): T => {
    const started = performance.now();
    const value = run();
    const ms = performance.now() - started;
    report({ stage, ms, count: count(value), ...(dropped ? { dropped: dropped(value) } : {}) });
    return value;
  };
  const article = timed(
    'parse',
    () => parseArticle(rawArticle, options),
    (value) => value.sentences.length,
  );
  const { sentences } = article;
  const timexes = timed(
    'tag',
    () => tagSentences(sentences, article.reference),
    (value) => value.length,
  );
  const { events } = timed(
    'events',
    () => eventsOfSentences(article, sentences, timexes),
    (value) => value.events.length,
    (value) => value.dropped,
  );
  timed(
    'merge',
    () =>
      viewOfReports('adversarial', '2018-11-08T15:00:00.000Z', [
        { key: article.key, report: reportOf('adversarial', article, events) },
      ]),
    (value) => value?.index.months.reduce((sum, entry) => sum + entry.events, 0) ?? 0,
  );
  report({ rssMb: process.resourceUsage().maxRSS / 1024 });
}

interface Row {
  readonly name: string;
  bytes: number;
  readonly stages: Partial<Record<Stage, StageReport>>;
  rssMb?: number;
  lambdaRssMb?: number;
  /** The stages running when the cap was reached. */
  readonly stuck: Stage[];
  readonly errors: string[];
}

// Roughly what is left of the function's 512 MB beside the runtime: a Lambda-path run that needs
// more heap than this fails here as it would there.
const LAMBDA_HEAP_MB = 448;

function runChildProcess(mode: 'staged' | 'lambda', row: Row, capSeconds: number): Promise<void> {
  const stages = mode === 'lambda' ? (['lambda'] as const) : STAGED;
  const heap = mode === 'lambda' ? [`--max-old-space-size=${LAMBDA_HEAP_MB}`] : [];
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [...heap, '--import', 'tsx', SELF, `--${mode}`, row.name, String(row.bytes)],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let pending = '';
    let stderr = '';
    let capped = false;
    const timer = setTimeout(() => {
      capped = true;
      child.kill('SIGKILL');
    }, capSeconds * 1000);
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        const parsed = JSON.parse(line) as Partial<StageReport & { bytes: number; rssMb: number }>;
        if (parsed.stage) row.stages[parsed.stage] = parsed as StageReport;
        if (parsed.bytes !== undefined) row.bytes = parsed.bytes;
        if (parsed.rssMb !== undefined) {
          if (mode === 'lambda') row.lambdaRssMb = parsed.rssMb;
          else row.rssMb = parsed.rssMb;
        }
      }
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      const next = stages.find((stage) => !row.stages[stage]);
      if (capped && next) row.stuck.push(next);
      else if (code !== 0)
        row.errors.push(`${mode}: ${stderr.trim().split('\n').slice(-3).join(' | ') || `exit ${code}`}`);
      resolve();
    });
  });
}

async function runInput(name: string, bytes: number, capSeconds: number): Promise<Row> {
  const row: Row = { name, bytes, stages: {}, stuck: [], errors: [] };
  await runChildProcess('staged', row, capSeconds);
  await runChildProcess('lambda', row, capSeconds);
  return row;
}

function formatRow(row: Row, capSeconds: number): string[] {
  const capped = `> ${capSeconds * 1000}`;
  const cell = (stage: Stage): string => {
    const report = row.stages[stage];
    if (report) return report.ms.toFixed(0);
    return row.stuck.includes(stage) ? capped : '-';
  };
  const core = (['parse', 'tag', 'events'] as const).map((stage) => row.stages[stage]);
  const finished = core.every(Boolean);
  const total = core.reduce((sum, report) => sum + (report?.ms ?? 0), 0);
  const totalCell = finished ? total.toFixed(0) : row.stuck.length > 0 ? capped : '-';
  const perMb = (ms: number | undefined) => (ms === undefined ? '-' : (ms / (row.bytes / MB)).toFixed(0));
  const mb = (value: number | undefined) => (value === undefined ? '-' : value.toFixed(0));
  return [
    row.name,
    String(row.bytes),
    String(row.stages.parse?.count ?? '-'),
    String(row.stages.tag?.count ?? '-'),
    String(row.stages.events?.count ?? '-'),
    String(row.stages.events?.dropped ?? '-'),
    cell('parse'),
    cell('tag'),
    cell('events'),
    totalCell,
    finished ? perMb(total) : '-',
    cell('merge'),
    mb(row.rssMb),
    cell('lambda'),
    perMb(row.stages.lambda?.ms),
    mb(row.lambdaRssMb),
  ];
}

const HEADER = [
  'input',
  'bytes',
  'sentences',
  'timexes',
  'events',
  'dropped',
  'parse + split ms',
  'tag ms',
  'events ms',
  'total ms',
  'ms/MB',
  'merge ms',
  'RSS MB',
  'lambda ms',
  'ms/MB',
  'RSS MB',
];

function printTable(rows: readonly string[][]): void {
  const widths = HEADER.map((_, column) =>
    Math.max(...[HEADER, ...rows].map((row) => row[column]?.length ?? 0)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) =>
        column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0),
      )
      .join('  ');
  process.stdout.write(`${line(HEADER)}\n`);
  for (const row of rows) process.stdout.write(`${line(row)}\n`);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      staged: { type: 'string' },
      lambda: { type: 'string' },
      print: { type: 'string' },
      cap: { type: 'string' },
      only: { type: 'string' },
      sizes: { type: 'string' },
    },
    allowPositionals: true,
  });
  if (values.print) {
    // The input itself, to look at or to feed the CLI: --print NAME BYTES
    const input = INPUTS.find((candidate) => candidate.name === values.print);
    process.stdout.write(input ? input.build(Number(process.argv.at(-1))) : '');
    return;
  }
  if (values.staged || values.lambda) {
    const mode = values.staged ? 'staged' : 'lambda';
    runChild(mode, (values.staged ?? values.lambda) as string, Number(process.argv.at(-1)));
    return;
  }
  const capSeconds = values.cap === undefined ? DEFAULT_CAP_SECONDS : Number(values.cap);
  const sizes = values.sizes ? values.sizes.split(',').map(Number) : DEFAULT_SIZES_MB;
  const only = values.only?.split(',');
  const inputs = INPUTS.filter((input) => !only || only.includes(input.name));
  if (!(capSeconds > 0) || sizes.some((size) => !(size > 0)) || inputs.length === 0) {
    process.stderr.write(
      'usage: npm run bench:adversarial [-- --cap SECONDS] [--only NAME,…] [--sizes MB,…]\n',
    );
    process.exitCode = 2;
    return;
  }
  process.stdout.write(
    `cap ${capSeconds} s per run; total = parse (with the split) + tag + events; merge = viewOfReports (view.ts); ` +
      `lambda = parseArticle + extractArticleEvents with a ${LAMBDA_HEAP_MB} MB heap; RSS = the run's peak\n`,
  );
  for (const input of inputs) process.stdout.write(`  ${input.name}: ${input.what}\n`);
  const rows: string[][] = [];
  const errors: string[] = [];
  for (const input of inputs) {
    for (const size of sizes) {
      const row = await runInput(input.name, Math.round(size * MB), capSeconds);
      rows.push(formatRow(row, capSeconds));
      for (const error of row.errors) errors.push(`${row.name} ${row.bytes}: ${error}`);
      process.stderr.write(`${rows.at(-1)?.join(' ')}\n`);
    }
  }
  printTable(rows);
  for (const error of errors) process.stdout.write(`error: ${error}\n`);
}

await main();
