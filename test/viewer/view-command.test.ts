import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indexKeyOf } from '../../src/core/view.ts';
import { REPO_ROOT, runCli } from '../support/run-cli.ts';
import { startS3Server, type TestS3Server } from '../support/s3-server.ts';
import { largeCollection } from './support/large-collection.ts';

const CLI = fileURLToPath(new URL('../../bin/news-timeline.js', import.meta.url));

/** Starts `news-timeline ARGS` and resolves once stdout shows the page's address. */
function startCli(args: string[]): Promise<{ child: ChildProcess; url: string; stdout: () => string }> {
  const child = spawn(process.execPath, [CLI, ...args], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no address after 30 s: ${stdout}${stderr}`)), 30_000);
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const url = /http:\/\/127\.0\.0\.1:\d+\/c\/\S+/.exec(stdout)?.[0];
      if (url && stdout.includes('Ctrl-C stops.')) {
        clearTimeout(timer);
        resolve({ child, url, stdout: () => stdout });
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited ${code}: ${stdout}${stderr}`));
    });
  });
}

/**
 * Runs `news-timeline ARGS` to its end without blocking this process, whose S3 server the
 * command talks to (spawnSync would hold the server's event loop while the command waits on it).
 */
function runCliAsync(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [CLI, ...args], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((resolve) => child.once('close', (status) => resolve({ status, stdout, stderr })));
}

const exited = (child: ChildProcess): Promise<number | null> =>
  new Promise((resolve) => child.once('exit', (code) => resolve(code)));

describe('news-timeline view', () => {
  let s3: TestS3Server;
  const COLLECTION = 'gulf-spill';

  beforeAll(async () => {
    s3 = await startS3Server();
    const view = largeCollection({ collection: COLLECTION, articles: 12 });
    for (const write of view.writes) await s3.put(write.key, write.body);
    await s3.put(indexKeyOf(COLLECTION), JSON.stringify(view.index));
  });
  afterAll(async () => {
    await s3?.close();
  });

  it('serves the page of one collection of any bucket on 127.0.0.1, prints its address, stops on Ctrl-C', async () => {
    const { child, url, stdout } = await startCli([
      'view',
      COLLECTION,
      '--endpoint',
      s3.endpoint,
      '--bucket',
      s3.bucket,
      '--port',
      '0',
    ]);
    try {
      expect(url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:\\d+/c/${COLLECTION}$`));
      expect(stdout()).toContain(
        `Viewer of s3://${s3.bucket}/timelines/${COLLECTION}/ (read from ${s3.endpoint})`,
      );
      const page = await fetch(url);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('/assets/viewer.js');
      const origin = new URL(url).origin;
      const index = await fetch(`${origin}/api/collections/${COLLECTION}/index`);
      expect(index.status).toBe(200);
      expect(((await index.json()) as { collection: string }).collection).toBe(COLLECTION);
      // Only the collection it was started for.
      expect((await fetch(`${origin}/api/collections`)).status).toBe(200);
      expect((await fetch(`${origin}/api/collections/other/index`)).status).toBe(404);
    } finally {
      const code = exited(child);
      child.kill('SIGINT');
      expect(await code).toBe(0);
    }
    expect(stdout()).toContain('stopped');
  });

  it('says when the collection has no timeline yet, and serves the page all the same', async () => {
    const { child, stdout } = await startCli([
      'view',
      'not-yet',
      '--endpoint',
      s3.endpoint,
      '--bucket',
      s3.bucket,
      '--port',
      '0',
    ]);
    try {
      expect(stdout()).toContain(
        `No timeline yet: s3://${s3.bucket}/timelines/not-yet/index.json does not exist`,
      );
    } finally {
      const code = exited(child);
      child.kill('SIGINT');
      await code;
    }
  });

  it('says which port is in use and how to pick another', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const result = await runCliAsync([
        'view',
        COLLECTION,
        '--endpoint',
        s3.endpoint,
        '--bucket',
        s3.bucket,
        '--port',
        String(port),
      ]);
      expect(result.status).toBe(1);
      expect(result.stderr).toContain(`port ${port} on 127.0.0.1 (the viewer's) is in use`);
      expect(result.stderr).toContain('pick another with --port N, or --port 0 for any free one');
      expect(result.stderr).not.toMatch(/\n\s+at /);
    } finally {
      blocker.close();
    }
  });

  it('says what failed when the bucket cannot be read, before serving anything', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as { port: number }).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const result = await runCliAsync([
      'view',
      COLLECTION,
      '--endpoint',
      `http://127.0.0.1:${port}`,
      '--port',
      '0',
    ]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      `cannot read s3://news-timeline-local/timelines/gulf-spill/index.json: connect ECONNREFUSED 127.0.0.1:${port}`,
    );
    expect(result.stdout).toBe('');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('refuses a collection name that names no collection, and a port that is not one', () => {
    const dots = runCli(['view', '..']);
    expect(dots.status).toBe(2);
    expect(dots.stderr).toContain(`COLLECTION '..' is "." or "..", not a name`);
    const port = runCli(['view', COLLECTION, '--port', 'eighty']);
    expect(port.status).toBe(2);
    expect(port.stderr).toContain("--port must be a port number 1–65535 (or 0: any free port), got 'eighty'");
  });
});
