import type { EventStatus } from '../events.ts';
import { nearestDistances, type Span } from '../nearest-distances.ts';
import { directionAround } from '../temporal/tense.ts';
import { wholeWordFinder } from '../whole-word-finder.ts';

// Status words, and the participle used as an adjective ("the canceled meeting") that names
// another event than the sentence's own.
const CANCELLED_RE = /\b(?:cancel(?:l?ed|s|l?ing)?|call(?:ed|s)? off|scrap(?:ped|s)?|abandon(?:ed|s)?)\b/gi;
const POSTPONED_RE =
  /\b(?:postpone[sd]?|postponing|delay(?:ed|s)?|put off|push(?:ed|es)? back|reschedul(?:ed|es|ing))\b/gi;
const ADJECTIVE_BEFORE_RE = /\b(?:the|a|an|its|their|his|her|this|that)\s+$/i;
// Between a date and a status word, these open another clause: "said Wednesday that the meeting
// would be rescheduled" reports a statement on Wednesday, not a postponement of it.
const CLAUSE_BOUNDARY_WORDS = ['that', 'said', 'says', 'told', 'announced', 'added'];

/** A word that says an event was cancelled or postponed, and where it stands in its sentence. */
export interface StatusCue {
  readonly status: 'cancelled' | 'postponed';
  readonly at: number;
}

/**
 * The status words of a sentence, cancellations first, less the participles used as adjectives
 * ("the postponed summit" names another event than the sentence's).
 *
 * @example statusCues('The talks were called off, then delayed.') // [{ status: 'cancelled', at: 15 }, { status: 'postponed', at: 32 }]
 */
export function statusCues(sentence: string): StatusCue[] {
  const cues: StatusCue[] = [];
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
export interface StatusContext {
  readonly sentence: string;
  readonly cues: readonly StatusCue[];
  /** For each cue, its distance to the nearest date of the sentence. */
  readonly nearest: readonly number[];
  readonly hasClauseBoundary: (from: number, to: number) => boolean;
}

/**
 * The {@link StatusContext} of a sentence whose dates are at `dates` (offsets in the sentence):
 * every date of the sentence, those an event limit leaves out too, since a status word nearer to
 * one of those is not about the others.
 *
 * @example statusOf(statusContextOf(sentence, spans), spans[0], false)
 */
export function statusContextOf(sentence: string, dates: readonly Span[]): StatusContext {
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
 * What the sentence says of the event dated at `own`: cancelled or postponed when such a word is
 * nearer to this date than to any other date of the sentence ("the announcement on Tuesday that
 * Thursday's meeting was postponed": Thursday's) and no clause opens between them; planned when
 * the date is after publication or the sentence looks ahead to it; reported otherwise.
 *
 * @example statusOf(statusContextOf('The talks set for May 3 were delayed.', [{ start: 18, end: 23 }]), { start: 18, end: 23 }, false) // 'postponed'
 */
export function statusOf(context: StatusContext, own: Span, isAfterPublication: boolean): EventStatus {
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
