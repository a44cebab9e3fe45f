// Regenerates the README's screenshot of the viewer (docs/viewer.png): the local stack of
// `npm start` in a temporary folder, fed the two sample articles, the page opened in headless
// Chromium (Debian's, as the browser tests use it) at a desktop width.
//
//   npm run screenshot:viewer [-- --out docs/viewer.png --width 1200 --height 1500]
import { parseArgs } from 'node:util';
import { launchChromium } from '../test/browser/support/chromium.ts';
import { startViewerStack, uploadSamples } from '../test/browser/support/viewer-stack.ts';

const { values } = parseArgs({
  options: {
    out: { type: 'string', default: 'docs/viewer.png' },
    width: { type: 'string', default: '1200' },
    height: { type: 'string', default: '1500' },
  },
});
const width = Number(values.width);
const height = Number(values.height);
if (!Number.isInteger(width) || !Number.isInteger(height) || width < 320 || height < 320)
  throw new Error(`--width and --height must be whole numbers of pixels, 320 or more`);

const stack = await startViewerStack();
const chromium = await launchChromium();
try {
  const collection = await uploadSamples(stack);
  const page = await chromium.browser.newPage({ viewport: { width, height }, deviceScaleFactor: 1 });
  await page.goto(stack.viewer.pageOf(collection));
  await page.waitForSelector('html[data-ready] article.event');
  // The clip is the viewport: the masthead, the filters, the strip and the first days.
  await page.screenshot({ path: values.out, fullPage: false });
  process.stdout.write(`wrote ${values.out} (${width}×${height})\n`);
} finally {
  await chromium.close();
  await stack.close();
}
