import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CivilDate } from '../core/temporal/calendar.ts';
import { parseTimeml, referenceDateOf, TimemlFormatError } from '../eval/timeml.ts';

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

/**
 * Reads every `.tml` file of the bench sources (with the evaluation's TimeML reader), sorted by
 * name within each source. Files it cannot read are returned in `skipped`, not dropped silently.
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
      try {
        const document = parseTimeml(await readFile(join(dir, file), 'utf8'), name);
        documents.push({ name, source, text: document.text, dct: referenceDateOf(document, name).date });
      } catch (error) {
        if (!(error instanceof TimemlFormatError)) throw error;
        skipped.push(name);
      }
    }
  }
  return { documents, skipped };
}
