import { type Sentence, splitSentences } from '../sentences.ts';
import { createAnchorer } from './anchor-to-previous.ts';
import type { ReferenceDate } from './reference.ts';
import { tagTimexes } from './tag-timexes.ts';
import type { Timex } from './timex.ts';

/**
 * Tags a whole document sentence by sentence (the tense around each expression is read within
 * its sentence), with offsets into the document; then resolves what leans on an earlier date.
 *
 * @example tagDocument('Talks stalled. KCNA said November 2.', reference).map((t) => t.value) // ['2018-11-02']
 */
export function tagDocument(text: string, reference: ReferenceDate): Timex[] {
  return tagSentences(splitSentences(text), reference);
}

/** {@link tagDocument} on sentences already split, for callers that need them too. */
export function tagSentences(sentences: readonly Sentence[], reference: ReferenceDate): Timex[] {
  const timexes: Timex[] = [];
  for (const tagged of tagEachSentence(sentences, reference)) timexes.push(...tagged);
  return timexes;
}

/**
 * {@link tagSentences} one sentence at a time: the expressions of each sentence in turn, each
 * resolved against the dates before it. A caller that keeps only a few of them (the events of a
 * 5 MB article with a date every few words) never holds them all.
 *
 * @example for (const timexes of tagEachSentence(sentences, reference)) …
 */
export function* tagEachSentence(
  sentences: readonly Sentence[],
  reference: ReferenceDate,
): Generator<Timex[], void, undefined> {
  const anchor = createAnchorer();
  for (const sentence of sentences) {
    const anchored: Timex[] = [];
    for (const timex of tagTimexes(sentence.text, reference)) {
      const resolved = anchor({
        ...timex,
        start: sentence.start + timex.start,
        end: sentence.start + timex.end,
      });
      if (resolved) anchored.push(resolved);
    }
    yield anchored;
  }
}
