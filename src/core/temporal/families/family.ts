import type { Parser, Refiner } from 'chrono-node';

/**
 * One family of temporal expressions (a row of the TIMEX3 families checklist: years, durations,
 * sets…): everything the tagger needs to read it, in one module. The registry assembles the
 * chrono configuration and the sentence gate from the families, in its stated order.
 *
 * The stages, in the order the tagger runs them:
 * 1. `parsers`: run with chrono's own parsers and before them, so that on an equal span chrono's
 *    overlap removal keeps ours;
 * 2. `refiners.beforeChrono`, then chrono's own refiners (which merge neighbouring results);
 * 3. the shared clean-up (ranges split in two, false positives out);
 * 4. `lateParsers`: results with no calendar parts (durations, sets, quarters…), run after
 *    chrono's merging so it cannot join them; a later one replaces an earlier at equal length;
 * 5. `refiners.resolve`: rereadings of what chrono found ("within a week" is a length);
 * 6. the shared tense-direction refiner, which picks the year or week a date without one means;
 * 7. `refiners.afterDirection`: what needs the resolved day; then the shared modifier prefix.
 */
export interface TimexFamily {
  /** The family's name, as the checklist calls it. */
  readonly name: string;
  /**
   * Lower-case words one of which every expression of the family holds, unless it holds a
   * digit: a sentence with no digit and none of any family's words skips the tagger.
   */
  readonly gateWords: readonly string[];
  readonly parsers?: readonly Parser[];
  readonly lateParsers?: readonly Parser[];
  readonly refiners?: {
    readonly beforeChrono?: readonly Refiner[];
    readonly resolve?: readonly Refiner[];
    readonly afterDirection?: readonly Refiner[];
  };
  /**
   * Sentences (reference Thursday 2018-11-08) each holding an expression of the family, with the
   * words the tagger must find: the registry's tests run every one through the gate and the tagger.
   */
  readonly examples: readonly { readonly sentence: string; readonly text: string }[];
}
