import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/run-cli.ts';

const CLI = fileURLToPath(new URL('../../bin/news-timeline.js', import.meta.url));

/** `news-timeline serve ARGS`, its output so far, and its exit. */
function serve(args: string[]): { child: ChildProcess; output: () => string; exit: Promise<number | null> } {
  const child = spawn(process.execPath, [CLI, 'serve', ...args], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  return { child, output: () => output, exit: new Promise((resolve) => child.once('exit', resolve)) };
}

async function until(read: () => string, pattern: RegExp, ms = 30_000): Promise<RegExpExecArray> {
  for (
    const started = Date.now();
    Date.now() - started < ms;
    await new Promise((resolve) => setTimeout(resolve, 100))
  ) {
    const match = pattern.exec(read());
    if (match) return match;
  }
  throw new Error(`no ${pattern} in:\n${read()}`);
}

describe('npm start serves the viewer', () => {
  let data: string;
  beforeAll(async () => {
    data = await mkdtemp(join(tmpdir(), 'news-timeline-serve-viewer-'));
  });
  afterAll(async () => {
    await rm(data, { recursive: true, force: true });
  });

  it("prints the viewer's address beside the S3 endpoint and the sample collection's page, which shows its timeline", async () => {
    const started = serve(['--port', '0', '--viewer-port', '0', '--data', data]);
    try {
      const [, endpoint, viewer] = await until(
        started.output,
        /S3-compatible server: (http:\/\/127\.0\.0\.1:\d+) .*\nViewer: +(http:\/\/127\.0\.0\.1:\d+)\/ +\(the bucket's timelines, live\)\n/,
      );
      expect(endpoint).not.toBe(viewer);
      const [, page] = await until(started.output, /Viewer: +(http:\/\/127\.0\.0\.1:\d+\/c\/north-korea)\n/);
      expect(page).toBe(`${viewer}/c/north-korea`);
      const collections = (await (await fetch(`${viewer}/api/collections`)).json()) as {
        collections: string[];
      };
      expect(collections.collections).toEqual(['north-korea']);
      const index = await fetch(`${viewer}/api/collections/north-korea/index`);
      expect(index.status).toBe(200);
      expect(((await index.json()) as { articles: { count: number } }).articles.count).toBe(2);
      expect((await fetch(page ?? '')).headers.get('content-type')).toBe('text/html; charset=utf-8');
    } finally {
      started.child.kill('SIGINT');
      expect(await started.exit).toBe(0);
    }
  });

  it('says when the viewer port is taken, and how to pick another', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const started = serve(['--port', '0', '--viewer-port', String(port), '--data', data, '--no-samples']);
      expect(await started.exit).toBe(1);
      expect(started.output()).toContain(`port ${port} on 127.0.0.1 (the viewer's) is in use`);
      expect(started.output()).toContain(
        'pick another with --viewer-port N, or --viewer-port 0 for any free one',
      );
      expect(started.output()).not.toMatch(/\n\s+at /);
    } finally {
      blocker.close();
    }
  });
});
