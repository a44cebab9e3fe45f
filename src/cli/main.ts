import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { parseArticle } from '../core/article.ts';
import { ArticleFormatError } from '../core/errors.ts';
import { extractArticleEvents, MAX_EVENTS_PER_ARTICLE } from '../core/events.ts';
import { reportOf } from '../core/report.ts';
import { parseIsoDate } from '../core/temporal/calendar.ts';
import { isKnownTimezone } from '../core/temporal/reference.ts';
import {
  type ArticleChange,
  emptyTimeline,
  SUMMARY_DATES,
  timelineOfWrites,
  viewOfReports,
} from '../core/view.ts';
import { runMain } from './run-main.ts';
import { UsageError } from './usage-error.ts';

const USAGE = `news-timeline: dated events from news articles, merged into a timeline

Usage:
  news-timeline extract FILE... [--published YYYY-MM-DD] [--timezone ZONE] [--collection NAME] [--top K] [--progress]
      Prints the merged timeline JSON of the files (one collection); no S3 involved.
      --published is the reference date for articles that carry none; --timezone defaults to UTC.
      --top K lists the K most salient days in the summary (default ${SUMMARY_DATES}).
      Progress goes to stderr when it is a terminal, or with --progress.
  news-timeline serve [--port 4568] [--data .data/s3] [--no-samples]
      Embedded S3 server on 127.0.0.1 with the bucket news-timeline-local, wired to the handler;
      uploads the sample articles of events/articles/ and keeps running (Ctrl-C stops it).
  news-timeline invoke EVENT.json [--endpoint URL|aws] [--bucket NAME]
      Runs the Lambda handler once with an S3 event (default endpoint: the local server).
  news-timeline get COLLECTION [--endpoint URL|aws] [--bucket NAME]
      Prints timelines/COLLECTION.json from the bucket.
  news-timeline rebuild COLLECTION [--endpoint URL|aws] [--bucket NAME] [--dialect aws|radosgw]
      Rebuilds timelines/COLLECTION.json from the articles in the bucket now: after the timeline
      was deleted or corrupted, after an upgrade of the extractor, or to migrate an old format.
      Progress on stderr; exits 1 when some articles could not be read (they are listed).
`;

/**
 * Reports "read N of M files" on stderr: rewritten in place on a terminal, a line every 100
 * files (and the last) with --progress when stderr is a file or a pipe, nothing otherwise.
 */
function progressLine(forced: boolean, total: number): (done: number) => void {
  const terminal = process.stderr.isTTY === true;
  if (!terminal && !forced) return () => {};
  return (done) => {
    if (terminal) {
      process.stderr.write(`\rread ${done} of ${total} files${done === total ? '\n' : ''}`);
    } else if (done === total || (done > 0 && done % 100 === 0)) {
      process.stderr.write(`read ${done} of ${total} files\n`);
    }
  };
}

async function extract(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      published: { type: 'string' },
      timezone: { type: 'string', default: 'UTC' },
      collection: { type: 'string', default: 'default' },
      top: { type: 'string' },
      progress: { type: 'boolean', default: false },
    },
  });
  const top = values.top === undefined ? SUMMARY_DATES : Number(values.top);
  if (!Number.isInteger(top) || top < 1)
    throw new UsageError(
      `--top must be a whole number of days, 1 or more, got ${JSON.stringify(values.top)}`,
    );
  if (positionals.length === 0) throw new UsageError('extract needs at least one FILE');
  const timezone = values.timezone;
  if (!isKnownTimezone(timezone))
    throw new UsageError(`unknown timezone ${JSON.stringify(timezone)} (an IANA name like America/New_York)`);
  const published = values.published === undefined ? undefined : parseIsoDate(values.published);
  if (values.published !== undefined && !published)
    throw new UsageError(`--published must be YYYY-MM-DD, got ${JSON.stringify(values.published)}`);
  const changes: ArticleChange[] = [];
  const progress = progressLine(values.progress, positionals.length);
  let failed = 0;
  for (const [index, file] of positionals.entries()) {
    progress(index);
    try {
      const article = parseArticle(
        { key: file, bytes: await readFile(file) },
        {
          defaultTimezone: timezone,
          ...(published ? { fallback: { source: 'fallback' as const, date: published } } : {}),
        },
      );
      for (const warning of article.warnings) process.stderr.write(`${file}: ${warning}\n`);
      const { events, dropped } = extractArticleEvents(article);
      if (dropped > 0)
        process.stderr.write(
          `${file}: ${dropped} dated events past the limit of ${MAX_EVENTS_PER_ARTICLE} left out\n`,
        );
      changes.push({ key: file, report: reportOf(values.collection, article, events) });
    } catch (error) {
      failed += 1;
      const reason =
        error instanceof ArticleFormatError
          ? error.message
          : `cannot read ${file}: ${(error as Error).message}`;
      process.stderr.write(`${reason}\n`);
    }
  }
  progress(positionals.length);
  // One merge of every file's events at the end, as `rebuild` does.
  const updatedAt = new Date().toISOString();
  const view = viewOfReports(values.collection, updatedAt, changes, { summaryDates: top });
  const timeline = view
    ? timelineOfWrites(view.index, view.writes)
    : emptyTimeline(values.collection, updatedAt);
  process.stdout.write(`${JSON.stringify(timeline, null, 2)}\n`);
  return failed > 0 ? 1 : 0;
}

// The S3 commands load the AWS SDK and the local server; extract needs neither, so it stays light.
const COMMANDS: Record<string, (args: string[]) => Promise<number>> = {
  extract,
  serve: async (args) => (await import('./s3-commands.ts')).serve(args),
  invoke: async (args) => (await import('./s3-commands.ts')).invoke(args),
  get: async (args) => (await import('./s3-commands.ts')).get(args),
  rebuild: async (args) => (await import('./s3-commands.ts')).rebuild(args),
};

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(USAGE);
    return command ? 0 : 2;
  }
  const run = COMMANDS[command];
  if (!run) throw new UsageError(`unknown command ${JSON.stringify(command)}`);
  return run(args);
}

await runMain(main, USAGE);
