import { describe, expect, it } from 'vitest';
import { formatDuration, type ProgressOptions, startProgress } from '../../src/cli/progress.ts';

/** A stream that keeps what is written, and a clock the test moves. */
function fakes(isTTY: boolean, columns?: number) {
  const written: string[] = [];
  let ms = 1_000;
  return {
    stream: {
      isTTY,
      ...(columns === undefined ? {} : { columns }),
      write: (text: string) => written.push(text),
    },
    now: () => ms,
    advance: (by: number) => {
      ms += by;
    },
    written,
    /** What a terminal shows: each `\r` goes back to the line's start, `ESC[K` clears the rest. */
    screen: () =>
      written
        .join('')
        .split('\n')
        .map((line) => line.split('\r\u001b[K').at(-1) ?? '')
        .join('\n'),
  };
}

const options = (fake: ReturnType<typeof fakes>, more: Partial<ProgressOptions> = {}): ProgressOptions => ({
  label: 'extract',
  unit: 'files',
  total: 40,
  stream: fake.stream,
  now: fake.now,
  ...more,
});

describe('startProgress', () => {
  it('on a terminal rewrites one line in place with count, time, rate and time left', () => {
    const fake = fakes(true);
    const progress = startProgress(options(fake));
    expect(fake.written).toEqual(['\r\u001b[Kextract: 0/40 files, 0.0 s']);
    fake.advance(2_000);
    progress.update(10);
    expect(fake.written.at(-1)).toBe('\r\u001b[Kextract: 10/40 files, 2.0 s, 5.0/s, 6.0 s left');
    fake.advance(28_000);
    progress.update(20);
    expect(fake.written.at(-1)).toBe('\r\u001b[Kextract: 20/40 files, 30 s, 0.67/s, 30 s left');
    expect(fake.written.join('')).not.toContain('\n');
  });

  it('redraws at most every 100 ms, however often it is told', () => {
    const fake = fakes(true);
    const progress = startProgress(options(fake));
    for (let done = 1; done <= 30; done += 1) {
      fake.advance(10);
      progress.update(done);
    }
    // 300 ms of updates: the first draw and one each 100 ms.
    expect(fake.written).toHaveLength(4);
  });

  it('ends with a clean summary line in place of the progress line', () => {
    const fake = fakes(true);
    const progress = startProgress(options(fake));
    fake.advance(500);
    progress.update(20);
    fake.advance(7_500);
    progress.update(40);
    progress.finish('1 unreadable');
    expect(fake.written.at(-1)).toBe('\r\u001b[Kextract: 40 files in 8.0 s (5.0/s); 1 unreadable\n');
    expect(fake.screen()).toBe('extract: 40 files in 8.0 s (5.0/s); 1 unreadable\n');
    progress.update(41);
    progress.finish();
    expect(fake.written.at(-1)).toBe('\r\u001b[Kextract: 40 files in 8.0 s (5.0/s); 1 unreadable\n');
  });

  it('keeps the progress line below a warning logged through it', () => {
    const fake = fakes(true);
    const progress = startProgress(options(fake));
    fake.advance(1_000);
    progress.update(4);
    progress.log('a.txt: no title');
    expect(fake.screen()).toBe('a.txt: no title\nextract: 4/40 files, 1.0 s, 4.0/s, 9.0 s left');
  });

  it('writes nothing but warnings when the stream is not a terminal', () => {
    const fake = fakes(false);
    const progress = startProgress(options(fake));
    for (let done = 1; done <= 40; done += 1) {
      fake.advance(1_000);
      progress.update(done);
    }
    progress.log('a.txt: no title');
    progress.finish();
    expect(fake.written).toEqual(['a.txt: no title\n']);
  });

  it('with --progress on a non-terminal writes a line every 5 s and the summary, no escapes', () => {
    const fake = fakes(false);
    const progress = startProgress(options(fake, { forced: true }));
    expect(fake.written).toEqual([]);
    for (let done = 1; done <= 40; done += 1) {
      fake.advance(500);
      progress.update(done);
    }
    progress.finish();
    expect(fake.written).toEqual([
      'extract: 1/40 files, 0.5 s, 2.0/s, 20 s left\n',
      'extract: 11/40 files, 5.5 s, 2.0/s, 15 s left\n',
      'extract: 21/40 files, 11 s, 2.0/s, 9.5 s left\n',
      'extract: 31/40 files, 16 s, 2.0/s, 4.5 s left\n',
      'extract: 40 files in 20 s (2.0/s)\n',
    ]);
  });

  it('takes the total when it is learnt, and counts without one', () => {
    const fake = fakes(true);
    const progress = startProgress(options(fake, { label: 'rebuild', unit: 'articles', total: undefined }));
    expect(fake.written.at(-1)).toBe('\r\u001b[Krebuild: 0 articles, 0.0 s');
    fake.advance(1_000);
    progress.update(3, { total: 12, detail: 'bpoil_bbc' });
    expect(fake.written.at(-1)).toBe('\r\u001b[Krebuild: 3/12 articles, 1.0 s, 3.0/s, 3.0 s left; bpoil_bbc');
  });

  it('keeps the whole line when the terminal gives no width', () => {
    const fake = fakes(true, 0);
    const progress = startProgress(options(fake));
    fake.advance(1_000);
    progress.update(4);
    expect(fake.written.at(-1)).toBe('\r\u001b[Kextract: 4/40 files, 1.0 s, 4.0/s, 9.0 s left');
  });

  it('cuts a line to the width of the terminal, so that \\r can rewrite it', () => {
    const fake = fakes(true, 20);
    const progress = startProgress(options(fake));
    fake.advance(1_000);
    progress.update(4);
    expect(fake.written.at(-1)).toBe('\r\u001b[Kextract: 4/40 file…');
  });
});

describe('formatDuration', () => {
  it.each([
    { seconds: 0.44, expected: '0.4 s' },
    { seconds: 9.96, expected: '10 s' },
    { seconds: 42.4, expected: '42 s' },
    { seconds: 185, expected: '3 min 05 s' },
    { seconds: 3_725, expected: '1 h 02 min' },
  ])('$seconds s reads $expected', ({ seconds, expected }) => {
    expect(formatDuration(seconds)).toBe(expected);
  });
});
