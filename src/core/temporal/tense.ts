/** Which way an underspecified date ("Thursday", "in March", "the weekend") points. */
export type Direction = 'past' | 'future';

// Future markers: modal and going-to futures, scheduling verbs, reported future ("would").
const FUTURE_RE =
  /\b(?:will|won't|wo n't|shall|'ll|going to|gonna|is to|are to|plans? to|planned|planning|scheduled|expected to|set to|due to|would|upcoming|the coming|next)\b/gi;
// Past markers: common irregular past forms, perfect/passive auxiliaries and regular -ed verbs.
const PAST_RE =
  /\b(?:was|were|had|did|said|told|met|held|took|made|gave|went|came|saw|began|sought|thought|found|left|led|won|lost|spoke|wrote|rose|fell|\w{3,}ed|last|ago|earlier|previous|former)\b/gi;

/**
 * The tense of the words nearest to the expression at `[start, end)` in `sentence`: the closest
 * future or past marker wins; news defaults to the past (HeidelTime's news strategy).
 *
 * @example directionAround('Officials will meet on Thursday.', 23, 31) // 'future'
 */
export function directionAround(sentence: string, start: number, end: number): Direction {
  const nearest = (re: RegExp): number => {
    let best = Number.POSITIVE_INFINITY;
    for (const match of sentence.matchAll(re)) {
      const matchStart = match.index;
      const matchEnd = matchStart + match[0].length;
      // Markers inside the expression itself ("next Thursday") are handled by its parser.
      if (matchStart >= start && matchEnd <= end) continue;
      const distance = matchEnd <= start ? start - matchEnd : matchStart - end;
      if (distance >= 0 && distance < best) best = distance;
    }
    return best;
  };
  const future = nearest(FUTURE_RE);
  // On a tie ("was scheduled") the specific future marker beats the generic -ed form.
  return future < Number.POSITIVE_INFINITY && future <= nearest(PAST_RE) ? 'future' : 'past';
}
