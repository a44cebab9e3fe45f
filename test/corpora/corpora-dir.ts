import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseTimeml, type TimemlDocument } from '../../src/eval/timeml.ts';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The corpora directory: $SHARED_DIR/corpora, SHARED_DIR defaulting to the repo's ../shared. */
export const CORPORA_DIR = join(resolve(REPO_ROOT, process.env.SHARED_DIR ?? '../shared'), 'corpora');

if (!existsSync(CORPORA_DIR))
  throw new Error(`no corpora at ${CORPORA_DIR}: set SHARED_DIR to the directory that holds corpora/`);

/** Every .tml of a corpus directory, sorted by name, parsed. */
export function readCorpus(relativeDir: string): (TimemlDocument & { name: string; source: string })[] {
  const dir = join(CORPORA_DIR, relativeDir);
  return readdirSync(dir)
    .filter((name) => name.endsWith('.tml'))
    .sort()
    .map((name) => {
      const source = readFileSync(join(dir, name), 'utf8');
      return { name, source, ...parseTimeml(source, name) };
    });
}
