/** Where progress goes: process.stderr, or a fake one in tests. */
export interface ProgressStream {
  readonly isTTY?: boolean;
  /** The terminal's width; a longer line is cut so that `\r` can rewrite it. */
  readonly columns?: number;
  write(text: string): unknown;
}

export interface ProgressOptions {
  /** Starts every line: `extract`, `rebuild`, `eval:te3`. */
  readonly label: string;
  /** What is counted, plural: `files`, `articles`. */
  readonly unit: string;
  readonly total?: number;
  /** `--progress`: lines on a stream that is not a terminal too (a log file, CI). */
  readonly forced?: boolean;
  readonly stream?: ProgressStream;
  /** Milliseconds, any origin. */
  readonly now?: () => number;
  /** Least time between two redraws on a terminal, in ms (default 100). */
  readonly redrawEvery?: number;
  /** Least time between two lines on anything else, in ms (default 5000). */
  readonly lineEvery?: number;
}

export interface Progress {
  /** `done` so far (by default unchanged), and a new total or a note to show; redraws when due. */
  update(done?: number, change?: { readonly total?: number; readonly detail?: string }): void;
  /** A line of its own (a warning), always written; the progress line is kept below it. */
  log(line: string): void;
  /** The summary line, in place of the progress line: count, time, rate, then `note`. */
  finish(note?: string): void;
}

const CLEAR_LINE = '\r\u001b[K';

/**
 * A duration as a person reads it: `0.4 s`, `42 s`, `3 min 05 s`, `1 h 02 min`.
 *
 * @example formatDuration(185) // '3 min 05 s'
 */
export function formatDuration(seconds: number): string {
  if (seconds < 9.95) return `${seconds.toFixed(1)} s`;
  const whole = Math.round(seconds);
  if (whole < 60) return `${whole} s`;
  const two = (n: number) => String(n).padStart(2, '0');
  if (whole < 3600) return `${Math.floor(whole / 60)} min ${two(whole % 60)} s`;
  return `${Math.floor(whole / 3600)} h ${two(Math.floor((whole % 3600) / 60))} min`;
}

/** `45/s`, `3.2/s`, `0.25/s`: two significant digits at least. */
function formatRate(perSecond: number): string {
  if (perSecond >= 10) return `${Math.round(perSecond)}/s`;
  if (perSecond >= 1) return `${perSecond.toFixed(1)}/s`;
  return `${perSecond.toFixed(2)}/s`;
}

/**
 * Progress of long work on stderr: on a terminal one line rewritten in place (count of total,
 * time so far, rate, time left), replaced at the end by a summary line; on anything else nothing,
 * or with `forced` (`--progress`) a line every few seconds and the summary. Warnings written
 * through `log` keep the line below them.
 *
 * @example
 * const progress = startProgress({ label: 'extract', unit: 'files', total: files.length });
 * for (const [index, file] of files.entries()) { read(file); progress.update(index + 1); }
 * progress.finish(); // extract: 40 files in 12 s (3.3/s)
 */
export function startProgress(options: ProgressOptions): Progress {
  const stream = options.stream ?? process.stderr;
  const now = options.now ?? (() => performance.now());
  const terminal = stream.isTTY === true;
  const shown = terminal || options.forced === true;
  const started = now();
  let done = 0;
  let total = options.total;
  let detail: string | undefined;
  let lastDrawn = Number.NEGATIVE_INFINITY;
  let drawn = '';
  let finished = false;

  const fitted = (text: string) =>
    terminal && stream.columns !== undefined && stream.columns > 0 && text.length >= stream.columns
      ? `${text.slice(0, Math.max(0, stream.columns - 2))}…`
      : text;

  const line = (at: number): string => {
    const seconds = (at - started) / 1000;
    const parts = [`${options.label}: ${total === undefined ? done : `${done}/${total}`} ${options.unit}`];
    parts.push(formatDuration(seconds));
    if (done > 0 && seconds > 0) {
      const rate = done / seconds;
      parts.push(formatRate(rate));
      if (total !== undefined && done < total) parts.push(`${formatDuration((total - done) / rate)} left`);
    }
    return `${parts.join(', ')}${detail ? `; ${detail}` : ''}`;
  };

  const draw = (at: number) => {
    lastDrawn = at;
    drawn = fitted(line(at));
    stream.write(terminal ? `${CLEAR_LINE}${drawn}` : `${drawn}\n`);
  };

  if (terminal) draw(started);

  return {
    update(count, change) {
      if (finished) return;
      if (count !== undefined) done = count;
      if (change?.total !== undefined) total = change.total;
      if (change?.detail !== undefined) detail = change.detail;
      if (!shown) return;
      const at = now();
      if (at - lastDrawn >= (terminal ? (options.redrawEvery ?? 100) : (options.lineEvery ?? 5000))) draw(at);
    },
    log(text) {
      if (terminal && !finished) stream.write(`${CLEAR_LINE}${text}\n${drawn}`);
      else stream.write(`${text}\n`);
    },
    finish(note) {
      if (finished) return;
      finished = true;
      if (!shown) return;
      const seconds = (now() - started) / 1000;
      const rate = done > 0 && seconds > 0 ? ` (${formatRate(done / seconds)})` : '';
      const summary = `${options.label}: ${done} ${options.unit} in ${formatDuration(seconds)}${rate}${note ? `; ${note}` : ''}`;
      stream.write(terminal ? `${CLEAR_LINE}${summary}\n` : `${summary}\n`);
    },
  };
}
