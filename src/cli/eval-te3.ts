import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { tagDocument } from '../core/temporal/tag-document.ts';
import type { Timex } from '../core/temporal/timex.ts';
import { breakDownErrors, type ErrorBreakdown, type ErrorGroup } from '../eval/break-down-errors.ts';
import { type Half, halfOf } from '../eval/split.ts';
import { type ScorableDocument, scoreTe3, type Te3Scores } from '../eval/te3-scorer.ts';
import { parseTimeml, referenceDateOf, type TimemlTimex, writeTimeml } from '../eval/timeml.ts';
import {
  type CommandInput,
  defineCommand,
  type Flags,
  oneOfValue,
  runCommand,
  textValue,
  wholeNumberValue,
} from './command-line.ts';
import { startProgress } from './progress.ts';
import { runMain } from './run-main.ts';
import { UsageError } from './usage-error.ts';

const FLAGS = {
  errors: {
    value: oneOfValue('dev', 'test', 'all'),
    default: 'dev',
    description: 'whose errors to list (choose work from the dev half only)',
  },
  out: {
    value: textValue('OUT_DIR'),
    description: 'also writes OUT_DIR/<name>.tml: the gold file with our TIMEX3s in its TEXT',
  },
  system: {
    value: textValue('SYSTEM_DIR'),
    description: 'scores the .tml files of SYSTEM_DIR instead of running our tagger',
  },
  json: { description: 'prints one JSON object (scores, errors, elapsed) instead of text' },
  top: {
    value: wholeNumberValue(1),
    default: '25',
    description: 'how many groups of each error kind to list',
  },
  progress: { description: 'progress on stderr also when it is not a terminal' },
} as const satisfies Flags;

const COMMAND = defineCommand({
  name: 'eval:te3',
  invocation: 'npm run eval:te3 --',
  operands: [{ name: 'GOLD_DIR' }],
  summary: 'TempEval-3 Task A (TIMEX3) scores of our tagger on TimeML gold files',
  description: `TempEval-3 Task A (TIMEX3) scores of our tagger on TimeML gold files. Tags the TEXT of every
GOLD_DIR/*.tml with tagDocument (reference date = the DCT), scores it against the gold TIMEX3s like
the TempEval-3 toolkit and prints the scores of the whole corpus and of its dev and test halves (a
fixed hash of each file name), and the most frequent errors of one half. Progress goes to stderr
when it is a terminal.`,
  flags: FLAGS,
  run: evalTe3,
});

type Document = ScorableDocument<TimemlTimex>;

/** The DCT value as the reference date; its time of day (if any) does not matter to the tagger. */

/** A TIMEX3 cannot straddle another in the written file: keep the first, the longer on a tie. */
function dropOverlaps(timexes: readonly Timex[]): { kept: Timex[]; dropped: number } {
  const kept: Timex[] = [];
  const sorted = [...timexes].sort((a, b) => a.start - b.start || b.end - a.end);
  for (const timex of sorted) {
    const previous = kept.at(-1);
    if (timex.end > timex.start && (!previous || timex.start >= previous.end)) kept.push(timex);
  }
  return { kept, dropped: timexes.length - kept.length };
}

interface HalfScores {
  readonly documents: number;
  readonly scores: Te3Scores;
}

interface Evaluation {
  readonly goldDir: string;
  readonly systemDir?: string;
  readonly documents: number;
  readonly scores: Te3Scores;
  /** The same scores on each half of the corpus ({@link halfOf}). */
  readonly halves: Readonly<Record<Half, HalfScores>>;
  /** Whose errors `errors` lists. */
  readonly errorsOf: Half | 'all';
  readonly errors: ErrorBreakdown;
  /** Our TIMEX3s left out because they overlapped an earlier one. */
  readonly droppedOverlaps: number;
  readonly elapsedSeconds: number;
}

async function evaluate(
  goldDir: string,
  options: { out?: string; system?: string; errorsOf: Half | 'all'; forcedProgress: boolean },
): Promise<Evaluation> {
  const started = performance.now();
  const names = (await readdir(goldDir)).filter((name) => name.endsWith('.tml')).sort();
  if (names.length === 0) throw new UsageError(`no .tml files in ${goldDir}`);
  if (options.out) await mkdir(options.out, { recursive: true });
  const pairs: { gold: Document; system: Document }[] = [];
  let droppedOverlaps = 0;
  const progress = startProgress({
    label: 'eval:te3',
    unit: 'documents',
    total: names.length,
    forced: options.forcedProgress,
  });
  for (const name of names) {
    const source = await readFile(join(goldDir, name), 'utf8');
    const gold = { name, ...parseTimeml(source, name) };
    let systemSource: string;
    if (options.system) {
      systemSource = await readFile(join(options.system, name), 'utf8');
    } else {
      const { kept, dropped } = dropOverlaps(tagDocument(gold.text, referenceDateOf(gold, name)));
      droppedOverlaps += dropped;
      systemSource = writeTimeml(source, kept, name);
      if (options.out) await writeFile(join(options.out, name), systemSource);
    }
    // Scored from the written file, so the numbers are those of what --out leaves on disk.
    pairs.push({ gold, system: { name, ...parseTimeml(systemSource, name) } });
    progress.update(pairs.length);
  }
  progress.finish();
  const { scores, documents } = scoreTe3(pairs);
  const halfScores = (half: Half): HalfScores => {
    const own = pairs.filter((pair) => halfOf(pair.gold.name) === half);
    return { documents: own.length, scores: scoreTe3(own).scores };
  };
  const listed =
    options.errorsOf === 'all'
      ? documents
      : documents.filter((document) => halfOf(document.name) === options.errorsOf);
  return {
    goldDir,
    ...(options.system ? { systemDir: options.system } : {}),
    documents: names.length,
    scores,
    halves: { dev: halfScores('dev'), test: halfScores('test') },
    errorsOf: options.errorsOf,
    errors: breakDownErrors(listed),
    droppedOverlaps,
    elapsedSeconds: Math.round((performance.now() - started) / 10) / 100,
  };
}

const fixed = (n: number) => n.toFixed(2);

function formatGroups(title: string, groups: readonly ErrorGroup[], top: number, withKind = false): string {
  if (groups.length === 0) return '';
  const lines = groups.slice(0, top).map((group) => {
    const kind = withKind ? `${group.kind.padEnd(12)}` : '';
    return `  ${String(group.count).padStart(4)}  ${kind}${group.key}\n          e.g. ${group.examples.join(' | ')}`;
  });
  return `\n${title}\n${lines.join('\n')}\n`;
}

function formatEvaluation(evaluation: Evaluation, top: number): string {
  const { scores: s, errors } = evaluation;
  const system = evaluation.systemDir ? `system ${evaluation.systemDir}` : 'system: our tagger';
  const typeRows = Object.entries(errors.byGoldType).map(
    ([type, c]) =>
      `  ${type.padEnd(10)}${[c.gold, c.missed, c.wrongSpan, c.wrongType, c.wrongValue].map((n) => String(n).padStart(12)).join('')}`,
  );
  const spurious = Object.entries(errors.spuriousByType)
    .sort((a, b) => b[1] - a[1])
    .map(([type, count]) => `${type} ${count}`);
  return [
    `gold ${evaluation.goldDir} (${evaluation.documents} documents), ${system}\n`,
    `G ${s.gold}  S ${s.system}\n`,
    `strict   P ${fixed(s.strictPrecision)}  R ${fixed(s.strictRecall)}  F1 ${fixed(s.strictF1)}  (${s.strict} matches)\n`,
    `relaxed  P ${fixed(s.relaxedPrecision)}  R ${fixed(s.relaxedRecall)}  F1 ${fixed(s.relaxedF1)}  (${s.relaxed} matches)\n`,
    `type F1 ${fixed(s.typeF1)} (${s.type} same type)  value F1 ${fixed(s.valueF1)} (${s.value} same value)\n`,
    `\n${'half'.padEnd(6)}${['docs', 'gold', 'strict F1', 'relaxed F1', 'value F1'].map((h) => h.padStart(11)).join('')}\n`,
    ...(['dev', 'test'] as const).map((half) => {
      const { documents, scores } = evaluation.halves[half];
      return `${half.padEnd(6)}${[String(documents), String(scores.gold), fixed(scores.strictF1), fixed(scores.relaxedF1), fixed(scores.valueF1)].map((cell) => cell.padStart(11)).join('')}\n`;
    }),
    `\nErrors of ${evaluation.errorsOf === 'all' ? 'the whole corpus' : `the ${evaluation.errorsOf} half`}:\n`,
    evaluation.droppedOverlaps > 0
      ? `(${evaluation.droppedOverlaps} overlapping TIMEX3s of ours not written)\n`
      : '',
    `\nBy gold type${['gold', 'missed', 'wrong-span', 'wrong-type', 'wrong-value'].map((h) => h.padStart(12)).join('')}\n`,
    `${typeRows.join('\n')}\n`,
    `Spurious by our type: ${spurious.join(', ') || 'none'}\n`,
    formatGroups('Top error groups', errors.groups, 10, true),
    formatGroups(`Wrong values (gold shape -> ours, top ${top})`, errors.wrongValues, top),
    formatGroups(`Missed (top ${top})`, errors.missed, top),
    formatGroups(`Spurious (top ${top})`, errors.spurious, top),
    formatGroups(`Wrong spans (top ${top})`, errors.wrongSpans, top),
    formatGroups(`Wrong types (top ${top})`, errors.wrongTypes, top),
    `\nElapsed ${evaluation.elapsedSeconds.toFixed(2)} s\n`,
  ].join('');
}

async function evalTe3({ values, positionals }: CommandInput<typeof FLAGS>): Promise<number> {
  const goldDir = positionals[0] ?? '';
  if (values.out && values.system) throw new UsageError('--out writes our tagger output: not with --system');
  const evaluation = await evaluate(goldDir, {
    ...(values.out ? { out: values.out } : {}),
    ...(values.system ? { system: values.system } : {}),
    errorsOf: values.errors,
    forcedProgress: values.progress,
  });
  if (values.json) {
    const { scores, errors, ...rest } = evaluation;
    const json = { name: basename(goldDir), ...rest, ...scores, errors };
    process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
  } else process.stdout.write(formatEvaluation(evaluation, values.top));
  return 0;
}

await runMain((argv) => runCommand('eval:te3', COMMAND, argv));
