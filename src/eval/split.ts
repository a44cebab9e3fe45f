import { createHash } from 'node:crypto';

/** The two halves every corpus is split into: work is chosen on `dev`, checked on `test`. */
export type Half = 'dev' | 'test';

/**
 * The half a document belongs to, by a fixed hash of its name (the file name, without folders):
 * the same on every machine and for every version of the tagger, independent of the order files
 * are read in, so no change can move a document to the half that suits it.
 *
 * @example halfOf('ABC19980108.1830.0711.tml') // 'dev' or 'test', always the same
 */
export function halfOf(name: string): Half {
  const base = name.slice(name.lastIndexOf('/') + 1);
  return ((createHash('sha256').update(`news-timeline split\n${base}`).digest()[0] as number) & 1) === 0
    ? 'dev'
    : 'test';
}
