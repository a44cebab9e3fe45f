import { type Sentence, splitSentences } from '../sentences.ts';
import { anchorToPreviousDates } from './anchor-to-previous.ts';
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
  for (const sentence of sentences) {
    for (const timex of tagTimexes(sentence.text, reference)) {
      timexes.push({ ...timex, start: sentence.start + timex.start, end: sentence.start + timex.end });
    }
  }
  return anchorToPreviousDates(timexes);
}
