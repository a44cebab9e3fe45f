import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S3Storage } from '../../src/adapters/s3-storage.ts';
import { indexKeyOf, type ViewIndex } from '../../src/core/view.ts';
import { startViewerServer, type ViewerServer } from '../../src/viewer/viewer-server.ts';
import { startS3Server, type TestS3Server } from '../support/s3-server.ts';
import { largeCollection } from '../viewer/support/large-collection.ts';
import { ARTIFACTS_DIR, collectPageErrors, launchChromium, saveScreenshot } from './support/chromium.ts';

// The viewer on a collection of 1,500 articles' worth of events (built by the pure core, as
// rebuild builds one, and stored in s3rver): it opens from the index and the documents of its
// first screen, and reads the rest as the reader goes.

const COLLECTION = 'gulf-spill';
const ARTICLES = 1500;

/** Counts the page's requests for view documents, by kind. */
function countDocuments(page: Page): { months: number; shards: number; other: number } {
  const counts = { months: 0, shards: 0, other: 0 };
  page.on('request', (request) => {
    const path = decodeURIComponent(new URL(request.url()).pathname);
    if (!path.startsWith('/api/documents/')) return;
    if (path.includes('/months/')) counts.months += 1;
    else if (path.includes('/shards/')) counts.shards += 1;
    else counts.other += 1;
  });
  return counts;
}

async function settled(page: Page): Promise<void> {
  await page.waitForFunction(
    `(() => { const s = document.getElementById('list-status')?.textContent ?? ''; return s === '' || s.startsWith('End') || s.startsWith('Loading more'); })()`,
  );
}

describe('the viewer on a large collection', () => {
  let chromium: Awaited<ReturnType<typeof launchChromium>>;
  let s3: TestS3Server;
  let server: ViewerServer;
  let index: ViewIndex;
  let documents = 0;
  let bytes = 0;
  let events = 0;

  beforeAll(async () => {
    [chromium, s3] = await Promise.all([launchChromium(), startS3Server()]);
    const view = largeCollection({ collection: COLLECTION, articles: ARTICLES, hostile: true });
    index = view.index;
    // The public view only: what the page may read.
    const writes = view.writes.filter((write) => write.key.startsWith('timelines/'));
    documents = writes.length;
    bytes = writes.reduce((sum, write) => sum + write.body.length, 0);
    events = index.months.reduce((sum, month) => sum + month.events, 0);
    for (let at = 0; at < writes.length; at += 16)
      await Promise.all(writes.slice(at, at + 16).map((write) => s3.put(write.key, write.body)));
    await s3.put(indexKeyOf(COLLECTION), JSON.stringify(index));
    server = await startViewerServer({
      documents: new S3Storage(s3.client),
      bucket: s3.bucket,
      collections: [COLLECTION],
    });
  });
  afterAll(async () => {
    await chromium?.close();
    await server?.close();
    await s3?.close();
  });

  it('opens in about a second, reading the index and only the documents of its first screen', async () => {
    const page = await chromium.browser.newPage({ viewport: { width: 1200, height: 1000 } });
    const errors = collectPageErrors(page);
    const counts = countDocuments(page);
    const started = Date.now();
    await page.goto(server.pageOf(COLLECTION));
    await page.waitForSelector('#events article.event');
    const shown = Date.now() - started;
    await page.waitForSelector('html[data-ready]');
    const mark = Number(
      await page.evaluate(`performance.getEntriesByName('viewer:first-events')[0]?.startTime ?? -1`),
    );
    const starts = await page.$$eval('#events article.event', (cards) =>
      cards.map((card) => card.getAttribute('data-start') ?? ''),
    );
    const requested = counts.months + counts.shards + counts.other;
    process.stdout.write(
      `viewer: ${ARTICLES} articles (${events} events in ${documents} documents, ${(bytes / 1e6).toFixed(1)} MB): ` +
        `first events on screen ${shown} ms after navigation (page mark ${mark.toFixed(0)} ms), ` +
        `${requested} documents read (${counts.months} month tables, ${counts.shards} shards, ${counts.other} other), ${starts.length} events shown\n`,
    );
    expect(starts.length).toBeGreaterThanOrEqual(40);
    expect(starts).toEqual([...starts].sort());
    expect(starts[0]).toBe('2010-01-01');
    // About a second here; generous for a loaded CI machine.
    expect(shown).toBeLessThan(3000);
    expect(counts.other).toBe(0);
    expect(counts.months).toBeLessThanOrEqual(index.months.length);
    expect(requested).toBeLessThan(documents / 10);
    expect(await page.textContent('#result-count')).toMatch(/^Showing \d+ of [\d,]+ events$/);
    expect(errors).toEqual([]);
    await saveScreenshot(page, 'viewer-large');
    // What a reader sees first, without scrolling.
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'viewer-large-first-screen.png') });
    await page.close();
  });

  it('reads more as the reader scrolls, and only the next days', async () => {
    const page = await chromium.browser.newPage({ viewport: { width: 1200, height: 1000 } });
    const errors = collectPageErrors(page);
    const counts = countDocuments(page);
    await page.goto(server.pageOf(COLLECTION));
    await page.waitForSelector('html[data-ready]');
    await settled(page);
    const first = await page.locator('#events article.event').count();
    const read = counts.shards;
    await page.evaluate('window.scrollTo(0, document.body.scrollHeight)');
    await expect
      .poll(() => page.locator('#events article.event').count(), { timeout: 10_000 })
      .toBeGreaterThan(first);
    await settled(page);
    expect(counts.shards).toBeGreaterThan(read);
    expect(counts.shards).toBeLessThan(documents / 5);
    const starts = await page.$$eval('#events article.event', (cards) =>
      cards.map((card) => card.getAttribute('data-start') ?? ''),
    );
    expect(starts).toEqual([...starts].sort());
    expect(errors).toEqual([]);
    await page.close();
  });

  it('zoomed to a week, reads that week only', async () => {
    const page = await chromium.browser.newPage({ viewport: { width: 1200, height: 1000 } });
    const errors = collectPageErrors(page);
    const counts = countDocuments(page);
    await page.goto(`${server.pageOf(COLLECTION)}?from=2010-05-03&to=2010-05-09`);
    await page.waitForSelector('html[data-ready]');
    await settled(page);
    const starts = await page.$$eval('#events article.event', (cards) =>
      cards.map((card) => card.getAttribute('data-start') ?? ''),
    );
    expect(starts.length).toBeGreaterThan(0);
    expect(starts.every((start) => start >= '2010-05-03' && start <= '2010-05-09')).toBe(true);
    expect(counts.months).toBe(1);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('searches through what it has not read yet, and shows hostile text as text, linking only http(s)', async () => {
    const page = await chromium.browser.newPage({ viewport: { width: 1200, height: 1000 } });
    const errors = collectPageErrors(page);
    await page.goto(`${server.pageOf(COLLECTION)}?q=pwned`);
    await page.waitForSelector('html[data-ready]');
    await page.waitForFunction(
      `(document.getElementById('list-status')?.textContent ?? '').startsWith('End')`,
      undefined,
      {
        timeout: 30_000,
      },
    );
    const cards = page.locator('#events article.event');
    expect(await cards.count()).toBeGreaterThan(0);
    expect(
      await page.locator('#events .sentence', { hasText: '<script>window.__pwned=2</script>' }).count(),
    ).toBeGreaterThan(0);
    expect(await page.locator('#events .event-title', { hasText: /^<b>/ }).count()).toBeGreaterThan(0);
    expect(
      await page.locator('#events span.source-title', { hasText: '<img src=x onerror' }).count(),
    ).toBeGreaterThan(0);
    expect(await page.locator('#events img, #events script, #events b').count()).toBe(0);
    expect(await page.locator('#events a[href^="javascript:"]').count()).toBe(0);
    expect(await page.evaluate('window.__pwned')).toBeUndefined();
    // Other articles' titles are links to their pages.
    await page.goto(server.pageOf(COLLECTION));
    await page.waitForSelector('html[data-ready]');
    expect(await page.locator('#events a.source-title').first().getAttribute('href')).toMatch(
      /^https:\/\/news\.example\.com\/gulf-spill\/\d+$/,
    );
    expect(errors).toEqual([]);
    await page.close();
  });
});
