const UNITS: Record<string, number> = {
  zero: 0,
  a: 1,
  an: 1,
  one: 1,
  single: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
  hundred: 100,
  'a hundred': 100,
  'a couple of': 2,
  'a couple': 2,
  'couple of': 2,
  'a dozen': 12,
  dozen: 12,
};
const VAGUE = new Set(['a few', 'few', 'several', 'many', 'some', 'a number of', 'numerous']);

/** Regex source for a count as news writes it: digits, number words, "twenty-five", "2 1/2", "a few". */
export const COUNT_SOURCE = String.raw`(?:\d+(?:\.\d+)?(?:\s+1\/2)?|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[\s-](?:one|two|three|four|five|six|seven|eight|nine)|a few|a couple(?: of)?|couple of|a dozen|a hundred|a number of|${Object.keys(
  UNITS,
)
  .filter((word) => !word.includes(' '))
  .join('|')}|few|several|many|numerous)`;

/**
 * The value of a count: a number, or 'X' for a vague one ("several", "a few").
 *
 * @example countValue('twenty-five') // 25
 * @example countValue('2 1/2') // 2.5
 * @example countValue('several') // 'X'
 */
export function countValue(text: string): number | 'X' | undefined {
  const count = text.toLowerCase().trim().replace(/\s+/g, ' ');
  if (VAGUE.has(count)) return 'X';
  const half = /^(\d+) 1\/2$/.exec(count);
  if (half) return Number(half[1]) + 0.5;
  if (/^\d+(?:\.\d+)?$/.test(count)) return Number(count);
  const compound = /^(\w+)[ -](\w+)$/.exec(count);
  if (
    compound &&
    UNITS[compound[1] ?? ''] !== undefined &&
    UNITS[compound[2] ?? ''] !== undefined &&
    !(count in UNITS)
  ) {
    return (UNITS[compound[1] ?? ''] ?? 0) + (UNITS[compound[2] ?? ''] ?? 0);
  }
  return UNITS[count];
}
