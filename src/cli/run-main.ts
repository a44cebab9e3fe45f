import { TimelineError } from '../core/errors.ts';
import { UsageError } from './usage-error.ts';

/**
 * Runs a command's `main` and turns what it throws into what a user should read: a usage error
 * with the usage (exit 2); our own errors and missing files as one line with their causes
 * (exit 1); anything else with its stack (exit 1, a bug).
 *
 * @example await runMain(main, USAGE);
 */
export async function runMain(main: (argv: string[]) => Promise<number>, usage: string): Promise<void> {
  try {
    process.exitCode = await main(process.argv.slice(2));
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (error instanceof UsageError || code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`${(error as Error).message}\n\n${usage}`);
      process.exitCode = 2;
    } else if (error instanceof TimelineError || code === 'ENOENT') {
      // Our own errors say what failed and on which object; their causes say why.
      let message = (error as Error).message;
      for (let cause = (error as Error).cause; cause instanceof Error; cause = cause.cause) {
        message += `: ${cause.message || cause.name}`;
      }
      process.stderr.write(`${message}\n`);
      process.exitCode = 1;
    } else {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
    }
  }
}
