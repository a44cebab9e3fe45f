import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CivilDate } from '../core/temporal/calendar.ts';

/** One corpus document as the bench feeds it to a tagger: plain text plus its creation date. */
export interface BenchDocument {
  /** `<corpus folder>/<file name>`, e.g. `tempeval3-train/timebank/ABC19980108.1830.0711.tml`. */
  readonly name: string;
  readonly source: string;
  readonly text: string;
  readonly dct: CivilDate;
}

/** The TimeML folders the bench reads, relative to the corpora folder. */
export const BENCH_SOURCES = ['tempeval3-train/timebank', 'tempeval3-train/aquaint', 'meantime-en'] as const;

const TEXT_RE = /<TEXT>([\s\S]*?)<\/TEXT>/;
const DCT_VALUE_RE = /<DCT>[\s\S]*?<TIMEX3\b[^>]*?\bvalue="(\d{4})-(\d{2})-(\d{2})/;
const TAG_RE = /<[^>]*>/g;
const ENTITY_RE = /&(amp|lt|gt|quot|apos);/g;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/**
 * The text of a TimeML file's `<TEXT>` element with every tag stripped (entities decoded), and the
 * `value` of the TIMEX3 inside `<DCT>` as reference date; undefined when either is missing.
 * Deliberately tiny and regex-based: the bench only needs text and a date, not the annotations.
 *
 * @example parseTimeml('<DCT><TIMEX3 value="1998-01-08"/></DCT><TEXT>a <X>week</X></TEXT>')
 * // { text: 'a week', dct: { year: 1998, month: 1, day: 8 } }
 */
export function parseTimeml(xml: string): { text: string; dct: CivilDate } | undefined {
  const body = TEXT_RE.exec(xml)?.[1];
  const dct = DCT_VALUE_RE.exec(xml);
  if (body === undefined || !dct) return undefined;
  const text = body.replace(TAG_RE, '').replace(ENTITY_RE, (_, name: string) => ENTITIES[name] ?? '');
  return { text, dct: { year: Number(dct[1]), month: Number(dct[2]), day: Number(dct[3]) } };
}

/**
 * Reads every `.tml` file of the bench sources, sorted by name within each source. Files without
 * `<TEXT>` or DCT are returned in `skipped` rather than dropped silently.
 */
export async function readBenchDocuments(
  corporaDir: string,
): Promise<{ documents: BenchDocument[]; skipped: string[] }> {
  const documents: BenchDocument[] = [];
  const skipped: string[] = [];
  for (const source of BENCH_SOURCES) {
    const dir = join(corporaDir, source);
    const files = (await readdir(dir)).filter((file) => file.endsWith('.tml')).sort();
    for (const file of files) {
      const name = `${source}/${file}`;
      const parsed = parseTimeml(await readFile(join(dir, file), 'utf8'));
      if (parsed) documents.push({ name, source, ...parsed });
      else skipped.push(name);
    }
  }
  return { documents, skipped };
}
