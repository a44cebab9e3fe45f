import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { articleOfText } from '../core/article.ts';
import { extractEvents } from '../core/events.ts';
import { type DatedMention, daySalience, topDays } from '../core/salience.ts';
import { parseIsoDate } from '../core/temporal/calendar.ts';
import { type DateScores, dateF1, readTimeline17, scoreDates, type T17Source } from '../eval/timeline17.ts';
import { type CommandInput, defineCommand, type Flags, runCommand, textValue } from './command-line.ts';
import { type Progress, startProgress } from './progress.ts';
import { runMain } from './run-main.ts';
import { UsageError } from './usage-error.ts';

const FLAGS = {
  out: {
    value: textValue('RANKED.json'),
    description: 'writes the ranked days: {"<source folder>": {"<timeline>": ["YYYY-MM-DD", …]}}',
  },
  json: { description: 'prints one JSON object instead of text' },
  progress: { description: 'progress on stderr also when it is not a terminal' },
} as const satisfies Flags;

const COMMAND = defineCommand({
  name: 'eval:t17',
  invocation: 'npm run eval:t17 --',
  operands: [{ name: 'T17_DIR' }],
  summary: 'date selection on Timeline17, as news-tls measures it',
  description: `Date selection on Timeline17, as news-tls measures it. Extracts the dated events of every
article (reference date = its folder's date), pools the sources of each topic, and for each gold
timeline ranks the days between its first and last gold date (only articles published in that span
count) by salience; keeps the top k (k = the number of gold dates) and prints date precision, recall
and F1 per timeline and the overall Date-F1 (F1 of the mean precision and mean recall). Progress
goes to stderr when it is a terminal.`,
  flags: FLAGS,
  run: evalT17,
});

interface TimelineResult extends DateScores {
  readonly source: string;
  readonly timeline: string;
  readonly goldDates: number;
  readonly articles: number;
  readonly ranked: readonly string[];
}

/** The day-level mentions of every article of a source folder. */
function mentionsOf(source: T17Source, progress: Progress, read: { articles: number }): DatedMention[] {
  const mentions: DatedMention[] = [];
  for (const item of source.articles) {
    const date = parseIsoDate(item.published);
    if (!date) continue;
    const article = articleOfText(item.key, item.text, { date, timezone: 'UTC', source: 'fallback' });
    for (const event of extractEvents(article)) {
      if (event.date.granularity !== 'day' && event.date.granularity !== 'time') continue;
      mentions.push({
        article: item.key,
        published: item.published,
        prominence: event.source.prominence,
        day: event.date.start,
      });
    }
    read.articles += 1;
    progress.update(read.articles);
  }
  return mentions;
}

function evaluate(sources: readonly T17Source[], progress: Progress): TimelineResult[] {
  const byTopic = new Map<string, DatedMention[]>();
  const read = { articles: 0 };
  for (const source of sources) {
    const pooled = byTopic.get(source.topic) ?? [];
    for (const mention of mentionsOf(source, progress, read)) pooled.push(mention);
    byTopic.set(source.topic, pooled);
  }
  const results: TimelineResult[] = [];
  for (const source of sources) {
    const pooled = byTopic.get(source.topic) ?? [];
    for (const timeline of source.timelines) {
      const from = timeline.dates[0];
      const to = timeline.dates.at(-1);
      if (!from || !to) continue;
      const inSpan = pooled.filter((mention) => mention.published >= from && mention.published <= to);
      const ranked = topDays(daySalience(inSpan), timeline.dates.length, { from, to }).map(({ day }) => day);
      results.push({
        source: source.name,
        timeline: timeline.name,
        goldDates: timeline.dates.length,
        articles: new Set(inSpan.map((mention) => mention.article)).size,
        ranked,
        ...scoreDates(ranked, timeline.dates),
      });
    }
  }
  return results;
}

const percent = (value: number): string => value.toFixed(3);

async function evalT17({ values, positionals }: CommandInput<typeof FLAGS>): Promise<number> {
  const dir = positionals[0] ?? '';
  const started = performance.now();
  const sources = await readTimeline17(dir);
  if (sources.length === 0) throw new UsageError(`no topic folders (InputDocs/ and timelines/) in ${dir}`);
  const progress = startProgress({
    label: 'eval:t17',
    unit: 'articles',
    total: sources.reduce((sum, source) => sum + source.articles.length, 0),
    forced: values.progress,
  });
  const results = evaluate(sources, progress);
  progress.finish();
  const overall = dateF1(results);
  const elapsedSeconds = Math.round((performance.now() - started) / 10) / 100;
  if (values.out) {
    const ranked: Record<string, Record<string, readonly string[]>> = {};
    for (const result of results) {
      const bySource = ranked[result.source] ?? {};
      bySource[result.timeline] = result.ranked;
      ranked[result.source] = bySource;
    }
    await mkdir(dirname(values.out), { recursive: true });
    await writeFile(values.out, `${JSON.stringify(ranked, null, 2)}\n`);
  }
  const articles = sources.reduce((sum, source) => sum + source.articles.length, 0);
  if (values.json) {
    const timelines = results.map(({ ranked: _ranked, ...rest }) => rest);
    process.stdout.write(
      `${JSON.stringify({ dir, articles, timelines, dateF1: overall, elapsedSeconds }, null, 2)}\n`,
    );
    return 0;
  }
  const lines = [
    `Timeline17 ${dir}: ${sources.length} sources, ${articles} articles, ${results.length} timelines`,
    `${'timeline'.padEnd(46)} ${'k'.padStart(4)} ${'articles'.padStart(8)}      P      R     F1`,
    ...results.map(
      (r) =>
        `${`${r.source}/${r.timeline}`.padEnd(46)} ${String(r.goldDates).padStart(4)} ${String(r.articles).padStart(8)}  ${percent(r.precision)}  ${percent(r.recall)}  ${percent(r.f1)}`,
    ),
    `Date-F1 ${percent(overall.f1)} (mean P ${percent(overall.precision)}, mean R ${percent(overall.recall)}) in ${elapsedSeconds} s`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}

await runMain((argv) => runCommand('eval:t17', COMMAND, argv));
