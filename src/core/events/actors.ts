// Capitalised words and the short linking words inside names ("Bank of England", "Kim Jong Un").
// "and" links no name: "the US and North Korea", "Pompeo and Kim" are two actors each (measured on
// the sample articles; names with "and" in them, "Bosnia and Herzegovina", are rarer in news).
const NAME_WORD = "(?:[\\p{Lu}][\\p{L}\\p{M}.-]*(?:['’](?!s\\b)[\\p{L}]+)?|[\\p{Lu}]{2,})";
const NAME_RE = new RegExp(
  `${NAME_WORD}(?:\\s+(?:(?:of|the|de|del|al|bin|von|van|for)\\s+){0,2}${NAME_WORD})*`,
  'gu',
);
// Capitalised words that name no actor: dates, pronouns and the usual sentence openers.
const NOT_ACTOR_RE =
  /^(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Christmas|Easter|Thanksgiving|I|He|She|It|We|They|You|His|Her|Its|Their|Our|The|A|An|This|That|These|Those|But|And|Or|If|In|On|At|As|By|For|From|After|Before|When|While|Since|Until|Earlier|Later|Last|Next|Meanwhile|However|Also|Still|Now|Then|There|Here|Some|Many|Most|One|Two|Mr|Mrs|Ms|Dr|AM|PM|UTC|GMT)$/;
// A cap for sentences that list a crowd; the sample articles' longest list of actors is 11.
const MAX_ACTORS = 12;

/**
 * The people, organisations and places a sentence names: runs of capitalised words, less the
 * date words and openers. A capitalised first word counts only if the article also capitalises it
 * mid-sentence (`names`, its {@link midSentenceNames}), since any sentence opens with a capital.
 *
 * @example actorsOf('On Wednesday, Pompeo met the Bank of England in London.', new Set()) // ['Pompeo', 'Bank of England', 'London']
 */
export function actorsOf(sentence: string, names: ReadonlySet<string>): string[] {
  const actors: string[] = [];
  const firstWord = sentence.search(/\S/);
  for (const match of sentence.matchAll(NAME_RE)) {
    let name = match[0].replace(/['’]s$/, '').replace(/[.'’-]+$/, '');
    const words = name.split(/\s+/);
    // "The State Department", "On Wednesday Trump": drop capitalised function words in front.
    while (words.length > 1 && NOT_ACTOR_RE.test(words[0] ?? '')) words.shift();
    name = words.join(' ');
    if (name.length < 2 || NOT_ACTOR_RE.test(name)) continue;
    // At the start, or just after an opening quote or bracket (white space between): looking back
    // from the name, not re-reading the sentence up to it for every name.
    let back = match.index - 1;
    while (back >= 0 && /\s/.test(sentence.charAt(back))) back -= 1;
    const atSentenceStart = match.index <= firstWord || (back >= 0 && '"“('.includes(sentence.charAt(back)));
    if (atSentenceStart && words.length === 1 && !names.has(name)) continue;
    if (!actors.includes(name)) actors.push(name);
    if (actors.length === MAX_ACTORS) break;
  }
  return actors;
}

// A capitalised word after a lower-case word, a comma or a semicolon and white space. The look
// behind is one character: with the white space inside it ("(?<=[\p{Ll},;]\s+)"), every position
// of a run of white space re-read the run, quadratic in its length.
const MID_SENTENCE_NAME_RE = /(?<=[\p{Ll},;])\s+([\p{Lu}][\p{L}\p{M}'’-]*)/gu;

/**
 * Words capitalised in the middle of a sentence somewhere in the text.
 *
 * @example midSentenceNames('Talks with Pompeo, Kim and the UN.') // Set { 'Pompeo', 'Kim', 'UN' }
 */
export function midSentenceNames(text: string): Set<string> {
  const names = new Set<string>();
  for (const match of text.matchAll(MID_SENTENCE_NAME_RE)) names.add(match[1] as string);
  return names;
}
