import type { ViewEvent, WholeTimeline } from '../../src/core/view.ts';

/** What names an event apart from its id: its first source (article, offset, date words). */
const nameOf = (event: ViewEvent): string => {
  const first = [...event.sources].sort((a, b) =>
    a.article < b.article ? -1 : a.article > b.article ? 1 : a.start - b.start || a.date.start - b.date.start,
  )[0];
  return `${first?.article}@${first?.start}+${first?.date.start}:${event.date.value}`;
};

/**
 * What a view says, whatever the ids its events were given: ids are kept across updates (an
 * event's id is the one it got first), so two views of the same reports built in different
 * orders may name an event differently and still say the same thing. Ids are replaced by a name
 * made of the event's first source, in the events and in the summary; `updatedAt` and the report
 * ETags (which depend on when reports were written) are dropped. Article pages' `report` field
 * is the ETag of the report each entry was built from.
 */
export function viewContent(timeline: WholeTimeline): unknown {
  const names = new Map(timeline.events.map((event) => [event.id, nameOf(event)]));
  const events = timeline.events
    .map((event) => ({ ...event, id: names.get(event.id) }))
    .sort((a, b) => ((a.id as string) < (b.id as string) ? -1 : 1));
  return {
    collection: timeline.collection,
    articles: timeline.articles.map(({ report: _report, ...article }) => article),
    events,
    summary: timeline.summary.dates.map((date) => ({
      ...date,
      // Sorted: events of equal salience are ranked by id.
      events: date.events.map((id) => names.get(id)).sort(),
    })),
  };
}
