import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { endQuietlyOnClosedPipe, failureOf } from '../../src/cli/run-main.ts';
import { UsageError } from '../../src/cli/usage-error.ts';
import { TimelineError } from '../../src/core/errors.ts';

const systemError = (code: string, fields: Record<string, unknown>) =>
  Object.assign(new Error(`${code}: something`), { code, ...fields });

describe('failureOf', () => {
  it.each([
    {
      error: new UsageError('get needs COLLECTION', { usage: 'usage: x\n' }),
      text: 'get needs COLLECTION\n\nusage: x\n',
      exitCode: 2,
    },
    {
      error: new TimelineError('cannot read s3://b/k', { cause: new Error('connect ECONNREFUSED') }),
      text: 'cannot read s3://b/k: connect ECONNREFUSED\n',
      exitCode: 1,
    },
    {
      error: new TimelineError('x.json is not JSON (Unexpected end)', {
        cause: new SyntaxError('Unexpected end'),
      }),
      text: 'x.json is not JSON (Unexpected end)\n',
      exitCode: 1,
    },
    {
      error: systemError('ENOENT', { path: 'a.txt' }),
      text: 'no such file or directory: a.txt\n',
      exitCode: 1,
    },
    {
      error: systemError('EISDIR', { path: 'events' }),
      text: 'events is a directory, not a file\n',
      exitCode: 1,
    },
    {
      error: systemError('EADDRINUSE', { port: 4568, address: '127.0.0.1' }),
      text: 'port 4568 on 127.0.0.1 is in use: pick another with --port N, or --port 0 for any free one\n',
      exitCode: 1,
    },
  ])('$text', ({ error, text, exitCode }) => {
    expect(failureOf(error)).toEqual({ text, exitCode });
  });

  it('keeps the stack of anything else: that is a bug to report', () => {
    const bug = new TypeError('undefined is not a function');
    expect(failureOf(bug).text).toBe(`${bug.stack}\n`);
  });
});

describe('endQuietlyOnClosedPipe', () => {
  it('exits 0 on EPIPE and ignores a closed stderr', () => {
    const stdout = new EventEmitter();
    const stderr = new EventEmitter();
    const exits: number[] = [];
    endQuietlyOnClosedPipe(stdout, stderr, (code) => exits.push(code));
    stderr.emit('error', systemError('EPIPE', {}));
    expect(exits).toEqual([]);
    stdout.emit('error', systemError('EPIPE', {}));
    expect(exits).toEqual([0]);
  });
});
