import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectPageErrors, launchChromium } from './support/chromium.ts';

// The browser tier's own check: Chromium starts headless here and runs a page's script.
describe('headless Chromium', () => {
  let chromium: Awaited<ReturnType<typeof launchChromium>>;
  const server = createServer((_request, response) => {
    response.setHeader('content-type', 'text/html; charset=utf-8');
    response.end(
      '<!doctype html><title>probe</title><p id="out"></p><script>out.textContent = 2 + 2;</script>',
    );
  });

  beforeAll(async () => {
    chromium = await launchChromium();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    await chromium?.close();
    server.close();
  });

  it('renders a page served on 127.0.0.1 and runs its script', async () => {
    const page = await chromium.browser.newPage();
    const errors = collectPageErrors(page);
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    expect(await page.textContent('#out')).toBe('4');
    expect(errors).toEqual([]);
  });
});
