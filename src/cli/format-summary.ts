import type { WholeTimeline } from '../core/view.ts';

/**
 * A few readable lines about a timeline: one per event, date first.
 *
 * @example formatTimelineSummary(timeline).split('\n')[0] // 'north-korea: 10 events from 2 articles'
 */
export function formatTimelineSummary(timeline: WholeTimeline): string {
  const width = Math.max(
    10,
    ...timeline.events.map(
      (event) => event.date.value.length + (event.date.mod ? event.date.mod.length + 3 : 0),
    ),
  );
  const lines = [
    `${timeline.collection}: ${timeline.events.length} events from ${timeline.articles.length} articles`,
  ];
  for (const event of timeline.events) {
    const date = event.date.mod ? `${event.date.value} (${event.date.mod})` : event.date.value;
    const sources = event.sources.length > 1 ? `  [${event.sources.length} sources]` : '';
    const status = event.status === 'reported' ? '' : `  (${event.status})`;
    lines.push(`  ${date.padEnd(width)}  ${event.title}${status}${sources}`);
  }
  return lines.join('\n');
}
