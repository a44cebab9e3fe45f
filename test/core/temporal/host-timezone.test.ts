import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { formatDate } from '../../../src/core/temporal/calendar.ts';
import type { ReferenceDate } from '../../../src/core/temporal/reference.ts';
import type { Timex } from '../../../src/core/temporal/timex.ts';

const run = promisify(execFile);
const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const SCRIPT = fileURLToPath(new URL('./tag-table.script.ts', import.meta.url));

const on = (timezone: string, day = 8): ReferenceDate => ({ date: { year: 2018, month: 11, day }, timezone });
// Article zones at both ends of the clock (UTC+14, UTC-11) and the samples' own zone: the
// reference instant handed to chrono then falls on another calendar day in some host zones.
const REFERENCES = [
  on('America/New_York'),
  on('Pacific/Kiritimati'),
  on('Pacific/Pago_Pago'),
  on('Asia/Tokyo'),
  on('UTC'),
  on('America/New_York', 11),
];
const SENTENCES = [
  'Trump told reporters Wednesday the talks were going fine.',
  'Pompeo will meet Kim on Friday.',
  'They met last Monday.',
  'KCNA said November 2 that it would not move.',
  'Pyongyang threatened over the weekend to restart its nuclear program.',
  "The two countries still haven't agreed -- five months after Trump's historic summit with Kim.",
  'A second summit will happen early next year.',
  'Officials met last week and will meet again next month.',
  'Officials met yesterday and will meet again tomorrow.',
  'It happened two days ago.',
  'He spoke at 2:30 pm on Tuesday.',
  'He arrived at 11:30 pm yesterday.',
  'He spoke last night.',
  'He spoke this morning.',
  'One of the concerns right now is pressure.',
];
const TABLE = REFERENCES.flatMap((reference) => SENTENCES.map((sentence) => ({ sentence, reference })));

interface Output {
  readonly hostOffsetMinutes: number;
  readonly results: ReadonlyArray<{ sentence: string; timexes: Timex[] }>;
}

async function tagUnder(timezone: string): Promise<Output> {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', SCRIPT, JSON.stringify(TABLE)], {
    cwd: REPO_ROOT,
    env: { ...process.env, TZ: timezone },
  });
  return JSON.parse(stdout) as Output;
}

describe('tagTimexes under another host timezone', () => {
  it('gives the same timexes whatever the host zone is', { timeout: 60_000 }, async () => {
    const [utc, kiritimati, losAngeles] = await Promise.all(
      ['UTC', 'Pacific/Kiritimati', 'America/Los_Angeles'].map(tagUnder),
    );
    // The child processes did run in other zones (Kiritimati is UTC+14, Los Angeles UTC-8 in November).
    expect([utc?.hostOffsetMinutes, kiritimati?.hostOffsetMinutes, losAngeles?.hostOffsetMinutes]).toEqual([
      0, -840, 480,
    ]);
    // And they tagged something: the comparison below is not between two empty lists.
    expect(utc?.results[0]?.timexes.map((timex) => timex.value)).toEqual(['2018-11-07']);
    expect(utc?.results.filter((result) => result.timexes.length > 0)).toHaveLength(TABLE.length);
    // Only the cases that moved, so that a failure names each sentence, reference and value.
    const differences = (other: Output | undefined) =>
      TABLE.flatMap(({ sentence, reference }, index) => {
        const expected = utc?.results[index]?.timexes.map((timex) => `${timex.text} = ${timex.value}`);
        const got = other?.results[index]?.timexes.map((timex) => `${timex.text} = ${timex.value}`);
        return JSON.stringify(got) === JSON.stringify(expected)
          ? []
          : [
              {
                sentence,
                reference: `${formatDate(reference.date)} ${reference.timezone}`,
                underUtc: expected,
                got,
              },
            ];
      });
    expect(differences(kiritimati)).toEqual([]);
    expect(differences(losAngeles)).toEqual([]);
  });
});
