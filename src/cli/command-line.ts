import { parseArgs } from 'node:util';
import { UsageError } from './usage-error.ts';

/** What a flag's value may be: how it reads and what to say when it is not one. */
export interface ValueKind<T> {
  /** Shown after the flag in the usage: `N`, `YYYY-MM-DD`, `aws|radosgw`. */
  readonly placeholder: string;
  /** Ends "--port must be …, got 'abc'". */
  readonly expected: string;
  /** The value, or undefined when the text is not one. */
  readonly read: (text: string) => T | undefined;
}

/** A flag without a value (`--progress`) or with one (`--port N`). */
export type Flag = {
  /** One line of the command's usage (a `\n` starts an indented continuation). */
  readonly description: string;
  readonly short?: string;
} & (
  | { readonly value?: undefined }
  | {
      readonly value: ValueKind<unknown>;
      /** Read as if given; the usage shows it. */
      readonly default?: string;
      /** An environment variable that, when set, replaces the default (`S3_ENDPOINT`). */
      readonly env?: string;
    }
);

export type Flags = Readonly<Record<string, Flag>>;

type FlagValue<F> = F extends { readonly value: ValueKind<infer T> }
  ? F extends { readonly default: string }
    ? T
    : T | undefined
  : boolean;

/** The values a command's flags give it, typed from their kinds. */
export type FlagValues<F extends Flags> = { -readonly [K in keyof F]: FlagValue<F[K]> };

/** What a command runs with: its flags' values and its operands, in order. */
export interface CommandInput<F extends Flags> {
  readonly values: FlagValues<F>;
  readonly positionals: readonly string[];
}

/** An operand as the usage names it; `repeats` takes one or more, `optional` none or one. */
export interface Operand {
  readonly name: string;
  readonly repeats?: boolean;
  readonly optional?: boolean;
}

/**
 * One command: its usage and flags, in one place, and what runs it. The overall usage, `--help`,
 * and the messages about unknown flags and bad values are all made from this.
 */
export interface Command<F extends Flags = Flags> {
  readonly name: string;
  /** How it is run when not as `PROGRAM NAME`: `npm run eval:te3 --` for a script of one command. */
  readonly invocation?: string;
  readonly operands: readonly Operand[];
  /** One line for the overall usage. */
  readonly summary: string;
  /** What it does, for its own usage: a few lines. */
  readonly description: string;
  readonly flags: F;
  readonly run: (input: CommandInput<F>) => Promise<number>;
}

/** Keeps the flags' types for `run` (a registry holds them as `Command`). */
export function defineCommand<F extends Flags>(command: Command<F>): Command {
  return command as unknown as Command;
}

const HELP: Flag = { description: 'prints this usage', short: 'h' };

const quote = (text: string): string => `'${text}'`;

const invocationOf = (program: string, command: Command): string =>
  command.invocation ?? `${program} ${command.name}`;

/** `--port N`, `-h, --help`, `--progress`. */
function flagLabel(name: string, flag: Flag): string {
  const long = `--${name}${flag.value ? ` ${flag.value.placeholder}` : ''}`;
  return flag.short ? `-${flag.short}, ${long}` : long;
}

function operandsText(operands: readonly Operand[]): string {
  return operands
    .map((operand) => {
      const name = operand.repeats ? `${operand.name}...` : operand.name;
      return operand.optional ? `[${name}]` : name;
    })
    .join(' ');
}

/**
 * The one-line form: `news-timeline get COLLECTION [--endpoint URL|aws] [--bucket NAME]`.
 *
 * @example synopsisOf('news-timeline', command)
 */
export function synopsisOf(program: string, command: Command): string {
  const flags = Object.entries(command.flags).map(([name, flag]) => `[${flagLabel(name, flag)}]`);
  return [invocationOf(program, command), operandsText(command.operands), ...flags].filter(Boolean).join(' ');
}

function defaultText(flag: Flag): string {
  if (!flag.value) return '';
  const fallback = flag.default === undefined ? '' : flag.default;
  if (flag.env) return ` (default $${flag.env}${fallback ? `, else ${fallback}` : ''})`;
  return fallback ? ` (default ${fallback})` : '';
}

/** A command's own usage: its synopsis, what it does, and each flag with its default. */
export function commandUsage(program: string, command: Command): string {
  const rows = [...Object.entries(command.flags), ['help', HELP] as const].map(
    ([name, flag]) => [flagLabel(name, flag), `${flag.description}${defaultText(flag)}`] as const,
  );
  const width = Math.max(...rows.map(([label]) => label.length)) + 2;
  const lines = rows.map(([label, text]) =>
    `  ${label.padEnd(width)}${text}`.replaceAll('\n', `\n  ${' '.repeat(width)}`),
  );
  return [
    `Usage: ${[invocationOf(program, command), operandsText(command.operands)].filter(Boolean).join(' ')} [flags]`,
    '',
    command.description.trimEnd(),
    '',
    'Flags:',
    ...lines,
    '',
  ].join('\n');
}

/** The usage of a program of several commands: a line each, and how to see one's flags. */
export function programUsage(program: string, about: string, commands: readonly Command[]): string {
  const rows = commands.map((command) => [
    `${command.name} ${operandsText(command.operands)}`,
    command.summary,
  ]);
  const width = Math.max(...rows.map(([head]) => head?.length ?? 0)) + 2;
  return [
    `${program}: ${about}`,
    '',
    `Usage: ${program} COMMAND [ARGUMENTS] [flags]`,
    '',
    'Commands:',
    ...rows.map(([head, summary]) => `  ${(head ?? '').padEnd(width)}${summary}`),
    '',
    `${program} COMMAND --help prints the usage and flags of COMMAND.`,
    '',
  ].join('\n');
}

/** Edits between two words, a swap of neighbours counting one (`--prot`), for "did you mean". */
function distance(a: string, b: string): number {
  const rows: number[][] = [Array.from({ length: b.length + 1 }, (_, j) => j)];
  const cell = (i: number, j: number) => rows[i]?.[j] ?? 0;
  for (let i = 1; i <= a.length; i += 1) {
    const row = [i];
    rows.push(row);
    for (let j = 1; j <= b.length; j += 1) {
      const substitution = cell(i - 1, j - 1) + (a[i - 1] === b[j - 1] ? 0 : 1);
      let best = Math.min(cell(i - 1, j) + 1, cell(i, j - 1) + 1, substitution);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, cell(i - 2, j - 2) + 1);
      row.push(best);
    }
  }
  return cell(a.length, b.length);
}

function unknownFlag(program: string, command: Command, rawName: string): UsageError {
  const names = Object.keys(command.flags);
  const given = rawName.replace(/^-+/, '').split('=')[0] ?? '';
  const near = names
    .map((name) => ({ name, distance: distance(given, name) }))
    .filter((candidate) => candidate.distance <= Math.max(1, Math.floor(candidate.name.length / 3)))
    .sort((a, b) => a.distance - b.distance)[0];
  const list =
    names.length > 0 ? `flags: ${names.map((name) => `--${name}`).join(', ')}` : 'it takes no flags';
  const hint = near ? `; did you mean --${near.name}?` : '';
  return new UsageError(`unknown flag ${rawName} for ${command.name} (${list})${hint}`, {
    usage: usageHint(program, command),
  });
}

/** Printed below a mistake: the one-line form and where the rest is. */
function usageHint(program: string, command: Command): string {
  return `usage: ${synopsisOf(program, command)}\n(${invocationOf(program, command)} --help says more)\n`;
}

/**
 * Reads a command's arguments against its flags and operands: `'help'` for `--help`/`-h`
 * anywhere, otherwise the typed values and the operands. Every mistake is a UsageError that
 * names the flag and what it takes: "unknown flag --formt for get (flags: --endpoint, …)",
 * "--port must be a port number …, got 'abc'", "get needs COLLECTION".
 *
 * @example parseCommandLine('news-timeline', getCommand, ['north-korea', '--bucket', 'b'])
 */
export function parseCommandLine<F extends Flags>(
  program: string,
  command: Command<F>,
  args: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): CommandInput<F> | 'help' {
  const flags: Flags = command.flags;
  const options: Record<string, { type: 'string' | 'boolean'; short?: string }> = {
    help: { type: 'boolean', short: 'h' },
  };
  for (const [name, flag] of Object.entries(flags))
    options[name] = { type: flag.value ? 'string' : 'boolean', ...(flag.short ? { short: flag.short } : {}) };
  // Not strict: every mistake is found here, to be said in our own words.
  const { tokens } = parseArgs({
    args: [...args],
    options,
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  if (tokens.some((token) => token.kind === 'option' && token.name === 'help')) return 'help';

  const usage = usageHint(program, command as unknown as Command);
  const given = new Map<string, string | true>();
  const positionals: string[] = [];
  for (const token of tokens) {
    if (token.kind === 'positional') positionals.push(token.value);
    if (token.kind !== 'option') continue;
    const flag = flags[token.name];
    if (!flag) throw unknownFlag(program, command as unknown as Command, token.rawName);
    const label = `--${token.name}`;
    if (!flag.value) {
      if (token.value !== undefined)
        throw new UsageError(`${label} takes no value, got ${quote(token.value)}`, { usage });
      given.set(token.name, true);
      continue;
    }
    // parseArgs takes the next argument as the value even when it is a flag: `--published --top 3`.
    if (token.value === undefined || (!token.inlineValue && token.value.startsWith('-')))
      throw new UsageError(
        `${label} needs a value: ${flag.value.expected}${token.value === undefined ? '' : `, got the flag ${token.value}`}`,
        { usage },
      );
    given.set(token.name, token.value);
  }

  const values: Record<string, unknown> = {};
  for (const [name, flag] of Object.entries(flags)) {
    if (!flag.value) {
      values[name] = given.get(name) === true;
      continue;
    }
    const fromEnv = flag.env === undefined ? undefined : env[flag.env];
    const text = (given.get(name) as string | undefined) ?? (fromEnv || undefined) ?? flag.default;
    if (text === undefined) {
      values[name] = undefined;
      continue;
    }
    const value = flag.value.read(text);
    if (value === undefined) {
      const source = given.has(name) || !fromEnv ? `--${name}` : `$${flag.env} (the default of --${name})`;
      throw new UsageError(`${source} must be ${flag.value.expected}, got ${quote(text)}`, { usage });
    }
    values[name] = value;
  }

  const required = command.operands.filter((operand) => !operand.optional);
  if (positionals.length < required.length) {
    const missing = required.slice(positionals.length).map((operand) => operand.name);
    throw new UsageError(`${command.name} needs ${missing.join(' and ')}`, { usage });
  }
  const repeats = command.operands.some((operand) => operand.repeats);
  if (!repeats && positionals.length > command.operands.length) {
    const extra = positionals.slice(command.operands.length).map(quote).join(', ');
    const takes = command.operands.length === 0 ? 'none' : operandsText(command.operands);
    throw new UsageError(`too many arguments for ${command.name}: ${extra} (it takes ${takes})`, { usage });
  }
  return { values: values as FlagValues<F>, positionals };
}

/**
 * Runs one command of a program: `PROGRAM COMMAND ARGS`, `PROGRAM help [COMMAND]`, `PROGRAM
 * --help`. Usage asked for goes to stdout (exit 0); a mistake throws a UsageError (exit 2).
 */
export async function runCommandLine(
  program: string,
  about: string,
  commands: readonly Command[],
  argv: readonly string[],
  stdout: { write(text: string): unknown } = process.stdout,
): Promise<number> {
  const [name, ...args] = argv;
  const usage = programUsage(program, about, commands);
  if (name === undefined) throw new UsageError('a COMMAND is needed', { usage });
  if (name === '--help' || name === '-h' || name === 'help') {
    const asked = args[0] === undefined ? undefined : commands.find((command) => command.name === args[0]);
    if (args[0] !== undefined && !asked) throw unknownCommand(args[0], commands, usage);
    stdout.write(asked ? commandUsage(program, asked) : usage);
    return 0;
  }
  const command = commands.find((candidate) => candidate.name === name);
  if (!command) throw unknownCommand(name, commands, usage);
  return runCommand(program, command, args, stdout);
}

/** Runs a program that is one command (`npm run eval:te3 -- …`): `--help` or the command. */
export async function runCommand(
  program: string,
  command: Command,
  args: readonly string[],
  stdout: { write(text: string): unknown } = process.stdout,
): Promise<number> {
  const input = parseCommandLine(program, command, args);
  if (input === 'help') {
    stdout.write(commandUsage(program, command));
    return 0;
  }
  try {
    return await command.run(input);
  } catch (error) {
    // A mistake the command itself found (a bad collection name) gets the same hint.
    if (error instanceof UsageError && error.usage === undefined)
      throw new UsageError(error.message, { usage: usageHint(program, command), cause: error.cause });
    throw error;
  }
}

function unknownCommand(name: string, commands: readonly Command[], usage: string): UsageError {
  const near = commands.find((command) => distance(name, command.name) <= 2);
  const list = commands.map((command) => command.name).join(', ');
  return new UsageError(
    `unknown command ${quote(name)} (commands: ${list})${near ? `; did you mean ${near.name}?` : ''}`,
    { usage },
  );
}

/** Any text, named in the usage by `placeholder`. */
export function textValue(placeholder: string): ValueKind<string> {
  return { placeholder, expected: `a ${placeholder}`, read: (text) => text };
}

/** A port to listen on; 0 lets the system pick a free one. */
export const PORT_VALUE: ValueKind<number> = {
  placeholder: 'N',
  expected: 'a port number 1–65535 (or 0: any free port)',
  read: (text) => (/^\d{1,5}$/.test(text) && Number(text) <= 65535 ? Number(text) : undefined),
};

/** A whole number of at least `min`. */
export function wholeNumberValue(
  min: number,
  expected = `a whole number, ${min} or more`,
): ValueKind<number> {
  return {
    placeholder: 'N',
    expected,
    read: (text) => (/^\d+$/.test(text) && Number(text) >= min ? Number(text) : undefined),
  };
}

/** One of a few words: `--dialect aws|radosgw`. */
export function oneOfValue<const T extends string>(...choices: readonly T[]): ValueKind<T> {
  const expected =
    choices.length === 1
      ? (choices[0] ?? '')
      : `${choices.slice(0, -1).join(', ')} or ${choices.at(-1) ?? ''}`;
  return {
    placeholder: choices.join('|'),
    expected,
    read: (text) => choices.find((choice) => choice === text),
  };
}
