import { describe, expect, it } from 'vitest';
import {
  type Command,
  commandUsage,
  defineCommand,
  oneOfValue,
  PORT_VALUE,
  parseCommandLine,
  programUsage,
  textValue,
} from '../../src/cli/command-line.ts';
import { UsageError } from '../../src/cli/usage-error.ts';

const FLAGS = {
  port: { value: PORT_VALUE, default: '4568', description: 'the port' },
  dialect: {
    value: oneOfValue('aws', 'radosgw'),
    env: 'S3_DIALECT',
    default: 'aws',
    description: 'the dialect',
  },
  bucket: { value: textValue('NAME'), description: 'the bucket\nof every record' },
  quiet: { description: 'says less', short: 'q' },
} as const;

const command: Command = defineCommand({
  name: 'try',
  operands: [{ name: 'FILE', repeats: true }],
  summary: 'tries',
  description: 'Tries the FILEs.',
  flags: FLAGS,
  run: async ({ values }) => (values.quiet ? 0 : values.port),
});

const parse = (args: string[], env: NodeJS.ProcessEnv = {}) => parseCommandLine('tool', command, args, env);

function mistakeOf(args: string[], env: NodeJS.ProcessEnv = {}): string {
  try {
    parse(args, env);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as UsageError).message;
  }
  throw new Error(`no mistake in ${args.join(' ')}`);
}

describe('parseCommandLine', () => {
  it('reads values by their kinds, with defaults, the environment, and operands in order', () => {
    expect(parse(['a.txt', '--port', '80', '-q', 'b.txt'])).toEqual({
      values: { port: 80, dialect: 'aws', bucket: undefined, quiet: true },
      positionals: ['a.txt', 'b.txt'],
    });
    expect(parse(['a.txt', '--dialect=radosgw', '--bucket', 'b'], { S3_DIALECT: 'aws' })).toMatchObject({
      values: { dialect: 'radosgw', bucket: 'b', quiet: false },
    });
    expect(parse(['a.txt'], { S3_DIALECT: 'radosgw' })).toMatchObject({ values: { dialect: 'radosgw' } });
    expect(parse(['--', '--port'])).toMatchObject({ positionals: ['--port'] });
  });

  it('answers help for --help or -h anywhere', () => {
    expect(parse(['a.txt', '-h'])).toBe('help');
    expect(parse(['--nope', '--help'])).toBe('help');
  });

  it.each([
    {
      args: ['a', '--prot', '1'],
      message:
        'unknown flag --prot for try (flags: --port, --dialect, --bucket, --quiet); did you mean --port?',
    },
    { args: ['a', '-x'], message: 'unknown flag -x for try (flags: --port, --dialect, --bucket, --quiet)' },
    {
      args: ['a', '--port', '-1'],
      message: '--port needs a value: a port number 1–65535 (or 0: any free port), got the flag -1',
    },
    {
      args: ['a', '--port', '65536'],
      message: "--port must be a port number 1–65535 (or 0: any free port), got '65536'",
    },
    {
      args: ['a', '--port', ''],
      message: "--port must be a port number 1–65535 (or 0: any free port), got ''",
    },
    { args: ['a', '--dialect', 'ceph'], message: "--dialect must be aws or radosgw, got 'ceph'" },
    { args: ['a', '--quiet=no'], message: "--quiet takes no value, got 'no'" },
    { args: [], message: 'try needs FILE' },
  ])('$args: $message', ({ args, message }) => {
    expect(mistakeOf(args)).toBe(message);
  });

  it('says when a bad value came from the environment', () => {
    expect(mistakeOf(['a'], { S3_DIALECT: 'ceph' })).toBe(
      "$S3_DIALECT (the default of --dialect) must be aws or radosgw, got 'ceph'",
    );
  });
});

describe('commandUsage and programUsage', () => {
  it('lists each flag with its value, default and environment variable, and --help', () => {
    expect(commandUsage('tool', command)).toBe(
      [
        'Usage: tool try FILE... [flags]',
        '',
        'Tries the FILEs.',
        '',
        'Flags:',
        '  --port N               the port (default 4568)',
        '  --dialect aws|radosgw  the dialect (default $S3_DIALECT, else aws)',
        '  --bucket NAME          the bucket',
        '                         of every record',
        '  -q, --quiet            says less',
        '  -h, --help             prints this usage',
        '',
      ].join('\n'),
    );
  });

  it('lists the commands with their operands and summaries', () => {
    expect(programUsage('tool', 'does things', [command])).toContain('  try FILE...  tries\n');
  });
});
