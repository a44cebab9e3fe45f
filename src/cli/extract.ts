import { readFile, stat } from 'node:fs/promises';
import { parseArticle } from '../core/article.ts';
import { ArticleFormatError } from '../core/errors.ts';
import { extractArticleEvents, MAX_EVENTS_PER_ARTICLE } from '../core/events.ts';
import { reportOf } from '../core/report.ts';
import { type ArticleChange, emptyTimeline, timelineOfWrites, viewOfReports } from '../core/view.ts';
import type { CommandInput } from './command-line.ts';
import type { EXTRACT_FLAGS } from './commands.ts';
import { startProgress } from './progress.ts';
import { timelineText } from './timeline-output.ts';

/** Why a file cannot be opened as a file, or undefined when it can. */
async function fileProblem(file: string): Promise<string | undefined> {
  try {
    const stats = await stat(file);
    return stats.isFile() ? undefined : `${file} is not a file`;
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ENOENT') return `no such file: ${file}`;
    return `cannot read ${file}: ${(error as Error).message}`;
  }
}

/**
 * `news-timeline extract FILE...`: the merged timeline of the files on stdout, or, when any file
 * is missing or is not an article we can read, each of them named on stderr and no timeline at
 * all: a timeline without one of the files asked for would pass for the whole one.
 */
export async function extract({ values, positionals }: CommandInput<typeof EXTRACT_FLAGS>): Promise<number> {
  // Missing files stop the run before any work: a typo should not cost the other files' time.
  const problems = (await Promise.all(positionals.map(fileProblem))).filter(
    (problem) => problem !== undefined,
  );
  if (problems.length > 0) {
    for (const problem of problems) process.stderr.write(`${problem}\n`);
    process.stderr.write(
      `no timeline printed: ${problems.length} of ${positionals.length} files cannot be read\n`,
    );
    return 1;
  }
  const { published, timezone, collection } = values;
  const progress = startProgress({
    label: 'extract',
    unit: 'files',
    total: positionals.length,
    forced: values.progress,
  });
  const changes: ArticleChange[] = [];
  let failed = 0;
  for (const [index, file] of positionals.entries()) {
    try {
      const article = parseArticle(
        { key: file, bytes: await readFile(file) },
        {
          defaultTimezone: timezone,
          ...(published ? { fallback: { source: 'fallback' as const, date: published } } : {}),
        },
      );
      for (const warning of article.warnings) progress.log(`${file}: ${warning}`);
      const { events, dropped } = extractArticleEvents(article);
      if (dropped > 0)
        progress.log(`${file}: ${dropped} dated events past the limit of ${MAX_EVENTS_PER_ARTICLE} left out`);
      changes.push({ key: file, report: reportOf(collection, article, events) });
    } catch (error) {
      failed += 1;
      progress.log(
        error instanceof ArticleFormatError
          ? error.message
          : `cannot read ${file}: ${(error as Error).message}`,
      );
    }
    progress.update(index + 1);
  }
  progress.finish(failed > 0 ? `${failed} unreadable` : undefined);
  if (failed > 0) {
    process.stderr.write(`no timeline printed: ${failed} of ${positionals.length} files cannot be read\n`);
    return 1;
  }
  // One merge of every file's events at the end, as `rebuild` does.
  const updatedAt = new Date().toISOString();
  const view = viewOfReports(collection, updatedAt, changes, { summaryDates: values.top });
  const timeline = view ? timelineOfWrites(view.index, view.writes) : emptyTimeline(collection, updatedAt);
  process.stdout.write(timelineText(timeline, values.format));
  return 0;
}
