import { execFileSync } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';

/** Where the browser tests save what a reader saw (screenshots), kept after the run. */
export const ARTIFACTS_DIR = join(process.cwd(), 'test-artifacts');

/**
 * The installed Chromium's absolute path (playwright-core needs one; a bare name fails):
 * CHROMIUM_PATH, else `chromium` on the PATH. Throws with how to install it when there is none.
 */
export function chromiumPath(): string {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  try {
    return execFileSync('sh', ['-c', 'command -v chromium || command -v chromium-browser'], {
      encoding: 'utf8',
    }).trim();
  } catch {
    throw new Error(
      'no Chromium on this machine: install it (apt-get install -y --no-install-recommends chromium) or set CHROMIUM_PATH',
    );
  }
}

/** A headless Chromium (playwright gives it a fresh empty profile), closed by `close`. */
export async function launchChromium(): Promise<{ browser: Browser; close: () => Promise<void> }> {
  // As root Chromium needs --no-sandbox; the network flags keep it from calling out of this
  // machine's closed network at every start.
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    browser,
    close: () => browser.close(),
  };
}

/** The page's console errors and uncaught exceptions, as they happen. */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`page: ${error.message}`));
  return errors;
}

/** Saves a screenshot of the page under {@link ARTIFACTS_DIR} and gives its path. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  await mkdir(ARTIFACTS_DIR, { recursive: true });
  const path = join(ARTIFACTS_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
