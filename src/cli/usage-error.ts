/** The command line was wrong: print the message and the usage, exit 2. */
export class UsageError extends Error {
  /** What to print below the message: a synopsis (`usage: news-timeline get …`) or a whole usage. */
  readonly usage: string | undefined;
  constructor(message: string, options?: { usage?: string; cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'UsageError';
    this.usage = options?.usage;
  }
}
