import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Timeline17 (Tran et al. 2013) as news-tls reads it: topic-source folders holding
 * `InputDocs/<publication date>/<id>.htm.txt` (one tokenised sentence per line) and journalists'
 * timelines `timelines/<name>.txt`.
 */
export interface T17Article {
  /** `<source folder>/<publication date>/<file>`. */
  readonly key: string;
  readonly published: string;
  /** Detokenised text, one sentence per line. */
  readonly text: string;
}

export interface T17Timeline {
  /** The file name without `.txt`. */
  readonly name: string;
  /** Gold dates, ISO, sorted and unique. */
  readonly dates: readonly string[];
}

export interface T17Source {
  /** The folder name, e.g. `bpoil_bbc`. */
  readonly name: string;
  readonly topic: string;
  readonly articles: readonly T17Article[];
  readonly timelines: readonly T17Timeline[];
}

const ISO_DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Undoes the Penn Treebank tokenisation of the corpus ("BP 's", "-LRB-", "`` top kill ''"), so
 * that the tagger reads the text as it was published.
 *
 * @example detokenize("BP 's `` top kill '' -LRB- mud -RRB- , he said .") // 'BP\'s "top kill" (mud), he said.'
 */
export function detokenize(line: string): string {
  return line
    .replace(/-LRB-/g, '(')
    .replace(/-RRB-/g, ')')
    .replace(/-LSB-/g, '[')
    .replace(/-RSB-/g, ']')
    .replace(/-LCB-/g, '{')
    .replace(/-RCB-/g, '}')
    .replace(/``\s*/g, '"')
    .replace(/\s*''/g, '"')
    .replace(/\s+(n't|'s|'re|'ve|'ll|'d|'m)\b/gi, '$1')
    .replace(/\s+([.,;:!?%)\]}])/g, '$1')
    .replace(/([([{$])\s+/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The dates of a gold timeline file: each entry is a date line, its sentences and a dashed line.
 *
 * @example parseGoldTimeline('2010-04-20\nThe rig explodes .\n-----\n') // ['2010-04-20']
 */
export function parseGoldTimeline(text: string): string[] {
  const dates = new Set<string>();
  for (const line of text.split(/\r?\n/)) {
    const trimmed = line.trim();
    if (ISO_DATE_RE.test(trimmed)) dates.add(trimmed);
  }
  return [...dates].sort();
}

/** The topic of a source folder: its name before the source (`bpoil_bbc` → `bpoil`). */
export function topicOf(folder: string): string {
  const underscore = folder.indexOf('_');
  return underscore > 0 ? folder.slice(0, underscore) : folder;
}

async function readSource(dir: string, name: string): Promise<T17Source> {
  const articles: T17Article[] = [];
  const docsDir = join(dir, name, 'InputDocs');
  for (const published of (await readdir(docsDir)).filter((d) => ISO_DATE_RE.test(d)).sort()) {
    for (const file of (await readdir(join(docsDir, published))).sort()) {
      const raw = await readFile(join(docsDir, published, file), 'utf8');
      const text = raw
        .split(/\r?\n/)
        .map(detokenize)
        .filter((line) => line.length > 0)
        .join('\n');
      articles.push({ key: `${name}/${published}/${file}`, published, text });
    }
  }
  const timelinesDir = join(dir, name, 'timelines');
  const timelines: T17Timeline[] = [];
  for (const file of (await readdir(timelinesDir)).filter((f) => f.endsWith('.txt')).sort()) {
    timelines.push({
      name: file.slice(0, -'.txt'.length),
      dates: parseGoldTimeline(await readFile(join(timelinesDir, file), 'utf8')),
    });
  }
  return { name, topic: topicOf(name), articles, timelines };
}

/** Every topic-source folder of a Timeline17 directory (those with `InputDocs/` and `timelines/`). */
export async function readTimeline17(dir: string): Promise<T17Source[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const sources: T17Source[] = [];
  for (const entry of entries.filter((e) => e.isDirectory()).sort((a, b) => a.name.localeCompare(b.name))) {
    const children = await readdir(join(dir, entry.name));
    if (children.includes('InputDocs') && children.includes('timelines'))
      sources.push(await readSource(dir, entry.name));
  }
  return sources;
}

/** Precision, recall and F1 of a ranked date list against a gold timeline's dates. */
export interface DateScores {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
}

const f1Of = (precision: number, recall: number): number =>
  precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);

/** @example scoreDates(['2010-04-20', '2010-04-21'], ['2010-04-20']) // { precision: 0.5, recall: 1, f1: 0.667 } */
export function scoreDates(predicted: readonly string[], gold: readonly string[]): DateScores {
  const goldSet = new Set(gold);
  const hits = new Set(predicted.filter((date) => goldSet.has(date))).size;
  const precision = predicted.length === 0 ? 0 : hits / predicted.length;
  const recall = gold.length === 0 ? 0 : hits / gold.length;
  return { precision, recall, f1: f1Of(precision, recall) };
}

/** news-tls's Date-F1: the F1 of the mean precision and the mean recall over timelines. */
export function dateF1(scores: readonly DateScores[]): DateScores {
  const mean = (pick: (s: DateScores) => number) =>
    scores.length === 0 ? 0 : scores.reduce((sum, s) => sum + pick(s), 0) / scores.length;
  const precision = mean((s) => s.precision);
  const recall = mean((s) => s.recall);
  return { precision, recall, f1: f1Of(precision, recall) };
}
