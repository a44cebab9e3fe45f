// The time axis: a small hand-written SVG of two rows. The overview shows the whole story by
// month (sources per month, from the index alone) with the selected range as a window on it;
// the detail shows the selected range by day, week or month (salience, from the month tables of
// that range), with the summary's top days marked, the periods (a month, a week, a season) in a
// lane under the bars, and an axis. Dragging across either row selects a range; a click on a bar
// selects its day, week or month. The page gives the keyboard its own way in (viewer.js).

import { counted, dayLabel, dayOfNumber, spanLabel, ticksOf } from './timeline-model.js';

const SVG_NS = 'http://www.w3.org/2000/svg';
const OVERVIEW = { top: 4, height: 26 };
const MARKERS = { top: 44, height: 10 };
const DETAIL = { top: 58, height: 74 };
const PERIODS = { top: 136, height: 6 };
const AXIS = { top: 146, label: 162 };
export const STRIP_HEIGHT = 170;
const SIDE = 6;

/**
 * @typedef {{ start: number, end: number, value: number, events?: number, label: string, top?: boolean }} Bar
 * @typedef {{ start: number, end: number, events: number, label: string }} Period
 * @typedef {{ day: number, rank: number, label: string }} TopDay
 * @typedef {{
 *   extent: { start: number, end: number },
 *   range: { start: number, end: number },
 *   overview: Bar[],
 *   detail: Bar[],
 *   periods: Period[],
 *   topDays: TopDay[],
 *   unit: string,
 *   loading: boolean,
 * }} StripModel
 */

/**
 * @param {string} name
 * @param {Record<string, string | number>} attributes
 * @param {...(Node | string)} children
 */
function svg(name, attributes = {}, ...children) {
  const element = document.createElementNS(SVG_NS, name);
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, String(value));
  for (const child of children)
    element.append(typeof child === 'string' ? document.createTextNode(child) : child);
  return element;
}

/** @param {string} text */
const title = (text) => svg('title', {}, text);

/**
 * Draws the strip into `host` (replacing what was there) and wires its pointer gestures.
 * @param {HTMLElement} host
 * @param {StripModel} model
 * @param {{ onRange: (start: number, end: number) => void }} actions
 */
export function renderStrip(host, model, actions) {
  const width = Math.max(280, Math.floor(host.clientWidth));
  const inner = width - 2 * SIDE;
  const scale = (/** @type {{ start: number, end: number }} */ span) => {
    const days = span.end + 1 - span.start;
    return {
      x: (/** @type {number} */ day) => SIDE + ((day - span.start) / days) * inner,
      day: (/** @type {number} */ x) => span.start + Math.floor(((x - SIDE) / inner) * days),
    };
  };
  const whole = scale(model.extent);
  const part = scale(model.range);
  const root = svg('svg', {
    class: 'strip-svg',
    viewBox: `0 0 ${width} ${STRIP_HEIGHT}`,
    width,
    height: STRIP_HEIGHT,
    'aria-hidden': 'true',
    focusable: 'false',
  });

  // Overview: the whole story, and the selected window on it.
  const overviewMax = Math.max(1, ...model.overview.map((bar) => bar.value));
  const overview = svg('g', { class: 'overview' });
  overview.append(
    svg('rect', { class: 'row-bg', x: SIDE, y: OVERVIEW.top, width: inner, height: OVERVIEW.height }),
  );
  for (const bar of model.overview) {
    const x = whole.x(bar.start);
    const w = Math.max(1, whole.x(bar.end + 1) - x - (inner / model.overview.length > 4 ? 1 : 0));
    const h = Math.max(1.5, (bar.value / overviewMax) * (OVERVIEW.height - 4));
    overview.append(
      svg(
        'rect',
        { class: 'bar overview-bar', x, y: OVERVIEW.top + OVERVIEW.height - h, width: w, height: h },
        title(`${bar.label}: ${counted(bar.value, 'source')}`),
      ),
    );
  }
  const windowX = whole.x(model.range.start);
  const windowW = Math.max(2, whole.x(model.range.end + 1) - windowX);
  overview.append(
    svg('rect', { class: 'shade', x: SIDE, y: OVERVIEW.top, width: windowX - SIDE, height: OVERVIEW.height }),
    svg('rect', {
      class: 'shade',
      x: windowX + windowW,
      y: OVERVIEW.top,
      width: Math.max(0, SIDE + inner - windowX - windowW),
      height: OVERVIEW.height,
    }),
    svg('rect', { class: 'window', x: windowX, y: OVERVIEW.top, width: windowW, height: OVERVIEW.height }),
  );
  // Zoomed in, the overview shows where the top days are beside the window.
  const zoomed = model.range.start > model.extent.start || model.range.end < model.extent.end;
  for (const top of zoomed ? model.topDays : [])
    overview.append(
      svg('rect', { class: 'top-tick', x: whole.x(top.day + 0.5) - 0.75, y: 0, width: 1.5, height: 4 }),
    );
  root.append(overview);

  // Detail: the selected range.
  const detail = svg('g', { class: 'detail' });
  detail.append(
    svg('rect', { class: 'row-bg', x: SIDE, y: DETAIL.top, width: inner, height: DETAIL.height }),
    svg('line', {
      class: 'baseline',
      x1: SIDE,
      x2: SIDE + inner,
      y1: DETAIL.top + DETAIL.height,
      y2: DETAIL.top + DETAIL.height,
    }),
  );
  const detailMax = Math.max(1e-9, ...model.detail.map((bar) => bar.value));
  for (const bar of model.detail) {
    if (bar.end < model.range.start || bar.start > model.range.end) continue;
    const x = part.x(Math.max(bar.start, model.range.start));
    const right = part.x(Math.min(bar.end, model.range.end) + 1);
    const w = Math.max(1, right - x - (right - x > 4 ? 1 : 0));
    const h = bar.value > 0 ? Math.max(2, (bar.value / detailMax) * (DETAIL.height - 6)) : 0;
    const words = `${bar.label}: ${bar.events === undefined ? counted(bar.value, 'source') : `salience ${bar.value.toFixed(1)}, ${counted(bar.events, 'event')}`}`;
    const hit = svg('rect', {
      class: 'bar-hit',
      x,
      y: DETAIL.top,
      width: w,
      height: DETAIL.height,
      'data-start': bar.start,
      'data-end': bar.end,
    });
    hit.append(title(words));
    detail.append(
      hit,
      svg(
        'rect',
        {
          class: bar.top ? 'bar detail-bar top' : 'bar detail-bar',
          x,
          y: DETAIL.top + DETAIL.height - h,
          width: w,
          height: h,
        },
        title(words),
      ),
    );
  }
  for (const period of model.periods) {
    if (period.end < model.range.start || period.start > model.range.end) continue;
    const x = part.x(Math.max(period.start, model.range.start));
    const w = Math.max(2, part.x(Math.min(period.end, model.range.end) + 1) - x);
    detail.append(
      svg(
        'rect',
        { class: 'period', x, y: PERIODS.top, width: w, height: PERIODS.height, rx: 2 },
        title(`${period.label}: ${counted(period.events, 'event')} dated the whole period`),
      ),
    );
  }
  // The rank of the top three, where there is room to write it.
  /** @type {Array<{ x: number, rank: number }>} */
  const ranked = [];
  for (const top of model.topDays) {
    if (top.day < model.range.start || top.day > model.range.end) continue;
    const x = part.x(top.day + 0.5);
    ranked.push({ x, rank: top.rank });
    detail.append(
      svg(
        'path',
        {
          class: 'marker',
          d: `M${x - 4.5},${MARKERS.top} L${x + 4.5},${MARKERS.top} L${x},${MARKERS.top + MARKERS.height - 1} Z`,
        },
        title(`No. ${top.rank} most reported day: ${top.label}`),
      ),
    );
  }
  /** @type {number[]} */
  const written = [];
  for (const { x, rank } of ranked.sort((a, b) => a.rank - b.rank)) {
    if (rank > 3 || written.some((other) => Math.abs(other - x) < 12)) continue;
    written.push(x);
    detail.append(
      svg('text', { class: 'marker-rank', x, y: MARKERS.top - 3, 'text-anchor': 'middle' }, String(rank)),
    );
  }

  // The axis: ticks that fit the width, at most one label per 56 px.
  const ticks = ticksOf(model.range.start, model.range.end, Math.max(2, Math.floor(inner / 56)));
  let lastLabelRight = Number.NEGATIVE_INFINITY;
  for (const tick of ticks) {
    const x = part.x(tick.day);
    detail.append(
      svg('line', {
        class: tick.major ? 'tick major' : 'tick',
        x1: x,
        x2: x,
        y1: AXIS.top - 2,
        y2: AXIS.top + (tick.major ? 5 : 3),
      }),
    );
    const estimate = tick.label.length * 6.4;
    // Kept inside the strip: a label at either end is moved in, not cut.
    const at = Math.min(width - estimate / 2 - 1, Math.max(estimate / 2 + 1, x));
    if (at - estimate / 2 > lastLabelRight + 6) {
      detail.append(
        svg(
          'text',
          {
            class: tick.major ? 'tick-label major' : 'tick-label',
            x: at,
            y: AXIS.label,
            'text-anchor': 'middle',
          },
          tick.label,
        ),
      );
      lastLabelRight = at + estimate / 2;
    }
  }
  root.append(detail);
  if (model.loading)
    root.append(svg('text', { class: 'strip-note', x: SIDE + 6, y: DETAIL.top + 14 }, 'Loading the days…'));

  // Dragging selects a range in the row it starts in; a click selects the bar under it.
  const selection = svg('rect', {
    class: 'selection',
    x: 0,
    y: 0,
    width: 0,
    height: 0,
    visibility: 'hidden',
  });
  root.append(selection);
  /** @type {{ row: 'overview' | 'detail', x: number, id: number } | undefined} */
  let drag;
  const pointX = (/** @type {PointerEvent} */ event) => {
    const box = root.getBoundingClientRect();
    return Math.min(SIDE + inner, Math.max(SIDE, ((event.clientX - box.left) / box.width) * width));
  };
  const rowAt = (/** @type {PointerEvent} */ event) => {
    const box = root.getBoundingClientRect();
    const y = ((event.clientY - box.top) / box.height) * STRIP_HEIGHT;
    return y < (OVERVIEW.top + OVERVIEW.height + MARKERS.top) / 2 ? 'overview' : 'detail';
  };
  root.addEventListener('pointerdown', (event) => {
    if (event.button !== 0) return;
    const row = rowAt(event);
    drag = { row, x: pointX(event), id: event.pointerId };
    root.setPointerCapture(event.pointerId);
    const band =
      row === 'overview'
        ? OVERVIEW
        : { top: MARKERS.top, height: PERIODS.top + PERIODS.height - MARKERS.top };
    selection.setAttribute('y', String(band.top));
    selection.setAttribute('height', String(band.height));
    event.preventDefault();
  });
  root.addEventListener('pointermove', (event) => {
    if (!drag || event.pointerId !== drag.id) return;
    const x = pointX(event);
    selection.setAttribute('x', String(Math.min(x, drag.x)));
    selection.setAttribute('width', String(Math.abs(x - drag.x)));
    selection.setAttribute('visibility', Math.abs(x - drag.x) >= 4 ? 'visible' : 'hidden');
  });
  const finish = (/** @type {PointerEvent} */ event, cancelled = false) => {
    if (!drag || event.pointerId !== drag.id) return;
    const { row, x: from } = drag;
    drag = undefined;
    selection.setAttribute('visibility', 'hidden');
    if (cancelled) return;
    const to = pointX(event);
    const axis = row === 'overview' ? whole : part;
    if (Math.abs(to - from) >= 4) {
      const start = axis.day(Math.min(from, to));
      const end = axis.day(Math.max(from, to) - 0.01);
      actions.onRange(start, Math.max(start, end));
      return;
    }
    if (row === 'overview') {
      // A click on the overview moves the window there, keeping its width.
      const span = model.range.end - model.range.start;
      const centre = axis.day(to);
      const start = Math.max(
        model.extent.start,
        Math.min(centre - Math.floor(span / 2), model.extent.end - span),
      );
      actions.onRange(start, start + span);
      return;
    }
    const target = document.elementFromPoint(event.clientX, event.clientY);
    if (target instanceof SVGElement && target.classList.contains('bar-hit'))
      actions.onRange(Number(target.dataset.start), Number(target.dataset.end));
  };
  root.addEventListener('pointerup', (event) => finish(event));
  root.addEventListener('pointercancel', (event) => finish(event, true));
  host.replaceChildren(root);
}

/**
 * Words for what the strip shows, for the page's description of it.
 * @param {StripModel} model
 */
export function describeStrip(model) {
  const range = spanLabel(dayOfNumber(model.range.start), dayOfNumber(model.range.end));
  const busiest = [...model.detail].sort((a, b) => b.value - a.value)[0];
  const top = model.topDays.slice(0, 3).map((day) => day.label);
  return [
    `Coverage from ${range}, one bar a ${model.unit}.`,
    busiest && busiest.value > 0 ? `Busiest: ${busiest.label}.` : '',
    top.length ? `Most reported days: ${top.join('; ')}.` : '',
  ]
    .filter(Boolean)
    .join(' ');
}

/** @param {number} day @returns {string} */
export const dayWords = (day) => dayLabel(dayOfNumber(day), 'short');
