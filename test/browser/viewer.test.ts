import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectPageErrors, launchChromium, saveScreenshot } from './support/chromium.ts';
import { startViewerStack, uploadSamples, type ViewerStack } from './support/viewer-stack.ts';

// The viewer as a reader uses it, on the local stack of `npm start` fed the two sample articles:
// s3rver, the article function, the queue, the compactor, and the viewer's server, in Chromium.

/** A third article, uploaded while the page is open; its sentences carry markup as text. */
const THIRD_KEY = 'articles/north-korea/moon-visit.txt';
const THIRD = `Moon to visit Pyongyang in December

SEOUL, Nov. 9, 2018 - South Korean President Moon Jae-in will travel to Pyongyang on December 12 for a fourth summit with Kim Jong Un, his office said Friday.
A statement signed <img src=x onerror="window.__pwned=1"> by the presidential office said preparations would begin on November 20.
`;

/** What the list shows: each card's start day, status, title and number of sources. */
async function shownEvents(page: Page) {
  return page.$$eval('#events article.event', (cards) =>
    cards.map((card) => ({
      start: card.getAttribute('data-start') ?? '',
      status: card.getAttribute('data-status') ?? '',
      title: card.querySelector('.event-title')?.textContent ?? '',
      sources: card.querySelectorAll('.source').length,
    })),
  );
}

/** Waits until the list has settled after a change: the count line says how many match. */
async function settled(page: Page): Promise<void> {
  await page.waitForFunction(`(() => {
    const status = document.getElementById('list-status')?.textContent ?? '';
    return status === '' || status.startsWith('End');
  })()`);
}

describe('the viewer on the sample articles', () => {
  let chromium: Awaited<ReturnType<typeof launchChromium>>;
  let stack: ViewerStack;
  let collection: string;
  let pageUrl: string;

  beforeAll(async () => {
    [chromium, stack] = await Promise.all([launchChromium(), startViewerStack()]);
    collection = await uploadSamples(stack);
    pageUrl = stack.viewer.pageOf(collection);
  });
  afterAll(async () => {
    await chromium?.close();
    await stack?.close();
  });

  async function open(path = '', viewport = { width: 1200, height: 1000 }) {
    const page = await chromium.browser.newPage({ viewport });
    const errors = collectPageErrors(page);
    await page.goto(`${pageUrl}${path}`);
    await page.waitForSelector('html[data-ready]');
    await settled(page);
    return { page, errors };
  }

  it('shows every event in date order, each day, month and year under its heading', async () => {
    const { page, errors } = await open();
    const events = await shownEvents(page);
    expect(events).toHaveLength(10);
    const starts = events.map((event) => event.start);
    expect(starts).toEqual([...starts].sort());
    expect(
      await page.$$eval('#events .year-heading', (nodes) => nodes.map((node) => node.textContent)),
    ).toEqual(['2018', '2019']);
    expect(
      await page.$$eval('#events .month-heading', (nodes) => nodes.map((node) => node.textContent)),
    ).toEqual(['June 2018', 'November 2018']);
    const headings = await page.$$eval('#events .group-heading time', (nodes) =>
      nodes.map((node) => node.textContent),
    );
    expect(headings).toEqual([
      'Sometime in June',
      'Friday 2 November 2018',
      'Weekend of 3–4 Nov 2018',
      'Monday 5 November 2018',
      'Tuesday 6 November 2018',
      'Wednesday 7 November 2018',
      'Thursday 8 November 2018',
      'Early 2019',
    ]);
    expect(await page.textContent('#result-count')).toBe('10 events');
    expect(await page.textContent('#stats')).toMatch(
      /^10 events · 2 articles · June 2018 – January 2019 · updated /,
    );
    // Status badges: the postponed meeting and the planned meeting of next year.
    expect(await page.$$eval('#events .badge', (nodes) => nodes.map((node) => node.textContent))).toEqual([
      'Postponed',
      'Planned',
    ]);
    // The summary's top days, marked on the strip and listed.
    expect(
      await page.$$eval('#top-days .top-day-date', (nodes) => nodes.map((node) => node.textContent)),
    ).toEqual(['Fri 2 Nov 2018', 'Wed 7 Nov 2018', 'Tue 6 Nov 2018', 'Thu 8 Nov 2018', 'Mon 5 Nov 2018']);
    expect(await page.locator('#strip .marker').count()).toBe(5);
    expect(errors).toEqual([]);
    await saveScreenshot(page, 'viewer-sample');
    await page.close();
  });

  it("shows KCNA's statement of 2018-11-02 with both sources, the date's words marked, titles linked only to http(s)", async () => {
    const { page, errors } = await open();
    const card = page
      .locator('#events section.group', { has: page.locator('time[datetime="2018-11-02"]') })
      .locator('article.event');
    expect(await card.count()).toBe(1);
    expect(await card.locator('.event-title').textContent()).toBe(
      "North Korea's state media outlet KCNA said",
    );
    expect(await card.locator('.actor').allTextContents()).toEqual(['North Korea', 'KCNA', 'US']);
    expect(await card.locator('.confidence').textContent()).toBe('Date confidence 99%');
    const sources = card.locator('.source');
    expect(await sources.count()).toBe(2);
    expect(await sources.locator('mark.mark-date').allTextContents()).toEqual(['November 2', 'November 2']);
    expect(await sources.locator('.source-title').allTextContents()).toEqual([
      "North Korea 'really angry' at US as tensions rise",
      'North Korea ‘really angry’ at US as tensions rise, sources say',
    ]);
    expect(await sources.locator('.source-date').allTextContents()).toEqual([
      ' · published 8 Nov 2018',
      ' · published 8 Nov 2018',
    ]);
    // Plain-text articles give no url: their titles are text, not links.
    expect(await card.locator('a').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('narrows the list by text, actor and status, and the URL keeps each filter across a reload', async () => {
    const { page, errors } = await open();
    await page.fill('#q', 'palladino');
    await page.waitForURL(/\?q=palladino$/);
    await settled(page);
    const byText = await shownEvents(page);
    expect(byText.map((event) => event.start)).toEqual(['2018-11-07', '2018-11-07']);
    expect(await page.locator('#events mark.mark-hit').first().textContent()).toBe('Palladino');
    expect(await page.textContent('#result-count')).toBe('2 events match');

    await page.fill('#q', '');
    await page.waitForURL((url) => url.search === '');
    await settled(page);
    await page
      .locator('#events button.actor', { hasText: /^Kim Jong Un$/ })
      .first()
      .click();
    await page.waitForURL(/\?actor=Kim\+Jong\+Un$/);
    await settled(page);
    const byActor = await shownEvents(page);
    expect(byActor.map((event) => event.start)).toEqual(['2018-11-06', '2018-11-08']);
    expect(await page.locator('#events button.actor[aria-pressed="true"]').allTextContents()).toEqual([
      'Kim Jong Un',
      'Kim Jong Un',
    ]);
    expect(await page.inputValue('#actor')).toBe('Kim Jong Un');

    await page.selectOption('#status', 'postponed');
    await page.waitForURL(/\?actor=Kim\+Jong\+Un&status=postponed$/);
    await settled(page);
    const postponed = await shownEvents(page);
    expect(postponed).toEqual([expect.objectContaining({ start: '2018-11-08', status: 'postponed' })]);

    await page.reload();
    await page.waitForSelector('html[data-ready]');
    await settled(page);
    expect(await page.inputValue('#actor')).toBe('Kim Jong Un');
    expect(await page.inputValue('#status')).toBe('postponed');
    expect(await shownEvents(page)).toEqual(postponed);

    // Back and forth through the history, as the URL changed.
    await page.click('#clear');
    await page.waitForURL((url) => url.search === '');
    await settled(page);
    expect(await shownEvents(page)).toHaveLength(10);
    await page.goBack();
    await settled(page);
    expect(await page.inputValue('#status')).toBe('postponed');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('zooms to a range from the keyboard, a drag or a top day, and the range is in the URL', async () => {
    const { page, errors } = await open();
    await page.click('#top-days button.top-day >> nth=0');
    await page.waitForURL(/\?from=2018-11-02&to=2018-11-02$/);
    await settled(page);
    expect((await shownEvents(page)).map((event) => event.start)).toEqual(['2018-11-02']);
    expect(await page.inputValue('#from')).toBe('2018-11-02');
    await page.click('#all-dates');
    await page.waitForURL((url) => url.search === '');

    await page.focus('#strip');
    await page.keyboard.press('+');
    await page.waitForURL(/from=/);
    const zoomed = new URL(page.url()).searchParams;
    expect(zoomed.get('from') ?? '').toMatch(/^2018-/);
    expect((zoomed.get('from') ?? '') > '2018-06-01').toBe(true);
    expect((zoomed.get('to') ?? '9') < '2019-01-31').toBe(true);
    await page.keyboard.press('0');
    await page.waitForURL((url) => url.search === '');

    // A drag across the detail row, from the start of November to the middle of it.
    const box = await page.locator('#strip svg').boundingBox();
    if (!box) throw new Error('no strip');
    await page.mouse.move(box.x + box.width * 0.62, box.y + 100);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.7, box.y + 100, { steps: 5 });
    await page.mouse.up();
    await page.waitForURL(/from=2018-1\d-\d\d&to=2018-1\d-\d\d/);
    await settled(page);
    const dragged = new URL(page.url()).searchParams;
    expect(
      (await shownEvents(page)).every(
        (event) => event.start >= (dragged.get('from') ?? '') && event.start <= (dragged.get('to') ?? ''),
      ),
    ).toBe(true);
    expect(await page.getAttribute('#strip', 'aria-valuetext')).toMatch(/Nov 2018$/);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('names every control, and can be used from the keyboard alone', async () => {
    const { page, errors } = await open();
    const unnamed = await page.$$eval('button, input, select, a[href], [tabindex="0"]', (controls) =>
      controls
        .filter((control) => {
          const labels = (control as unknown as { labels?: ArrayLike<{ textContent: string | null }> })
            .labels;
          const name =
            control.getAttribute('aria-label')?.trim() ||
            (labels?.[0]?.textContent ?? '').trim() ||
            (control.textContent ?? '').trim();
          return name === '' && !control.closest('[hidden]');
        })
        .map((control) => control.outerHTML.slice(0, 80)),
    );
    expect(unnamed).toEqual([]);
    // The first Tab reaches the skip link, which moves the focus past the controls.
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement?.textContent')).toBe('Skip to the events');
    // Typing in the search field narrows the list; Enter does not reload the page.
    await page.focus('#q');
    await page.keyboard.type('weekend');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\?q=weekend$/);
    await settled(page);
    expect((await shownEvents(page)).map((event) => event.start)).toEqual(['2018-11-03']);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('reads at phone width: nothing wider than the screen, every event there', async () => {
    const { page, errors } = await open('', { width: 375, height: 812 });
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(375);
    expect(await shownEvents(page)).toHaveLength(10);
    for (const id of ['q', 'actor', 'status', 'from', 'to', 'strip']) {
      const box = await page.locator(`#${id}`).boundingBox();
      expect(box && box.x >= 0 && box.x + box.width <= 375, id).toBe(true);
    }
    expect(errors).toEqual([]);
    await saveScreenshot(page, 'viewer-sample-phone');
    await page.close();
  });

  it("shows a new upload's events within seconds, without a reload, and its markup as text", async () => {
    const { page, errors } = await open();
    await page.evaluate(`window.marker = 'same page'`);
    await stack.upload(THIRD_KEY, THIRD, '2018-11-09', 'Asia/Seoul');
    const started = Date.now();
    const fresh = page.locator('#events article.event.is-new', { hasText: 'Pyongyang' });
    await fresh.first().waitFor({ timeout: 10_000 });
    const seconds = (Date.now() - started) / 1000;
    expect(seconds).toBeLessThan(6);
    expect(await page.evaluate('window.marker')).toBe('same page');
    const events = await shownEvents(page);
    expect(events.map((event) => event.start)).toEqual([...events.map((event) => event.start)].sort());
    expect(events.map((event) => event.start)).toContain('2018-12-12');
    expect(await page.textContent('#live-text')).toMatch(/^Updated \d\d:\d\d:\d\d · \d+ new events?$/);
    // The markup of the article is shown as the text it is.
    const markup = page.locator('#events .sentence', { hasText: '<img src=x onerror' });
    expect(await markup.count()).toBe(1);
    expect(await page.locator('#events img').count()).toBe(0);
    expect(await page.evaluate('window.__pwned')).toBeUndefined();
    expect(await page.textContent('#stats')).toMatch(/^1\d events · 3 articles/);
    expect(errors).toEqual([]);
    process.stdout.write(
      `viewer: a new upload's events on the page ${seconds.toFixed(1)} s after its view was written\n`,
    );
    await saveScreenshot(page, 'viewer-live-update');
    await page.close();
  });
});
