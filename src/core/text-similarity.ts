const STOPWORDS = new Set(
  'the a an and or but of to in on at by for with from as that this these those is are was were be been has have had it its his her their they them he she we you i not no than then there which who whom what when where will would could should may might can said says say told also more most some any very just about over after before into out up down off so such only other'.split(
    ' ',
  ),
);

/** Folds typographic quotes and dashes to ASCII, so two copies of one sentence compare equal. */
export function foldPunctuation(text: string): string {
  return text
    .replace(/[‘’‛′]/g, "'")
    .replace(/[“”„″]/g, '"')
    .replace(/[‐‑‒–—―]|--/g, '-')
    .replace(/…/g, '...');
}

/**
 * The content words of a text: lower case, without stopwords and short words.
 *
 * @example contentWords("Pompeo's Thursday meeting") // Set { 'pompeo', 'thursday', 'meeting' }
 */
export function contentWords(text: string): Set<string> {
  const words = foldPunctuation(text)
    .toLowerCase()
    .replace(/'s\b/g, '')
    .match(/[\p{L}\p{N}]+/gu);
  return new Set((words ?? []).filter((word) => word.length > 2 && !STOPWORDS.has(word)));
}

/** Jaccard similarity of two word sets, 0 (nothing shared) to 1 (the same). */
export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let shared = 0;
  for (const word of a) if (b.has(word)) shared += 1;
  return shared / (a.size + b.size - shared);
}
