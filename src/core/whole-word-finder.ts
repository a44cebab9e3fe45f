const isWordCode = (code: number): boolean =>
  (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;

/**
 * A test of whether one of `words` (ASCII letters) stands as a whole word in `text.slice(from,
 * to)`, answering exactly as `/\b(?:word|…)\b/i.test(text.slice(from, to))` does, ends of the
 * slice counting as word boundaries. The whole words of the text are found once; each question
 * then costs a bisection and a look at both ends, where testing the regex on each slice re-read
 * the text between every status word and every date of a long sentence.
 *
 * @example wholeWordFinder('he said that', ['that'])(0, 12) // true
 */
export function wholeWordFinder(
  text: string,
  words: readonly string[],
): (from: number, to: number) => boolean {
  const lower = words.map((word) => word.toLowerCase());
  const pattern = new RegExp(`\\b(?:${lower.join('|')})\\b`, 'gi');
  // With a boundary on both sides in the whole text: disjoint, in order.
  const whole = [...text.matchAll(pattern)].map((match) => ({
    start: match.index,
    end: match.index + match[0].length,
  }));
  // ASCII case folding only, as a regex with the i flag and without u does.
  const wordAt = (word: string, at: number): boolean => {
    if (at < 0 || at + word.length > text.length) return false;
    for (let i = 0; i < word.length; i += 1) {
      let code = text.charCodeAt(at + i);
      if (code >= 65 && code <= 90) code |= 0x20;
      if (code !== word.charCodeAt(i)) return false;
    }
    return true;
  };
  return (from, to) => {
    if (to <= from) return false;
    let low = 0;
    let high = whole.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((whole[mid] as { start: number }).start < from) low = mid + 1;
      else high = mid;
    }
    if (low < whole.length && (whole[low] as { end: number }).end <= to) return true;
    // A word at either end of the slice has a boundary there even when the text goes on.
    for (const word of lower) {
      const after = from + word.length;
      if (after <= to && wordAt(word, from) && (after === to || !isWordCode(text.charCodeAt(after))))
        return true;
      const at = to - word.length;
      if (at >= from && wordAt(word, at) && (at === from || !isWordCode(text.charCodeAt(at - 1))))
        return true;
    }
    return false;
  };
}
