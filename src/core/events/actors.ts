import { HOLIDAY_NAME_SOURCE, isCalendarName } from '../temporal/lexicon.ts';

// Capitalised words and the short linking words inside names ("Bank of England", "Kim Jong Un").
// "and" links no name: "the US and North Korea", "Pompeo and Kim" are two actors each (measured on
// the sample articles; names with "and" in them, "Bosnia and Herzegovina", are rarer in news).
const NAME_WORD = "(?:[\\p{Lu}][\\p{L}\\p{M}.-]*(?:['’](?!s\\b)[\\p{L}]+)?|[\\p{Lu}]{2,})";
const NAME_RE = new RegExp(
  `${NAME_WORD}(?:\\s+(?:(?:of|the|de|del|al|bin|von|van|for)\\s+){0,2}${NAME_WORD})*`,
  'gu',
);
// Capitalised words that name no actor besides the calendar's: pronouns, articles and the usual
// sentence openers.
const NOT_ACTOR_RE =
  /^(?:I|He|She|It|We|They|You|His|Her|Its|Their|Our|The|A|An|This|That|These|Those|But|And|Or|If|In|On|At|As|By|For|From|After|Before|When|While|Since|Until|Earlier|Later|Last|Next|Meanwhile|However|Also|Still|Now|Then|There|Here|Some|Many|Most|One|Two|Mr|Mrs|Ms|Dr|AM|PM|UTC|GMT)$/;
// A holiday's whole name, which, unlike a month or a weekday, can begin another name.
const HOLIDAY_RE = new RegExp(`^(?:${HOLIDAY_NAME_SOURCE})$`, 'i');
// The rest of a holiday named after someone, after the name itself: "New Year" + "'s Day",
// "Veterans" + "' Day" (a name word stops before a possessive).
const POSSESSIVE_TAIL_RE = /['’]s?\s+[\p{Lu}][\p{L}]*/uy;
// A cap for sentences that list a crowd; the sample articles' longest list of actors is 11.
const MAX_ACTORS = 12;

/**
 * Whether a name is one of the calendar's as running text writes it. The lexicon ignores case,
 * and on Timeline17's 137,000 sentences two of its words were mostly names: "DEC" in capitals is
 * the Disasters Emergency Committee, and "Sun" is The Sun, Sun Tzu or Sun Junwei, never a weekday
 * outside a page's date stamp ("Sun May 16"). Both stay actors, as before the lexicon.
 */
function isDateName(name: string): boolean {
  return name !== name.toUpperCase() && name !== 'Sun' && isCalendarName(name);
}

/**
 * Whether the first word of a name is no part of it: "The State Department", "said Thursday Kim
 * Yong Chol". A holiday in front is part of the name: "Christmas Island", "Easter Island".
 */
const isLeadingFiller = (word: string): boolean =>
  NOT_ACTOR_RE.test(word) || (isDateName(word) && !HOLIDAY_RE.test(word));

/**
 * The people, organisations and places a sentence names: runs of capitalised words, less the
 * calendar's names ("Thursday", "Sept.", "Labor Day", "New Year's Day", by the lexicon's
 * `isCalendarName`) and the openers. A capitalised first word counts only if the article also
 * capitalises it mid-sentence (`names`, its {@link midSentenceNames}), since any sentence opens
 * with a capital.
 *
 * @example actorsOf('On Labor Day, Pompeo met the Labor Party in London.', new Set()) // ['Pompeo', 'Labor Party', 'London']
 */
export function actorsOf(sentence: string, names: ReadonlySet<string>): string[] {
  const actors: string[] = [];
  const firstWord = sentence.search(/\S/);
  // Where the possessive tail of the last holiday found ends: its last word is no name either.
  let holidayEnd = 0;
  for (const match of sentence.matchAll(NAME_RE)) {
    if (match.index < holidayEnd) continue;
    let name = match[0].replace(/['’]s$/, '').replace(/[.'’-]+$/, '');
    const words = name.split(/\s+/);
    while (words.length > 1 && isLeadingFiller(words[0] ?? '')) words.shift();
    name = words.join(' ');
    POSSESSIVE_TAIL_RE.lastIndex = match.index + match[0].length;
    const tail = POSSESSIVE_TAIL_RE.exec(sentence);
    if (tail && isDateName(`${name}${tail[0]}`)) {
      holidayEnd = tail.index + tail[0].length;
      continue;
    }
    if (name.length < 2 || NOT_ACTOR_RE.test(name) || isDateName(name)) continue;
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
