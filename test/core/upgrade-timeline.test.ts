import { describe, expect, it } from 'vitest';
import { emptyTimeline, TIMELINE_VERSION } from '../../src/core/timeline.ts';
import { upgradeTimeline } from '../../src/core/upgrade-timeline.ts';

const CURRENT = emptyTimeline('north-korea', '2018-11-08T00:00:00.000Z');
const { removed: _removed, ...VERSION_2 } = { ...CURRENT, version: 2 };
const source = {
  article: 'articles/a.txt',
  text: 'KCNA said November 2.',
  published: '2018-11-08',
  start: 0,
  prominence: 1,
  date: { text: 'November 2', start: 10, end: 20 },
  reading: {
    date: { value: '2018-11-02', start: '2018-11-02', end: '2018-11-02' },
    status: 'reported',
    confidence: 0.9,
  },
};
const event = {
  id: 'e1',
  date: { value: '2018-11-02', start: '2018-11-02', end: '2018-11-02' },
  sources: [source],
};

describe('upgradeTimeline', () => {
  it('reads a current timeline as it is', () => {
    expect(upgradeTimeline(CURRENT)).toEqual({ timeline: CURRENT });
  });

  it('upgrades a version 2 timeline: same content, an empty ledger', () => {
    expect(upgradeTimeline(VERSION_2)).toEqual({
      timeline: { ...CURRENT, version: TIMELINE_VERSION },
      upgradedFrom: 2,
    });
  });

  it.each([
    { name: 'an array', document: [], problem: /not a JSON object/ },
    { name: 'version 1', document: { ...CURRENT, version: 1 }, problem: /format version 1/ },
    { name: 'no version', document: { ...CURRENT, version: undefined }, problem: /format version undefined/ },
    { name: 'no collection', document: { ...CURRENT, collection: 7 }, problem: /collection/ },
    { name: 'events not a list', document: { ...CURRENT, events: {} }, problem: /events/ },
    { name: 'no summary', document: { ...CURRENT, summary: null }, problem: /summary/ },
    {
      name: 'an article without a key',
      document: { ...CURRENT, articles: [{ reference: {} }] },
      problem: /articles\[0\]/,
    },
    {
      name: 'an article with a numeric sequencer',
      document: { ...CURRENT, articles: [{ key: 'a', reference: {}, sequencer: 5 }] },
      problem: /sequencer/,
    },
    {
      name: 'an event without sources',
      document: { ...CURRENT, events: [{ id: 'e', date: event.date }] },
      problem: /events\[0\]/,
    },
    {
      name: 'an event without a date',
      document: { ...CURRENT, events: [{ ...event, date: 'soon' }] },
      problem: /events\[0\] has no date/,
    },
    {
      name: 'a source without its article',
      document: { ...CURRENT, events: [{ ...event, sources: [{ ...source, article: null }] }] },
      problem: /sources\[0\]/,
    },
    {
      name: 'a reading without a date',
      document: {
        ...CURRENT,
        events: [{ ...event, sources: [{ ...source, reading: { status: 'reported', confidence: 1 } }] }],
      },
      problem: /reading has no date/,
    },
    { name: 'a version 3 without removed', document: { ...CURRENT, removed: undefined }, problem: /removed/ },
    {
      name: 'removed entries without a sequencer',
      document: { ...CURRENT, removed: [{ key: 'a' }] },
      problem: /removed/,
    },
  ])('refuses $name, saying why', ({ document, problem }) => {
    const result = upgradeTimeline(document);
    expect('problem' in result && result.problem).toMatch(problem);
  });

  it('accepts events and sources shaped as merging reads them', () => {
    expect('timeline' in upgradeTimeline({ ...CURRENT, events: [event] })).toBe(true);
  });
});
