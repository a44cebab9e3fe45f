import { TimelineError } from '../core/errors.ts';
import { portInUseMessage } from './ensure-port-free.ts';
import { UsageError } from './usage-error.ts';

/** What a user reads when a command fails, and the exit status. */
export interface Failure {
  readonly text: string;
  readonly exitCode: 1 | 2;
}

interface SystemError extends Error {
  readonly code?: string;
  readonly path?: string;
  readonly port?: number;
  readonly address?: string;
}

/**
 * Turns what a command threw into what a user should read: a usage error with its usage (exit 2);
 * our own errors, missing files and busy ports as one line (exit 1); anything else with its stack
 * (exit 1: a bug).
 *
 * @example failureOf(new UsageError('get needs COLLECTION')).exitCode // 2
 */
export function failureOf(error: unknown, usage?: string): Failure {
  const { code, path, port, address, message } = (error ?? {}) as SystemError;
  if (error instanceof UsageError || code?.startsWith('ERR_PARSE_ARGS')) {
    const below = error instanceof UsageError && error.usage !== undefined ? error.usage : usage;
    return { text: `${message}\n${below === undefined ? '' : `\n${below}`}`, exitCode: 2 };
  }
  if (error instanceof TimelineError) {
    // Our own errors say what failed and on which object; their causes say why (unless the
    // message has said it already).
    let text = message;
    for (let cause = error.cause; cause instanceof Error; cause = cause.cause) {
      if (!cause.message || !text.includes(cause.message)) text += `: ${cause.message || cause.name}`;
    }
    return { text: `${text}\n`, exitCode: 1 };
  }
  if (path !== undefined && code === 'ENOENT')
    return { text: `no such file or directory: ${path}\n`, exitCode: 1 };
  if (path !== undefined && code === 'EISDIR')
    return { text: `${path} is a directory, not a file\n`, exitCode: 1 };
  if (path !== undefined && code === 'EACCES') return { text: `permission denied: ${path}\n`, exitCode: 1 };
  if (code === 'EADDRINUSE' && port !== undefined)
    return { text: `${portInUseMessage(port, address ?? '127.0.0.1', '--port')}\n`, exitCode: 1 };
  return {
    text: `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    exitCode: 1,
  };
}

/**
 * Ends the process quietly when the reader of stdout goes away (`| head -1`): EPIPE is the
 * reader's choice, not our failure. Nothing can be said on a stderr that went away either.
 */
export function endQuietlyOnClosedPipe(
  stdout: NodeJS.EventEmitter = process.stdout,
  stderr: NodeJS.EventEmitter = process.stderr,
  exit: (code: number) => void = (code) => process.exit(code),
): void {
  stdout.on('error', (error: SystemError) => {
    if (error.code === 'EPIPE') exit(0);
    else {
      process.stderr.write(`cannot write the output: ${error.message}\n`);
      exit(1);
    }
  });
  stderr.on('error', (error: SystemError) => {
    if (error.code !== 'EPIPE') exit(1);
  });
}

/**
 * Runs a program's `main` on the command line's arguments and sets the exit status from what it
 * returns or throws ({@link failureOf}); `usage` is printed below a usage error that carries
 * none of its own.
 *
 * @example await runMain(main, USAGE);
 */
export async function runMain(main: (argv: string[]) => Promise<number>, usage?: string): Promise<void> {
  endQuietlyOnClosedPipe();
  try {
    process.exitCode = await main(process.argv.slice(2));
  } catch (error) {
    const failure = failureOf(error, usage);
    process.stderr.write(failure.text);
    process.exitCode = failure.exitCode;
  }
}
