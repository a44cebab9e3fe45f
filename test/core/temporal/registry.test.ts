import type { Parser, ParsingContext, ParsingResult, Refiner } from 'chrono-node';
import { describe, expect, it } from 'vitest';
import type { TimexFamily } from '../../../src/core/temporal/families/family.ts';
import { TIMEX_FAMILIES } from '../../../src/core/temporal/families/registry.ts';
import { setsFamily } from '../../../src/core/temporal/families/sets.ts';
import {
  createNewsChrono,
  TEMPORAL_GATE_RE,
  tagTimexes,
  temporalGateOf,
} from '../../../src/core/temporal/tag-timexes.ts';

const THURSDAY = { date: { year: 2018, month: 11, day: 8 }, timezone: 'UTC' };
const CHRONO_REFERENCE = { instant: new Date('2018-11-08T12:00:00Z'), timezone: 0 };

describe('the family registry', () => {
  const examples = TIMEX_FAMILIES.flatMap((family) =>
    family.examples.map((example) => ({ family: family.name, ...example })),
  );

  it.each(examples)('$family: "$sentence" passes the gate', ({ sentence }) => {
    expect(TEMPORAL_GATE_RE.test(sentence)).toBe(true);
  });

  it.each(examples)('$family: "$sentence" is tagged "$text"', ({ sentence, text }) => {
    expect(tagTimexes(sentence, THURSDAY).map((timex) => timex.text)).toContain(text);
  });

  it('has every family once, each with examples', () => {
    const names = TIMEX_FAMILIES.map((family) => family.name);
    expect(new Set(names).size).toBe(names.length);
    for (const family of TIMEX_FAMILIES) expect(family.examples.length).toBeGreaterThan(0);
  });

  it('builds the gate from every family: each gate word opens it, a sentence with none does not', () => {
    for (const family of TIMEX_FAMILIES)
      for (const word of family.gateWords) expect(TEMPORAL_GATE_RE.test(`said ${word} it`)).toBe(true);
    expect(TEMPORAL_GATE_RE.test('The minister spoke to reporters at length.')).toBe(false);
    expect(TEMPORAL_GATE_RE.test('Turnout was 54 percent.')).toBe(true);
  });

  it('skips a family the gate is not built from: the gate is the only way in', () => {
    const withoutSets = temporalGateOf(TIMEX_FAMILIES.filter((family) => family !== setsFamily));
    expect(withoutSets.test('The paper is printed daily.')).toBe(false);
    expect(TEMPORAL_GATE_RE.test('The paper is printed daily.')).toBe(true);
  });

  it("puts the families' parsers, in registry order, before chrono's own", () => {
    const ours = TIMEX_FAMILIES.flatMap((family) => family.parsers ?? []);
    const { parsers } = createNewsChrono(TIMEX_FAMILIES);
    expect(parsers.slice(0, ours.length)).toEqual(ours);
    expect(parsers.length).toBeGreaterThan(ours.length);
  });
});

describe('the stages of the configuration', () => {
  // A family whose hooks log their calls; its one parser reads "blue moon" as a day.
  function loggingFamily(name: string, log: string[], span = 'blue moon'): TimexFamily {
    const logging = (stage: string): Refiner => ({
      refine: (_context, results) => {
        log.push(`${name}:${stage}`);
        return results;
      },
    });
    return {
      name,
      gateWords: [],
      parsers: [
        {
          pattern: () => new RegExp(span, 'i'),
          extract: (context: ParsingContext, match: RegExpMatchArray) => {
            log.push(`${name}:parser`);
            const result = context.createParsingResult(match.index ?? 0, match[0], {
              day: 1,
              month: 1,
              year: 2000,
            });
            result.addTag(`test/${name}`);
            return result;
          },
        },
      ],
      refiners: {
        beforeChrono: [logging('beforeChrono')],
        resolve: [logging('resolve')],
        afterDirection: [logging('afterDirection')],
      },
      examples: [],
    };
  }

  it('runs each stage for all families, in registry order, stage after stage', () => {
    const log: string[] = [];
    createNewsChrono([loggingFamily('a', log), loggingFamily('b', log)]).parse(
      'Once in a blue moon.',
      CHRONO_REFERENCE,
    );
    expect(log).toEqual([
      'a:parser',
      'b:parser',
      'a:beforeChrono',
      'b:beforeChrono',
      'a:resolve',
      'b:resolve',
      'a:afterDirection',
      'b:afterDirection',
    ]);
  });

  it('keeps the first of two early parsers reading the same span', () => {
    const log: string[] = [];
    const [result] = createNewsChrono([loggingFamily('a', log), loggingFamily('b', log)]).parse(
      'Once in a blue moon.',
      CHRONO_REFERENCE,
    );
    expect([...(result?.tags() ?? [])]).toContain('test/a');
    expect([...(result?.tags() ?? [])]).not.toContain('test/b');
  });

  it('keeps the last of two late parsers reading the same span', () => {
    const late = (name: string): Parser => ({
      pattern: () => /blue moon/i,
      extract: (context: ParsingContext, match: RegExpMatchArray): ParsingResult => {
        const result = context.createParsingResult(match.index ?? 0, match[0], {
          day: 1,
          month: 1,
          year: 2000,
        });
        result.addTag(`test/${name}`);
        return result;
      },
    });
    const family = (name: string): TimexFamily => ({
      name,
      gateWords: [],
      lateParsers: [late(name)],
      examples: [],
    });
    const [result] = createNewsChrono([family('a'), family('b')]).parse(
      'Once in a blue moon.',
      CHRONO_REFERENCE,
    );
    expect([...(result?.tags() ?? [])]).toContain('test/b');
    expect([...(result?.tags() ?? [])]).not.toContain('test/a');
  });
});
