import type { Article } from './article.ts';
import { nearestDistances, type Span } from './nearest-distances.ts';
import { type Sentence, splitSentences } from './sentences.ts';
import { formatDate } from './temporal/calendar.ts';
import { tagEachSentence } from './temporal/tag-document.ts';
import { directionAround } from './temporal/tense.ts';
import type { Granularity, Timex, TimexMod } from './temporal/timex.ts';
import { foldPunctuation } from './text-similarity.ts';
import { wholeWordFinder } from './whole-word-finder.ts';

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

/** A clause break of a sentence: the punctuation and the white space around it. */
interface Gap {
  readonly start: number;
  readonly end: number;
}

/**
 * The clause breaks of a sentence (commas, semicolons, colons, dashes), less those inside a
 * quotation: commas inside a quotation do not end the clause that quotes it. Found once per
 * sentence, for all its dates; quotations and breaks are both in order, so one pass pairs them.
 */
function clauseBreaksOf(sentence: string): Gap[] {
  const quotes = [...foldPunctuation(sentence).matchAll(/"[^"]*"/g)].map((m) => ({
    from: m.index,
    to: m.index + m[0].length,
  }));
  const breaks: Gap[] = [];
  let quote = 0;
  for (const match of sentence.matchAll(CLAUSE_BREAK_RE)) {
    // The only quotation that can hold the break is the last one opening before it.
    while ((quotes[quote + 1]?.from ?? Number.POSITIVE_INFINITY) < match.index) quote += 1;
    const open = quotes[quote];
    if (open && match.index > open.from && match.index < open.to) continue;
    breaks.push({ start: match.index, end: match.index + match[0].length });
  }
  return breaks;
}

/**
 * A title a reader can scan for the event dated by `timex` in `sentence`: the clause that holds
 * the date (the whole sentence when it is one clause), without the date's own words and their
 * preposition, cut at a word boundary under 100 characters. `breaks` are the sentence's
 * {@link clauseBreaksOf}.
 *
 * @example titleOf('KCNA said November 2 that it would not move.', [], { start: 10, end: 20 }) // 'KCNA said that it would not move'
 */
function titleOf(
  sentence: string,
  breaks: readonly Gap[],
  timex: { readonly start: number; readonly end: number },
): string {
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

// Status words, and the participle used as an adjective ("the canceled meeting") that names
// another event than the sentence's own.
const CANCELLED_RE = /\b(?:cancel(?:l?ed|s|l?ing)?|call(?:ed|s)? off|scrap(?:ped|s)?|abandon(?:ed|s)?)\b/gi;
const POSTPONED_RE =
  /\b(?:postpone[sd]?|postponing|delay(?:ed|s)?|put off|push(?:ed|es)? back|reschedul(?:ed|es|ing))\b/gi;
const ADJECTIVE_BEFORE_RE = /\b(?:the|a|an|its|their|his|her|this|that)\s+$/i;
// Between a date and a status word, these open another clause: "said Wednesday that the meeting
// would be rescheduled" reports a statement on Wednesday, not a postponement of it.
const CLAUSE_BOUNDARY_WORDS = ['that', 'said', 'says', 'told', 'announced', 'added'];

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

/** What a sentence holds for the status of each of its dates, read once for all of them. */
interface StatusContext {
  readonly sentence: string;
  readonly cues: readonly Cue[];
  /** For each cue, its distance to the nearest date of the sentence. */
  readonly nearest: readonly number[];
  readonly hasClauseBoundary: (from: number, to: number) => boolean;
}

function statusContextOf(sentence: string, dates: readonly Span[]): StatusContext {
  const cues = statusCues(sentence);
  return {
    sentence,
    cues,
    nearest: nearestDistances(
      cues.map((cue) => cue.at),
      dates,
    ),
    hasClauseBoundary: wholeWordFinder(sentence, CLAUSE_BOUNDARY_WORDS),
  };
}

/**
 * What the sentence says of the event dated at `[start, end)`: cancelled or postponed when such a
 * word is nearer to this date than to any other date of the sentence ("the announcement on
 * Tuesday that Thursday's meeting was postponed": Thursday's) and no clause opens between them;
 * planned when the date is after publication or the sentence looks ahead to it; reported otherwise.
 */
function statusOf(context: StatusContext, own: Span, isAfterPublication: boolean): EventStatus {
  for (const [index, cue] of context.cues.entries()) {
    const distance = cue.at >= own.end ? cue.at - own.end : own.start - cue.at;
    // On a tie the date itself counts as the nearest.
    if (distance > (context.nearest[index] as number)) continue;
    const between = cue.at >= own.end ? [own.end, cue.at] : [cue.at, own.start];
    if (!context.hasClauseBoundary(between[0] as number, between[1] as number)) return cue.status;
  }
  if (isAfterPublication) return 'planned';
  return directionAround(context.sentence, own.start, own.end) === 'future' ? 'planned' : 'reported';
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
 * The most events one article gives: the first ones in the text, the most prominent (news puts
 * what matters first). The merge compares the reports of one partition (a day) pairwise, and a
 * 5 MB article with a date every ten words would give 60,000. Measured with the merge of the
 * version before partitions (one day is one partition, so the worst case is the same) into an
 * empty timeline on this project's machine: 1000 reports of one day in 4000-character sentences
 * (the worst case: all comparable, long word sets) merge in 2.7 s, 2000 in 9.5 s, 4000 in 35 s;
 * news-length sentences take 0.4 s for 1000. The largest article of Timeline17's 3081 has 1045
 * (a BBC genealogy forum page), the 99.9th percentile 294: a real news story stays far below.
 */
export const MAX_EVENTS_PER_ARTICLE = 1000;

/** The events of an article, and how many it had past {@link MAX_EVENTS_PER_ARTICLE}. */
export interface ArticleEvents {
  readonly events: DatedEvent[];
  /** Dated events left out at the limit: 0 for any news story; worth a warning in the log. */
  readonly dropped: number;
}

/**
 * Reads the dated events of an article: the text is tagged against the article's reference date
 * sentence by sentence, and each calendar date in a sentence (headings and page furniture
 * excluded) makes one event, titled by its own clause ("the announcement on Tuesday that
 * Thursday's meeting was postponed" holds two). Events dated only by a duration, a set or a
 * vague reference ("recently") are left out. At most {@link MAX_EVENTS_PER_ARTICLE}, the first in
 * the text; {@link extractArticleEvents} also says how many more there were.
 *
 * @example extractEvents(article)[0] // { date: { value: '2018-11-07', … }, title: 'President Donald Trump sought to convey that…', status: 'reported', … }
 */
export function extractEvents(article: Article): DatedEvent[] {
  return extractArticleEvents(article).events;
}

/**
 * {@link extractEvents} with the count of events dropped at the limit, for the caller to log.
 *
 * @example
 * const { events, dropped } = extractArticleEvents(article);
 * if (dropped > 0) logger.warn('article has more dated events than the limit', { kept: events.length, dropped });
 */
export function extractArticleEvents(article: Article): ArticleEvents {
  const sentences = splitSentences(article.text);
  // Sentence by sentence: the expressions of a sentence are dropped once its events are read, so
  // memory holds the events kept, not every date of the article.
  return eventsOfEachSentence(article, sentences, tagEachSentence(sentences, article.reference));
}

/**
 * {@link extractArticleEvents} on an article already split and tagged (`timexes` in document
 * order, as {@link tagSentences} gives them), for callers that time or reuse those stages.
 *
 * @example eventsOfSentences(article, sentences, tagSentences(sentences, article.reference)).events
 */
export function eventsOfSentences(
  article: Article,
  sentences: readonly Sentence[],
  timexes: readonly Timex[],
): ArticleEvents {
  function* bySentence(): Generator<Timex[], void, undefined> {
    let next = 0;
    for (const sentence of sentences) {
      const own: Timex[] = [];
      for (; next < timexes.length && (timexes[next]?.start ?? 0) < sentence.end; next += 1)
        own.push(timexes[next] as Timex);
      yield own;
    }
  }
  return eventsOfEachSentence(article, sentences, bySentence());
}

/** The events of each sentence, given the expressions of each sentence in turn. */
function eventsOfEachSentence(
  article: Article,
  sentences: readonly Sentence[],
  timexesOfEach: Iterator<Timex[], void, undefined>,
): ArticleEvents {
  const published = formatDate(article.reference.date);
  const names = midSentenceNames(article.text);
  const length = Math.max(1, article.text.length);
  const events: DatedEvent[] = [];
  let dropped = 0;
  for (const sentence of sentences) {
    const timexes = timexesOfEach.next().value ?? [];
    // One sentence naming one date twice ("sometime next year, sometime early next year") reports
    // one event: keep the most specific mention (a modifier, then the longer words).
    const byValue = new Map<string, { timex: Timex; date: EventDate }>();
    for (const timex of timexes) {
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
    // Past the limit only count: titles, actors and statuses are the costly part.
    const room = MAX_EVENTS_PER_ARTICLE - events.length;
    if (byValue.size > room) dropped += byValue.size - room;
    if (room <= 0) continue;
    const dated = [...byValue.values()].sort((a, b) => a.timex.start - b.timex.start);
    const spans = dated.map(({ timex }) => ({
      start: timex.start - sentence.start,
      end: timex.end - sentence.start,
    }));
    const actors = actorsOf(sentence.text, names);
    const breaks = clauseBreaksOf(sentence.text);
    // The statuses of the dates the limit leaves out still weigh on those it keeps.
    const status = statusContextOf(sentence.text, spans);
    const prominence = Math.round((1 - sentence.start / length) * 1000) / 1000;
    for (const [index, { timex, date }] of dated.slice(0, room).entries()) {
      const span = spans[index] as Span;
      events.push({
        date,
        title: titleOf(sentence.text, breaks, span),
        actors,
        status: statusOf(status, span, date.start > published),
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
    }
  }
  return { events, dropped };
}
