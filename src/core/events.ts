import type { Article } from './article.ts';
import { splitSentences } from './sentences.ts';
import { formatDate } from './temporal/calendar.ts';
import { tagSentences } from './temporal/tag-document.ts';
import { directionAround } from './temporal/tense.ts';
import type { Granularity, Timex, TimexMod } from './temporal/timex.ts';
import { foldPunctuation } from './text-similarity.ts';

/** The date of an event: a TIMEX3 value with the span of days it covers. */
export interface EventDate {
  /** TIMEX3 value: `2018-11-02`, `2018-06`, `2018-W44-WE`, `2019`… */
  readonly value: string;
  /** First day covered, ISO date. */
  readonly start: string;
  /** Last day covered, ISO date. */
  readonly end: string;
  readonly granularity: Granularity;
  readonly mod?: TimexMod;
}

/** What a source says happened to its event. */
export type EventStatus = 'reported' | 'planned' | 'cancelled' | 'postponed';

/** Where an event was read: the sentence and its offsets in the article text, and the date's words. */
export interface EventSource {
  readonly article: string;
  /** The article's reference (publication) day, ISO. */
  readonly published: string;
  readonly text: string;
  readonly start: number;
  readonly end: number;
  /** How near the top of the article the sentence is: 1 for the first, towards 0 for the last. */
  readonly prominence: number;
  readonly date: { readonly text: string; readonly start: number; readonly end: number };
}

/** One dated event read from one sentence of one article. */
export interface DatedEvent {
  readonly date: EventDate;
  /** Who did what, in the sentence's own words, without the date (at most 100 characters). */
  readonly title: string;
  /** People, organisations and places named in the sentence, as written. */
  readonly actors: readonly string[];
  readonly status: EventStatus;
  /** How sure the date is, 0–1: finer and explicitly written dates score higher. */
  readonly confidence: number;
  readonly source: EventSource;
}

const TITLE_MAX_CHARS = 100;
const CLAUSE_BREAK_RE = /\s*(?:[;:,]|\s(?:--|[-–—])\s)\s*/g;
// A clause shorter than this (date words aside) cannot say who did what: it takes in the next.
const TITLE_MIN_CHARS = 40;
// The words that introduce a date ("on Wednesday", "since June", "in early 2019").
const DATE_PREPOSITION_RE =
  /(?:\b(?:on|in|at|by|since|until|from|during|over|through|throughout|around|of|as of|earlier|later)\s+)?$/i;
const LEADING_FILLER_RE =
  /^(?:[,;:\s-]|\b(?:and|but|that|when|as|while|then|also|meanwhile|earlier|later)\b)+/i;

function truncateAtWord(text: string, limit: number): string {
  if (text.length <= limit) return text;
  const cut = text.slice(0, limit - 1);
  const lastSpace = cut.lastIndexOf(' ');
  return `${(lastSpace > limit / 2 ? cut.slice(0, lastSpace) : cut).replace(/[\s,;:-]+$/, '')}…`;
}

const tidy = (text: string): string =>
  foldPunctuation(text)
    .replace(/\s+/g, ' ')
    .replace(/\s+([,.;:!?])/g, '$1')
    .replace(/,(?=\s*[,.])/g, '')
    .trim();

/**
 * A title a reader can scan for the event dated by `timex` in `sentence`: the clause that holds
 * the date (the whole sentence when it is one clause), without the date's own words and their
 * preposition, cut at a word boundary under 100 characters.
 *
 * @example titleOf('KCNA said November 2 that it would not move.', { start: 10, end: 20 }) // 'KCNA said that it would not move'
 */
function titleOf(sentence: string, timex: { readonly start: number; readonly end: number }): string {
  // Commas inside a quotation do not end the clause that quotes it.
  const quotes = [...foldPunctuation(sentence).matchAll(/"[^"]*"/g)].map((m) => [
    m.index,
    m.index + m[0].length,
  ]);
  const breaks = [...sentence.matchAll(CLAUSE_BREAK_RE)]
    .filter((match) => !quotes.some(([from = 0, to = 0]) => match.index > from && match.index < to))
    .map((match) => ({ start: match.index, end: match.index + match[0].length }));
  let clauseStart = 0;
  for (const gap of breaks) if (gap.end <= timex.start) clauseStart = gap.end;
  // Grow the clause back over earlier breaks (where the subject is) until it says enough, then on.
  const preceding = breaks.filter((gap) => gap.end <= clauseStart).reverse();
  const following = breaks.filter((gap) => gap.start >= timex.end);
  let clauseEnd = following[0]?.start ?? sentence.length;
  const short = () => clauseEnd - clauseStart - (timex.end - timex.start) < TITLE_MIN_CHARS;
  for (let i = 0; short() && i < preceding.length; i += 1) clauseStart = preceding[i + 1]?.end ?? 0;
  for (let i = 1; short() && i <= following.length; i += 1)
    clauseEnd = following[i]?.start ?? sentence.length;
  const before = sentence.slice(clauseStart, timex.start);
  const preposition = DATE_PREPOSITION_RE.exec(before)?.[0].length ?? 0;
  const after = sentence.slice(timex.end, clauseEnd).replace(/^['’]s\b/, '');
  const title = tidy(`${before.slice(0, before.length - preposition)} ${after}`)
    .replace(LEADING_FILLER_RE, '')
    .replace(/["\s,;:.]+$/, '');
  // A quotation cut in two leaves a stray quote mark at one end.
  const balanced = (title.match(/"/g)?.length ?? 0) % 2 === 0 ? title : title.replace(/^"\s*|\s*"$/, '');
  const capitalised = balanced.charAt(0).toUpperCase() + balanced.slice(1);
  return truncateAtWord(capitalised || tidy(sentence), TITLE_MAX_CHARS);
}

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
 * mid-sentence (`names`), since any sentence opens with a capital.
 */
function actorsOf(sentence: string, names: ReadonlySet<string>): string[] {
  const actors: string[] = [];
  for (const match of sentence.matchAll(NAME_RE)) {
    let name = match[0].replace(/['’]s$/, '').replace(/[.'’-]+$/, '');
    const words = name.split(/\s+/);
    // "The State Department", "On Wednesday Trump": drop capitalised function words in front.
    while (words.length > 1 && NOT_ACTOR_RE.test(words[0] ?? '')) words.shift();
    name = words.join(' ');
    if (name.length < 2 || NOT_ACTOR_RE.test(name)) continue;
    const atSentenceStart =
      sentence.slice(0, match.index).trim() === '' || /["“(]\s*$/.test(sentence.slice(0, match.index));
    if (atSentenceStart && words.length === 1 && !names.has(name)) continue;
    if (!actors.includes(name)) actors.push(name);
    if (actors.length === MAX_ACTORS) break;
  }
  return actors;
}

/** Words capitalised in the middle of a sentence somewhere in the text. */
function midSentenceNames(text: string): Set<string> {
  const names = new Set<string>();
  for (const match of text.matchAll(/(?<=[\p{Ll},;]\s+)[\p{Lu}][\p{L}\p{M}'’-]*/gu)) names.add(match[0]);
  return names;
}

// Status words, and the participle used as an adjective ("the canceled meeting") that names
// another event than the sentence's own.
const CANCELLED_RE = /\b(?:cancel(?:l?ed|s|l?ing)?|call(?:ed|s)? off|scrap(?:ped|s)?|abandon(?:ed|s)?)\b/gi;
const POSTPONED_RE =
  /\b(?:postpone[sd]?|postponing|delay(?:ed|s)?|put off|push(?:ed|es)? back|reschedul(?:ed|es|ing))\b/gi;
const ADJECTIVE_BEFORE_RE = /\b(?:the|a|an|its|their|his|her|this|that)\s+$/i;
// Between a date and a status word, these open another clause: "said Wednesday that the meeting
// would be rescheduled" reports a statement on Wednesday, not a postponement of it.
const CLAUSE_BOUNDARY_RE = /\b(?:that|said|says|told|announced|added)\b/i;

interface Cue {
  readonly status: 'cancelled' | 'postponed';
  readonly at: number;
}

function statusCues(sentence: string): Cue[] {
  const cues: Cue[] = [];
  for (const [status, re] of [
    ['cancelled', CANCELLED_RE],
    ['postponed', POSTPONED_RE],
  ] as const) {
    for (const match of sentence.matchAll(re)) {
      if (ADJECTIVE_BEFORE_RE.test(sentence.slice(Math.max(0, match.index - 8), match.index))) continue;
      cues.push({ status, at: match.index });
    }
  }
  return cues;
}

/**
 * What the sentence says of the event dated at `[start, end)`: cancelled or postponed when such a
 * word is nearer to this date than to any other date of the sentence ("the announcement on
 * Tuesday that Thursday's meeting was postponed": Thursday's); planned when the date is after
 * publication or the sentence looks ahead to it; reported otherwise.
 */
function statusOf(
  sentence: string,
  dates: ReadonlyArray<{ readonly start: number; readonly end: number }>,
  own: { readonly start: number; readonly end: number },
  isAfterPublication: boolean,
): EventStatus {
  const distance = (cue: Cue, date: { start: number; end: number }) =>
    cue.at >= date.end ? cue.at - date.end : date.start - cue.at;
  for (const cue of statusCues(sentence)) {
    const nearest = dates.reduce(
      (best, date) => (distance(cue, date) < distance(cue, best) ? date : best),
      own,
    );
    const between = cue.at >= own.end ? sentence.slice(own.end, cue.at) : sentence.slice(cue.at, own.start);
    if (nearest === own && !CLAUSE_BOUNDARY_RE.test(between)) return cue.status;
  }
  if (isAfterPublication) return 'planned';
  return directionAround(sentence, own.start, own.end) === 'future' ? 'planned' : 'reported';
}

const GRANULARITY_CONFIDENCE: Record<Granularity, number> = {
  time: 0.9,
  day: 0.9,
  weekend: 0.75,
  week: 0.75,
  month: 0.7,
  quarter: 0.6,
  season: 0.6,
  year: 0.55,
  decade: 0.4,
  century: 0.3,
  vague: 0.2,
};
// A date written out ("November 2", "2019") rather than relative ("Wednesday", "last week").
const EXPLICIT_DATE_RE =
  /\d|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|christmas|easter|thanksgiving/i;

/**
 * How sure the date is: finer granularity is surer; a relative date (resolved by tense) or one
 * implied by an offset ("five months after the summit") or an earlier date ("that day") less so.
 */
function confidenceOf(timex: Timex, date: EventDate, published: string): number {
  let confidence = GRANULARITY_CONFIDENCE[date.granularity];
  if (!EXPLICIT_DATE_RE.test(timex.text)) confidence *= 0.85;
  if (timex.impliedDate || timex.anchor !== published) confidence *= 0.8;
  if (date.mod === 'APPROX' || date.mod === 'BEFORE' || date.mod === 'AFTER') confidence *= 0.85;
  return Math.round(confidence * 100) / 100;
}

/**
 * The calendar date an expression gives an event: a date or time with a span of days, or the
 * implied date of a duration measured from an event ("five months after the summit").
 * Durations, sets and vague references ("recently") give none: they make no timeline entry.
 */
function eventDateOf(timex: Timex): EventDate | undefined {
  if ((timex.type === 'DATE' || timex.type === 'TIME') && timex.range && timex.granularity !== 'vague') {
    return {
      value: timex.value,
      start: timex.range.start,
      end: timex.range.end,
      granularity: timex.granularity,
      ...(timex.mod ? { mod: timex.mod } : {}),
    };
  }
  const implied = timex.impliedDate;
  return (
    implied && {
      value: implied.value,
      start: implied.range.start,
      end: implied.range.end,
      granularity: implied.granularity,
    }
  );
}

/**
 * Reads the dated events of an article: the text is tagged against the article's reference date
 * sentence by sentence, and each calendar date in a sentence (headings and page furniture
 * excluded) makes one event, titled by its own clause ("the announcement on Tuesday that
 * Thursday's meeting was postponed" holds two). Events dated only by a duration, a set or a
 * vague reference ("recently") are left out.
 *
 * @example extractEvents(article)[0] // { date: { value: '2018-11-07', … }, title: 'President Donald Trump sought to convey that…', status: 'reported', … }
 */
export function extractEvents(article: Article): DatedEvent[] {
  const sentences = splitSentences(article.text);
  const timexes = tagSentences(sentences, article.reference);
  const published = formatDate(article.reference.date);
  const names = midSentenceNames(article.text);
  const length = Math.max(1, article.text.length);
  const events: DatedEvent[] = [];
  let next = 0;
  for (const sentence of sentences) {
    // One sentence naming one date twice ("sometime next year, sometime early next year") reports
    // one event: keep the most specific mention (a modifier, then the longer words).
    const byValue = new Map<string, { timex: Timex; date: EventDate }>();
    for (; next < timexes.length && (timexes[next]?.start ?? 0) < sentence.end; next += 1) {
      const timex = timexes[next] as Timex;
      const date = sentence.isHeading ? undefined : eventDateOf(timex);
      if (!date) continue;
      const seen = byValue.get(date.value);
      if (
        !seen ||
        (date.mod && !seen.date.mod) ||
        (!seen.date.mod && timex.text.length > seen.timex.text.length)
      ) {
        byValue.set(date.value, { timex, date });
      }
    }
    if (byValue.size === 0) continue;
    const dated = [...byValue.values()].sort((a, b) => a.timex.start - b.timex.start);
    const spans = dated.map(({ timex }) => ({
      start: timex.start - sentence.start,
      end: timex.end - sentence.start,
    }));
    const actors = actorsOf(sentence.text, names);
    const prominence = Math.round((1 - sentence.start / length) * 1000) / 1000;
    dated.forEach(({ timex, date }, index) => {
      const span = spans[index] as { start: number; end: number };
      events.push({
        date,
        title: titleOf(sentence.text, span),
        actors,
        status: statusOf(sentence.text, spans, span, date.start > published),
        confidence: confidenceOf(timex, date, published),
        source: {
          article: article.key,
          published,
          text: sentence.text,
          start: sentence.start,
          end: sentence.end,
          prominence,
          date: { text: timex.text, start: timex.start, end: timex.end },
        },
      });
    });
  }
  return events;
}
