import type { Article } from './article.ts';
import { splitSentences } from './sentences.ts';
import { tagSentences } from './temporal/tag-document.ts';
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

/** Where an event was read: the sentence and its offsets in the article text, and the date's words. */
export interface EventSource {
  readonly article: string;
  readonly text: string;
  readonly start: number;
  readonly end: number;
  readonly date: { readonly text: string; readonly start: number; readonly end: number };
}

/** One dated event read from one sentence of one article. */
export interface DatedEvent {
  readonly date: EventDate;
  readonly title: string;
  readonly source: EventSource;
}

const TITLE_MAX_CHARS = 100;
const CLAUSE_BREAK_RE =
  /\s*(?:[;:]|\s(?:--|[-–—])\s|,\s(?=(?:when|as|while|that|which|but|and|because|if)\b))\s*/g;

function truncateAtWord(text: string, limit: number): string {
  if (text.length <= limit) return text;
  const cut = text.slice(0, limit - 1);
  const lastSpace = cut.lastIndexOf(' ');
  return `${(lastSpace > limit / 2 ? cut.slice(0, lastSpace) : cut).replace(/[\s,;:-]+$/, '')}…`;
}

/**
 * A short title for the event dated by `timex` in `sentence`: the sentence itself when short,
 * otherwise the clause that holds the date, cut at a word boundary.
 */
function titleOf(sentence: string, timex: Timex): string {
  const folded = foldPunctuation(sentence).replace(/\s+/g, ' ').trim();
  const unquoted = folded.replace(/^"([^"]*)"?$/, '$1');
  if (unquoted.length <= TITLE_MAX_CHARS) return unquoted;
  let clauseStart = 0;
  let clauseEnd = sentence.length;
  for (const match of sentence.matchAll(CLAUSE_BREAK_RE)) {
    const breakStart = match.index;
    const breakEnd = breakStart + match[0].length;
    if (breakEnd <= timex.start) clauseStart = breakEnd;
    else if (breakStart >= timex.end) {
      clauseEnd = breakStart;
      break;
    }
  }
  const clause = foldPunctuation(sentence.slice(clauseStart, clauseEnd)).replace(/\s+/g, ' ').trim();
  const title = clause.length >= 25 ? clause : unquoted;
  return truncateAtWord(title.replace(/^(?:and|but|that|when|as|while)\s+/i, ''), TITLE_MAX_CHARS);
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
 * excluded) makes one event.
 *
 * @example extractEvents(article)[0] // { date: { value: '2018-11-07', … }, title: 'President Donald Trump sought to convey Wednesday', source: { … } }
 */
export function extractEvents(article: Article): DatedEvent[] {
  const sentences = splitSentences(article.text);
  const timexes = tagSentences(sentences, article.reference);
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
    for (const { timex, date } of [...byValue.values()].sort((a, b) => a.timex.start - b.timex.start)) {
      const inSentence = { ...timex, start: timex.start - sentence.start, end: timex.end - sentence.start };
      events.push({
        date,
        title: titleOf(sentence.text, inSentence),
        source: {
          article: article.key,
          text: sentence.text,
          start: sentence.start,
          end: sentence.end,
          date: { text: timex.text, start: timex.start, end: timex.end },
        },
      });
    }
  }
  return events;
}
