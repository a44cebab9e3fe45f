import { readFileSync } from 'node:fs';
import type { Article } from '../../src/core/article.ts';
import { parseArticle } from '../../src/core/article.ts';
import type { ReferenceDate } from '../../src/core/temporal/reference.ts';

/** The sample articles of events/articles/ (copies of the shared CNN samples, see its README). */
export type FixtureName = 'nk-talks-full.txt' | 'nk-talks-short.txt';

/** When and where the sample articles were published (events/articles/manifest.json). */
export const SAMPLE_METADATA = { published: '2018-11-08', timezone: 'America/New_York' } as const;

/** The reference the samples' relative dates resolve against: Thursday 2018-11-08 in New York. */
export const SAMPLE_REFERENCE: ReferenceDate = {
  date: { year: 2018, month: 11, day: 8 },
  timezone: 'America/New_York',
};

/** The bytes of a fixture article, read relative to this file so any working directory works. */
export function readFixtureBytes(name: FixtureName): Uint8Array {
  return readFileSync(new URL(`../../events/articles/${name}`, import.meta.url));
}

export function readFixtureText(name: FixtureName): string {
  return new TextDecoder().decode(readFixtureBytes(name));
}

/** A fixture parsed as the handler would, with its publication date given as object metadata. */
export function parseFixture(name: FixtureName): Article {
  return parseArticle({ key: `articles/${name}`, bytes: readFixtureBytes(name), metadata: SAMPLE_METADATA });
}
