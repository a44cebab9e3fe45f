import { describe, expect, it } from 'vitest';
import { STATE_PREFIX } from '../../src/core/view.ts';
import { parseViewDocumentKey } from '../../src/viewer/view-document-key.ts';
import { largeCollection } from './support/large-collection.ts';

describe('parseViewDocumentKey', () => {
  it.each([
    ['timelines/north-korea/months/2018-11.1c7f0e0a9b2d.json', 'north-korea', 'month'],
    ['timelines/north-korea/shards/2018-11-02.0.710bfcad2542.json', 'north-korea', 'shard'],
    ['timelines/north-korea/shards/2018-06-01..2018-06-30.3.710bfcad2542.json', 'north-korea', 'shard'],
    ['timelines/north-korea/articles/3f.3397d90c4993.json', 'north-korea', 'articles'],
    ['timelines/gulf spill – 2010/months/2010-04.1c7f0e0a9b2d.json', 'gulf spill – 2010', 'month'],
  ])('names a document of the view: %s', (key, collection, kind) => {
    expect(parseViewDocumentKey(key)).toEqual({ collection, kind });
  });

  it.each([
    ['timelines/north-korea/index.json', 'is not timelines/<collection>/<folder>/<name>'],
    ['state/north-korea/partitions/2018-11-02.0.710bfcad2542.json', 'is not under timelines/'],
    ['articles/north-korea/nk.txt', 'is not under timelines/'],
    ['reports/north-korea/nk.txt.json', 'is not under timelines/'],
    ['timelines/north-korea.json', 'is not timelines/<collection>/<folder>/<name>'],
    ['timelines/../months/2018-11.1c7f0e0a9b2d.json', 'names a collection that is "." or "..", not a name'],
    [
      'timelines//months/2018-11.1c7f0e0a9b2d.json',
      'names a collection that is empty (a key like articles//name)',
    ],
    ['timelines/a/b/months/2018-11.1c7f0e0a9b2d.json', 'is not timelines/<collection>/<folder>/<name>'],
    [
      'timelines/a/partitions/2018-11-02.0.710bfcad2542.json',
      'is in "partitions", not months/, shards/ or articles/',
    ],
    ['timelines/a/months/2018-13.1c7f0e0a9b2d.json', 'is not the name of a document of months/'],
    ['timelines/a/months/2018-11.1c7f0e0a9b2.json', 'is not the name of a document of months/'],
    ['timelines/a/months/2018-11.1C7F0E0A9B2D.json', 'is not the name of a document of months/'],
    ['timelines/a/shards/2018-11-02.710bfcad2542.json', 'is not the name of a document of shards/'],
    ['timelines/a/shards/../../x.0.710bfcad2542.json', 'is not timelines/<collection>/<folder>/<name>'],
    ['timelines/a/articles/40.3397d90c4993.json', 'is not the name of a document of articles/'],
    ['timelines/a/articles/3f.3397d90c4993.json.gz', 'is not the name of a document of articles/'],
    ['timelines/a/constructor/x', 'is in "constructor", not months/, shards/ or articles/'],
  ])('refuses any other key: %s', (key, problem) => {
    expect(parseViewDocumentKey(key)).toEqual({ problem });
  });
});

describe('parseViewDocumentKey and the keys the compaction writes', () => {
  // The names are built in src/core/view.ts (monthTableKeyOf, shardKeyOf, articlePageKeyOf) and
  // read back here: every public document of a real view must parse, or the viewer cannot serve it.
  it('names every public document of a compacted view, and none of its state', () => {
    const { writes } = largeCollection({ articles: 120, collection: 'gulf spill – 2010' });
    const keys = writes.map((write) => write.key).filter((key) => !key.endsWith('/index.json'));
    const state = keys.filter((key) => key.startsWith(STATE_PREFIX));
    const documents = keys.filter((key) => !key.startsWith(STATE_PREFIX));
    expect(documents.length).toBeGreaterThan(0);
    for (const key of documents)
      expect(parseViewDocumentKey(key), key).toMatchObject({ collection: 'gulf spill – 2010' });
    for (const key of state) expect(parseViewDocumentKey(key), key).toHaveProperty('problem');
  });
});
