import { describe, expect, it } from 'vitest';
import { parseTimeml, writeTimeml } from '../../src/eval/timeml.ts';
import { readCorpus } from './corpora-dir.ts';

const CORPORA = [
  { dir: 'tempeval3-train/timebank', documents: 183, timexes: 1243 },
  { dir: 'tempeval3-train/aquaint', documents: 73, timexes: 579 },
  { dir: 'meantime-en', documents: 120, timexes: 484 },
];

describe('parseTimeml and writeTimeml on the corpora', () => {
  it.each(CORPORA)(
    'reads the $timexes TIMEX3s of $dir (DCT excluded), every one at its offsets',
    ({ dir, documents, timexes }) => {
      const corpus = readCorpus(dir);
      expect(corpus).toHaveLength(documents);
      expect(corpus.reduce((sum, document) => sum + document.timexes.length, 0)).toBe(timexes);
      for (const document of corpus) {
        expect(document.dct.value).toMatch(/^\d{4}-\d{2}-\d{2}/);
        for (const timex of document.timexes)
          expect(document.text.slice(timex.start, timex.end)).toBe(timex.text);
      }
    },
  );

  it.each(CORPORA)(
    'writes $dir back with its own timexes: same text, same timexes, same bytes outside TEXT',
    ({ dir }) => {
      for (const document of readCorpus(dir)) {
        const written = writeTimeml(document.source, document.timexes, document.name);
        const again = parseTimeml(written, document.name);
        expect(again.text).toBe(document.text);
        expect(again.timexes.map(({ start, end, type, value }) => [start, end, type, value])).toEqual(
          document.timexes.map(({ start, end, type, value }) => [start, end, type, value]),
        );
        const outside = (source: string) => source.replace(/<TEXT>[\s\S]*<\/TEXT>/, '<TEXT/>');
        expect(outside(written)).toBe(outside(document.source));
        // Only markup changed inside TEXT: the characters between tags are byte-identical.
        const inside = (source: string) =>
          (/<TEXT>([\s\S]*)<\/TEXT>/.exec(source)?.[1] ?? '').replace(/<[^>]*>/g, '');
        expect(inside(written)).toBe(inside(document.source));
      }
    },
  );
});
