import { csvOf } from '../core/export/csv.ts';
import { timelineJsOf } from '../core/export/timelinejs.ts';
import type { WholeTimeline } from '../core/view.ts';

/** What `get` and `extract` print a timeline as (`--format`): ours, TimelineJS's JSON, or CSV. */
export const TIMELINE_FORMATS = ['json', 'timelinejs', 'csv'] as const;
export type TimelineFormat = (typeof TIMELINE_FORMATS)[number];

/** What `--format` says in a command's usage. */
export const FORMAT_DESCRIPTION =
  "what to print: json (this project's shape), timelinejs (TimelineJS 3's JSON)\nor csv (one row per event, RFC 4180)";

/**
 * The text that prints a timeline in `format`: JSON with a final newline, or CSV whose records
 * each end in CRLF.
 *
 * @example timelineText(timeline, 'csv').split('\r\n')[0] // 'id,value,start,end,…'
 */
export function timelineText(timeline: WholeTimeline, format: TimelineFormat): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(timeline, null, 2)}\n`;
    case 'timelinejs':
      return `${JSON.stringify(timelineJsOf(timeline), null, 2)}\n`;
    case 'csv':
      return csvOf(timeline);
  }
}
