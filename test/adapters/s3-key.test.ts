import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeS3EventKey, encodeS3EventKey } from '../../src/adapters/s3-key.ts';
import { collectionProblem } from '../../src/core/route-key.ts';

describe('decodeS3EventKey', () => {
  it.each([
    { encoded: 'articles/nk+talks+%E2%80%93+full.txt', key: 'articles/nk talks – full.txt' },
    { encoded: 'articles/C%2B%2B.txt', key: 'articles/C++.txt' },
    { encoded: 'articles/a%2Bb+c.txt', key: 'articles/a+b c.txt' },
    { encoded: 'articles/%E5%8C%97%E6%9C%9D%E9%AE%AE.txt', key: 'articles/北朝鮮.txt' },
    { encoded: 'articles/plain.txt', key: 'articles/plain.txt' },
    { encoded: 'articles/100%25.txt', key: 'articles/100%.txt' },
  ])('decodes $encoded', ({ encoded, key }) => {
    expect(decodeS3EventKey(encoded)).toBe(key);
  });

  it('throws on a malformed escape rather than guessing', () => {
    expect(() => decodeS3EventKey('articles/%E2%80.txt')).toThrow(URIError);
  });
});

describe('encodeS3EventKey', () => {
  it('encodes as S3 does in notifications: space as +, + as %2B, non-ASCII as UTF-8 escapes', () => {
    expect(encodeS3EventKey('articles/nk talks – full (1)+.txt')).toBe(
      'articles/nk+talks+%E2%80%93+full+%281%29%2B.txt',
    );
  });

  it('round-trips any key through decodeS3EventKey', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (key) => {
        expect(decodeS3EventKey(encodeS3EventKey(key))).toBe(key);
      }),
    );
  });
});

describe('collectionProblem', () => {
  it.each([
    { collection: '', problem: /empty/ },
    { collection: '.', problem: /not a name/ },
    { collection: '..', problem: /not a name/ },
    { collection: 'tab\there', problem: /control/ },
    { collection: 'a/b', problem: /contains "\/"/ },
    { collection: 'x'.repeat(1010), problem: /over 1024 bytes/ },
  ])('refuses $collection', ({ collection, problem }) => {
    expect(collectionProblem(collection)).toMatch(problem);
  });

  it.each(['north-korea', 'default', 'dépêches 2018', '...', '.hidden'])('accepts %s', (collection) => {
    expect(collectionProblem(collection)).toBeUndefined();
  });
});
