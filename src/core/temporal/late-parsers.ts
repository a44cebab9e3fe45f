import type { Parser, ParsingContext, ParsingResult, Refiner } from 'chrono-node';

function overlaps(a: ParsingResult, b: ParsingResult): boolean {
  return a.index < b.index + b.text.length && b.index < a.index + a.text.length;
}

/**
 * Runs parsers after chrono's own refiners, as one refiner. chrono's merge refiners join
 * neighbouring results ("most recently last October" became one expression), which is right
 * for its dates and wrong for durations, sets and vague references that have no calendar parts;
 * run late, they cannot be merged. A late result replaces the chrono results it overlaps when it
 * is at least as long ("the past two months" over chrono's "past two months"), and gives way to
 * a longer one.
 */
export function runLate(...parsers: Parser[]): Refiner {
  const globalPatterns = new WeakMap<RegExp, RegExp>();
  const globalOf = (pattern: RegExp): RegExp => {
    let global = globalPatterns.get(pattern);
    if (!global) {
      global = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`);
      globalPatterns.set(pattern, global);
    }
    return global;
  };
  return {
    refine: (context: ParsingContext, results: ParsingResult[]) => {
      let merged = results;
      for (const parser of parsers) {
        for (const match of context.text.matchAll(globalOf(parser.pattern(context)))) {
          const extracted = parser.extract(context, match);
          if (!extracted || !('index' in extracted) || !('text' in extracted)) continue;
          const late = extracted as ParsingResult;
          const rivals = merged.filter((result) => overlaps(result, late));
          if (rivals.some((rival) => rival.text.length > late.text.length)) continue;
          merged = [...merged.filter((result) => !rivals.includes(result)), late];
        }
      }
      return merged.sort((a, b) => a.index - b.index);
    },
  };
}
