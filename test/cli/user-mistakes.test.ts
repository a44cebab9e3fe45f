import { spawn } from 'node:child_process';
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, runCli } from '../support/run-cli.ts';

const CLI = fileURLToPath(new URL('../../bin/news-timeline.js', import.meta.url));
const STACK_LINE_RE = /^\s+at /m;

let directory: string;
beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'news-timeline-mistakes-'));
});
afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

/** Runs the CLI with stdout into a pipe that is closed after the first chunk, as `| head -1` does. */
function runIntoClosedPipe(args: string[]): Promise<{ status: number | null; stderr: string; read: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    let read = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.stdout.once('data', (chunk: Buffer) => {
      read = chunk.toString();
      child.stdout.destroy();
    });
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stderr, read }));
  });
}

describe('news-timeline output into a closed pipe', () => {
  it('ends quietly when the reader stops after the first line (extract … | head -1)', async () => {
    // More than a pipe holds (64 KB), so that the CLI is still writing when the reader leaves.
    const files: string[] = [];
    for (let copy = 0; copy < 40; copy += 1) {
      const file = join(directory, `copy-${copy}.txt`);
      await copyFile(join(REPO_ROOT, 'events/articles/nk-talks-full.txt'), file);
      files.push(file);
    }
    const result = await runIntoClosedPipe(['extract', ...files, '--published', '2018-11-08']);
    expect(result.read.startsWith('{')).toBe(true);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  }, 60_000);
});

describe('news-timeline mistakes about files and ports', () => {
  it('names a missing input file of extract and prints no timeline of the others', () => {
    const result = runCli([
      'extract',
      'events/articles/nk-talks-short.txt',
      'events/articles/nk-talks-ful.txt',
    ]);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      'no such file: events/articles/nk-talks-ful.txt\nno timeline printed: 1 of 2 files cannot be read\n',
    );
  });

  it('says an event file for invoke is not JSON, and what invoke takes', async () => {
    const file = join(directory, 'truncated.json');
    await writeFile(file, '{"Records": [');
    const result = runCli(['invoke', file, '--endpoint', 'http://127.0.0.1:9']);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(
      new RegExp(
        `^${file} is not JSON \\(.+\\): invoke takes an S3 notification as S3 sends it, like events/s3-put.json$`,
        'm',
      ),
    );
    expect(result.stderr).not.toMatch(STACK_LINE_RE);
  });

  it.each([
    {
      event: { Records: [{ eventSource: 'aws:sqs', body: '{}' }] },
      problem: 'Records[0] is an aws:sqs event, not aws:s3',
    },
    { event: { detail: { bucket: { name: 'b' } } }, problem: 'it has no "Records" list' },
    { event: [], problem: 'it is an array, not an object' },
    {
      event: {
        Records: [{ eventSource: 'aws:s3', eventName: 'ObjectCreated:Put', s3: { bucket: { name: 'b' } } }],
      },
      problem: 'Records[0] has no "s3.object.key"',
    },
  ])('says an event file for invoke is not an S3 event: $problem', async ({ event, problem }) => {
    const file = join(directory, 'not-s3.json');
    await writeFile(file, JSON.stringify(event));
    const result = runCli(['invoke', file, '--endpoint', 'http://127.0.0.1:9']);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      `${file} is not an S3 event: ${problem}; invoke takes an S3 notification`,
    );
    expect(result.stderr).not.toMatch(STACK_LINE_RE);
  });

  it('names a missing event file for invoke', () => {
    const result = runCli(['invoke', 'events/s3-putt.json']);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('no such file or directory: events/s3-putt.json');
    expect(result.stderr).not.toMatch(STACK_LINE_RE);
  });

  describe('serve on a port that is taken', () => {
    let taken: Server;
    let port: number;
    beforeAll(async () => {
      taken = createServer();
      await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
      port = (taken.address() as { port: number }).port;
    });
    afterAll(async () => {
      await new Promise((resolve) => taken.close(resolve));
    });

    it('says which port and how to pick another, exit 1, no stack', () => {
      const result = runCli([
        'serve',
        '--port',
        String(port),
        '--data',
        join(directory, 's3'),
        '--no-samples',
      ]);
      expect(result.status).toBe(1);
      expect(result.stderr).toContain(
        `port ${port} on 127.0.0.1 is in use: pick another with --port N, or --port 0 for any free one`,
      );
      expect(result.stderr).not.toMatch(STACK_LINE_RE);
      expect(result.stdout).toBe('');
    });
  });
});
