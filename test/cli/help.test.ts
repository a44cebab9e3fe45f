import { describe, expect, it } from 'vitest';
import { LOCAL_BUCKET, LOCAL_PORT } from '../../infra/local-stack.ts';
import { commandUsage, synopsisOf } from '../../src/cli/command-line.ts';
import { COMMANDS, PROGRAM } from '../../src/cli/commands.ts';
import { runCli } from '../support/run-cli.ts';

// Every command of the registry, so that a command added there is tested here too.
const NAMES = COMMANDS.map((command) => command.name);

describe('news-timeline COMMAND --help', () => {
  it.each(
    NAMES.flatMap((name) => [
      { name, flag: '--help' },
      { name, flag: '-h' },
    ]),
  )('$name $flag prints its usage on stdout and exits 0', ({ name, flag }) => {
    const result = runCli([name, flag]);
    expect(result.status, result.stderr).toBe(0);
    const command = COMMANDS.find((candidate) => candidate.name === name);
    expect(command).toBeDefined();
    if (command) expect(result.stdout).toBe(commandUsage(PROGRAM, command));
    expect(result.stdout).toMatch(new RegExp(`^Usage: news-timeline ${name}\\b`));
    for (const flagName of Object.keys(command?.flags ?? {}))
      expect(result.stdout).toContain(`--${flagName}`);
    expect(result.stderr).toBe('');
  });

  it('wins over a mistake on the same line, as a person asking for help wants', () => {
    const result = runCli(['get', '--formt', 'json', '--help']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Usage: news-timeline get COLLECTION/);
  });

  it('lists every command in the overall usage, with help COMMAND as another way to ask', () => {
    const overall = runCli(['--help']);
    expect(overall.status).toBe(0);
    for (const command of COMMANDS) expect(overall.stdout).toContain(`  ${command.name} `);
    const help = runCli(['help', 'rebuild']);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^Usage: news-timeline rebuild COLLECTION/);
  });

  it('prints the overall usage on stderr, exit 2, when no command is given', () => {
    const result = runCli([]);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('a COMMAND is needed');
    expect(result.stderr).toContain('Commands:');
  });

  it("shows the local stack's own port and bucket as the defaults", () => {
    const get = COMMANDS.find((candidate) => candidate.name === 'get');
    const usage = get ? commandUsage(PROGRAM, get) : '';
    expect(usage).toContain(`http://127.0.0.1:${LOCAL_PORT}`);
    expect(usage).toContain(LOCAL_BUCKET);
  });
});

describe('news-timeline mistakes on the command line', () => {
  it.each([
    {
      args: ['get', 'north-korea', '--formt', 'json'],
      message: 'unknown flag --formt for get (flags: --endpoint, --bucket',
    },
    {
      args: ['rebuild', 'north-korea', '--dialect', 'x'],
      message: "--dialect must be aws or radosgw, got 'x'",
    },
    {
      args: ['serve', '--port', 'abc'],
      message: "--port must be a port number 1–65535 (or 0: any free port), got 'abc'",
    },
    {
      args: ['serve', '--port', '70000'],
      message: "--port must be a port number 1–65535 (or 0: any free port), got '70000'",
    },
    {
      args: ['get', 'north-korea', '--endpoint', 'localhost:4568'],
      message:
        "--endpoint must be an http(s) URL like http://127.0.0.1:4568, or aws (AWS's own endpoints), got 'localhost:4568'",
    },
    {
      args: ['extract', '--top', 'ten', 'a.txt'],
      message: "--top must be a whole number of days, 1 or more, got 'ten'",
    },
    { args: ['extract', 'a.txt', '--published'], message: '--published needs a value: a date YYYY-MM-DD' },
    { args: ['extract', 'a.txt', '--progress=yes'], message: "--progress takes no value, got 'yes'" },
    { args: ['extract', 'a.txt', '--colection', 'x'], message: 'did you mean --collection?' },
    { args: ['get'], message: 'get needs COLLECTION' },
    { args: ['get', 'a', 'b'], message: "too many arguments for get: 'b' (it takes COLLECTION)" },
    { args: ['get', 'a/b'], message: 'COLLECTION \'a/b\' contains "/"' },
    { args: ['serve', 'now'], message: "too many arguments for serve: 'now' (it takes none)" },
    {
      args: ['gett', 'north-korea'],
      message: "unknown command 'gett' (commands: extract, serve, invoke, get, rebuild",
    },
  ])('$args: names the flag and what it takes, exit 2, no stack', ({ args, message }) => {
    const result = runCli(args);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(message);
    expect(result.stderr.split('\n')[0]).toContain(message.slice(0, 20));
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });

  it('says the one-line form of the command below the message', () => {
    const result = runCli(['rebuild', 'north-korea', '--dialect', 'x']);
    const command = COMMANDS.find((candidate) => candidate.name === 'rebuild');
    expect(command).toBeDefined();
    if (command) expect(result.stderr).toContain(`usage: ${synopsisOf(PROGRAM, command)}`);
  });

  it('names the environment variable when a default from it is bad', () => {
    const result = runCli(['get', 'north-korea'], { S3_ENDPOINT: 'nowhere' });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('$S3_ENDPOINT (the default of --endpoint) must be an http(s) URL');
  });
});
