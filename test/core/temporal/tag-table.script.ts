// Run by host-timezone.test.ts in a child process, so that the host zone (TZ) can differ from the
// test runner's: tags each { sentence, reference } of the JSON table in argv[2], prints the results.
import type { ReferenceDate } from '../../../src/core/temporal/reference.ts';
import { tagTimexes } from '../../../src/core/temporal/tag-timexes.ts';

const table = JSON.parse(process.argv[2] ?? '[]') as Array<{ sentence: string; reference: ReferenceDate }>;
const results = table.map(({ sentence, reference }) => ({
  sentence,
  timexes: tagTimexes(sentence, reference),
}));
process.stdout.write(
  JSON.stringify({ hostOffsetMinutes: new Date(2018, 10, 8).getTimezoneOffset(), results }),
);
