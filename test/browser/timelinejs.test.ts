import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventDate, EventStatus } from '../../src/core/events.ts';
import { type TimelineJsDocument, timelineJsOf } from '../../src/core/export/timelinejs.ts';
import { byDate } from '../../src/core/merge.ts';
import {
  addDays,
  type CivilDate,
  formatDate,
  formatIsoWeek,
  lastDayOfMonth,
  startOfIsoWeek,
} from '../../src/core/temporal/calendar.ts';
import type { TimexMod } from '../../src/core/temporal/timex.ts';
import type { WholeTimeline } from '../../src/core/view.ts';
import { eventOf, sourceSaying, timelineOf } from '../core/export/export-fixtures.ts';
import { REPO_ROOT, runCli } from '../support/run-cli.ts';
import { collectPageErrors, launchChromium, saveScreenshot } from './support/chromium.ts';

// The real TimelineJS, from the npm package's built files, served with the export on 127.0.0.1.
const TIMELINEJS_DIST = join(REPO_ROOT, 'node_modules/@knight-lab/timelinejs/dist');
// With its default options TimelineJS loads its web font's stylesheet from Knight Lab's CDN
// (options.script_path, Timeline.js); the page gets no request out of this machine, so that one
// fails, and it is the only one that may.
const FONT_CSS = 'https://cdn.knightlab.com/libs/timeline3/latest/css/fonts/font.default.css';

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>TimelineJS export</title>
<link rel="stylesheet" href="/timelinejs/css/timeline.css">
<script src="/timelinejs/js/timeline.js"></script>
</head>
<body style="margin:0">
<div id="timeline" style="width:100%;height:650px"></div>
<script>
  fetch('/export.json').then((response) => response.json()).then((source) => {
    const timeline = new TL.Timeline('timeline', source);
    window.timeline = timeline;
    window.timelineErrors = timeline.config ? timeline.config.getErrors() : [];
    timeline.on('loaded', () => { window.timelineLoaded = true; });
  });
</script>
</body>
</html>`;

// The page's globals as the functions run in it use them (tsconfig has no DOM library; these
// declarations are this module's own).
interface PageElement {
  readonly id: string;
  readonly textContent: string | null;
}
declare const document: { querySelectorAll(selector: string): Iterable<PageElement> & { length: number } };
declare const window: {
  timelineLoaded?: boolean;
  timelineErrors?: unknown[];
  timeline: { goToId(id: string): void };
};

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.ttf': 'font/ttf',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.svg': 'image/svg+xml',
  '.eot': 'application/vnd.ms-fontobject',
};

/** Serves the page, the export it loads, and TimelineJS's dist/ (its icons included). */
function startPageServer(): { server: Server; setExport: (document: TimelineJsDocument) => void } {
  let exported = '{}';
  const server = createServer(async (request, response) => {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    if (path === '/') {
      response.setHeader('content-type', 'text/html; charset=utf-8');
      response.end(PAGE);
    } else if (path === '/export.json') {
      response.setHeader('content-type', 'application/json');
      response.end(exported);
    } else if (path.startsWith('/timelinejs/') && !path.includes('..')) {
      try {
        const body = await readFile(join(TIMELINEJS_DIST, path.slice('/timelinejs/'.length)));
        const extension = /\.[a-z0-9]+$/.exec(path)?.[0] ?? '';
        response.setHeader('content-type', CONTENT_TYPES[extension] ?? 'application/octet-stream');
        response.end(body);
      } catch {
        response.statusCode = 404;
        response.end();
      }
    } else {
      // The favicon, and anything else: nothing, rather than a 404 in the console.
      response.statusCode = 204;
      response.end();
    }
  });
  return {
    server,
    setExport: (document) => {
      exported = JSON.stringify(document);
    },
  };
}

/** What TimelineJS rendered: its slides and time markers as DOM ids, and what failed on the way. */
interface Rendered {
  readonly slides: string[];
  readonly titleSlides: number;
  readonly markers: string[];
  readonly markersWithEnd: number;
  readonly groups: string[];
  readonly configErrors: unknown[];
  readonly pageErrors: string[];
  readonly blocked: string[];
}

async function render(page: Page, origin: string): Promise<Rendered> {
  const pageErrors = collectPageErrors(page);
  const blocked: string[] = [];
  // No request leaves 127.0.0.1: whatever else the page asks for is refused, and noted.
  await page.route(
    (url) => url.hostname !== '127.0.0.1',
    async (route) => {
      blocked.push(route.request().url());
      await route.abort('internetdisconnected');
    },
  );
  // The font's failure may be reported after TimelineJS says it has loaded: wait for both.
  const fontFailed = page.waitForEvent('requestfailed', {
    predicate: (request) => request.url() === FONT_CSS,
    timeout: 30_000,
  });
  await page.goto(`${origin}/`);
  await page.waitForFunction(() => window.timelineLoaded === true, null, {
    timeout: 30_000,
  });
  const dom = await page.evaluate(() => ({
    // The story slider's slides (TimelineJS gives each the slide's unique_id as its id) and the
    // time navigation's markers (`<unique_id>-marker`).
    slides: [...document.querySelectorAll('.tl-storyslider .tl-slide:not(.tl-slide-titleslide)')].map(
      (slide) => slide.id,
    ),
    titleSlides: document.querySelectorAll('.tl-storyslider .tl-slide-titleslide').length,
    markers: [...document.querySelectorAll('.tl-timenav .tl-timemarker')].map((marker) => marker.id),
    markersWithEnd: document.querySelectorAll('.tl-timenav .tl-timemarker.tl-timemarker-with-end').length,
    groups: [...document.querySelectorAll('.tl-timenav .tl-timegroup .tl-timegroup-message')].map(
      (group) => group.textContent ?? '',
    ),
    configErrors: window.timelineErrors ?? ['no config'],
  }));
  await fontFailed;
  await expect.poll(() => pageErrors.length).toBeGreaterThan(0);
  return { ...dom, pageErrors, blocked };
}

/** The one failure TimelineJS's defaults cause here: its font stylesheet, refused. */
function expectOnlyTheFontFailed(rendered: Rendered): void {
  expect(rendered.blocked).toEqual([FONT_CSS]);
  expect(rendered.pageErrors).toEqual(['console: Failed to load resource: net::ERR_INTERNET_DISCONNECTED']);
  expect(rendered.configErrors).toEqual([]);
}

const STATUSES: readonly EventStatus[] = ['reported', 'planned', 'postponed', 'cancelled'];
const SEASONS = [
  { code: 'SP', month: 3 },
  { code: 'SU', month: 6 },
  { code: 'FA', month: 9 },
  { code: 'WI', month: 12 },
] as const;
const MODS: readonly (TimexMod | undefined)[] = [undefined, 'START', 'MID', 'END', 'APPROX'];

/** One date of each kind in turn near `day`, as the events layer would give it. */
function generatedDate(index: number, day: CivilDate): EventDate {
  const iso = formatDate(day);
  const monday = startOfIsoWeek(day);
  const month = `${iso.slice(0, 7)}`;
  const monthEnd = formatDate({ ...day, day: lastDayOfMonth(day.year, day.month) });
  const mod = MODS[index % MODS.length];
  switch (index % 12) {
    case 0:
      return { value: iso, start: iso, end: iso, granularity: 'day' };
    case 1:
      return {
        value: `${iso}T${String(index % 24).padStart(2, '0')}:30`,
        start: iso,
        end: iso,
        granularity: 'time',
      };
    case 2:
      return { value: `${iso}TEV`, start: iso, end: iso, granularity: 'time' };
    case 3:
      return {
        value: formatIsoWeek(day),
        start: formatDate(monday),
        end: formatDate(addDays(monday, 6)),
        granularity: 'week',
      };
    case 4:
      return {
        value: `${formatIsoWeek(day)}-WE`,
        start: formatDate(addDays(monday, 5)),
        end: formatDate(addDays(monday, 6)),
        granularity: 'weekend',
      };
    case 5:
      return { value: month, start: `${month}-01`, end: monthEnd, granularity: 'month' };
    case 6:
      return { value: month, start: `${month}-01`, end: `${month}-10`, granularity: 'month', mod: 'START' };
    case 7: {
      const quarter = Math.floor((day.month - 1) / 3);
      const first = { year: day.year, month: quarter * 3 + 1, day: 1 };
      const last = { year: day.year, month: quarter * 3 + 3, day: lastDayOfMonth(day.year, quarter * 3 + 3) };
      return {
        value: `${day.year}-Q${quarter + 1}`,
        start: formatDate(first),
        end: formatDate(last),
        granularity: 'quarter',
      };
    }
    case 8: {
      const season = SEASONS[index % 4] ?? SEASONS[0];
      const start = { year: day.year, month: season.month, day: 1 };
      // A winter runs from December into the next year's February.
      const endYear = season.month === 12 ? day.year + 1 : day.year;
      const endMonth = season.month === 12 ? 2 : season.month + 2;
      const end = { year: endYear, month: endMonth, day: lastDayOfMonth(endYear, endMonth) };
      return {
        value: `${day.year}-${season.code}`,
        start: formatDate(start),
        end: formatDate(end),
        granularity: 'season',
      };
    }
    case 9:
      return {
        value: String(day.year),
        start: `${day.year}-04-01`,
        end: `${day.year}-09-30`,
        granularity: 'year',
        mod: 'MID',
      };
    case 10: {
      const decade = Math.floor(day.year / 10);
      return {
        value: String(decade),
        start: `${decade}0-01-01`,
        end: `${decade}9-12-31`,
        granularity: 'decade',
        ...(mod ? { mod } : {}),
      };
    }
    default:
      return {
        value: '20',
        start: '2000-01-01',
        end: '2099-12-31',
        granularity: 'century',
        ...(mod ? { mod } : {}),
      };
  }
}

/** `count` events a week apart from 2015, of every kind of date and status, each with a source. */
function generatedTimeline(count: number): WholeTimeline {
  const events = Array.from({ length: count }, (_, index) => {
    const day = addDays({ year: 2015, month: 1, day: 5 }, index * 7);
    return eventOf({
      id: `gen-${String(index).padStart(4, '0')}`,
      date: generatedDate(index, day),
      title: `Event ${index}: talks <${index % 7}> & "more"`,
      actors: [`Actor ${index % 13}`],
      status: STATUSES[index % STATUSES.length] ?? 'reported',
      sources: [
        sourceSaying(`Officials said `, 'on that day', ` the event ${index} happened.`, {
          article: `articles/generated/${index % 40}.txt`,
          title: `Report ${index % 40}`,
          url: `https://news.example/${index % 40}`,
        }),
      ],
    });
  });
  return timelineOf([...events].sort(byDate), 'generated');
}

describe('the TimelineJS export in the real TimelineJS', () => {
  let chromium: Awaited<ReturnType<typeof launchChromium>>;
  const { server, setExport } = startPageServer();
  let origin = '';

  beforeAll(async () => {
    chromium = await launchChromium();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await chromium?.close();
    server.close();
  });

  it('renders every event of the sample articles as a slide and a marker', async () => {
    const extracted = runCli([
      'extract',
      'events/articles/nk-talks-full.txt',
      'events/articles/nk-talks-short.txt',
      '--published',
      '2018-11-08',
      '--timezone',
      'America/New_York',
      '--collection',
      'north-korea',
      '--format',
      'timelinejs',
    ]);
    expect(extracted.status, extracted.stderr).toBe(0);
    const exported = JSON.parse(extracted.stdout) as TimelineJsDocument;
    expect(exported.events.length).toBeGreaterThanOrEqual(10);
    setExport(exported);

    const page = await chromium.browser.newPage({ viewport: { width: 1280, height: 800 } });
    const rendered = await render(page, origin);
    const ids = exported.events.map((event) => event.unique_id);
    // TimelineJS sorts slides by date; the export is in date order already.
    expect(rendered.slides).toEqual(ids);
    expect(rendered.titleSlides).toBe(1);
    expect(rendered.markers).toEqual(ids.map((id) => `${id}-marker`));
    expect(rendered.markersWithEnd).toBe(exported.events.filter((event) => event.end_date).length);
    expect(new Set(rendered.groups)).toEqual(new Set(exported.events.map((event) => event.group)));
    expectOnlyTheFontFailed(rendered);

    // What a reader sees: the title slide, then the KCNA statement with both its sources.
    expect(await page.textContent('.tl-slide-titleslide .tl-headline')).toBe('north-korea');
    const kcna = exported.events.find((event) => event.text.headline.includes('KCNA'));
    expect(kcna?.start_date).toEqual({ year: 2018, month: 11, day: 2 });
    const kcnaSlide = page.locator(`[id="${kcna?.unique_id}"]`);
    expect(await kcnaSlide.locator('.tl-text-content li').count()).toBe(2);
    expect(await kcnaSlide.locator('.tl-text-content mark').first().textContent()).toBe('November 2');
    // A weekend, which TimelineJS cannot say, shows our words.
    const weekend = exported.events.find((event) => event.display_date?.startsWith('weekend of'));
    expect(weekend?.display_date).toBe('weekend of November 3–4, 2018');
    expect(await page.locator(`[id="${weekend?.unique_id}"] .tl-headline-date`).textContent()).toBe(
      'weekend of November 3–4, 2018',
    );
    // Opens the KCNA slide as a reader's click on its marker does.
    await page.evaluate((id) => window.timeline.goToId(id), kcna?.unique_id ?? '');
    await page.waitForTimeout(1000);
    await saveScreenshot(page, 'timelinejs-sample');
    await page.close();
  });

  it('renders a generated timeline of 300 events over several years, every kind of date, without errors', async () => {
    const exported = timelineJsOf(generatedTimeline(300));
    expect(exported.events).toHaveLength(300);
    setExport(exported);
    const page = await chromium.browser.newPage({ viewport: { width: 1280, height: 800 } });
    const rendered = await render(page, origin);
    const ids = new Set(exported.events.map((event) => event.unique_id));
    expect(rendered.slides).toHaveLength(300);
    expect(new Set(rendered.slides)).toEqual(ids);
    expect(rendered.markers).toHaveLength(300);
    expect(new Set(rendered.markers)).toEqual(new Set([...ids].map((id) => `${id}-marker`)));
    expect(rendered.markersWithEnd).toBe(exported.events.filter((event) => event.end_date).length);
    expect(new Set(rendered.groups)).toEqual(new Set(['Reported', 'Planned', 'Postponed', 'Cancelled']));
    expectOnlyTheFontFailed(rendered);
    // The escaped headline shows as typed, not as markup.
    expect(await page.locator('[id="gen-0001"] .tl-headline').textContent()).toBe(
      'Event 1: talks <1> & "more"',
    );
    await saveScreenshot(page, 'timelinejs-generated');
    await page.close();
  });
});
