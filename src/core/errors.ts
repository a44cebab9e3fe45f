/** Base of every error this project throws on purpose. */
export class TimelineError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TimelineError';
  }
}

/** The article cannot be read (binary, empty, malformed, too large). Bad input: never retried. */
export class ArticleFormatError extends TimelineError {
  readonly key: string;
  readonly reason: string;
  constructor(key: string, reason: string, options?: { cause?: unknown }) {
    super(`article ${JSON.stringify(key)} cannot be read: ${reason}`, options);
    this.name = 'ArticleFormatError';
    this.key = key;
    this.reason = reason;
  }
}

/** A stored timeline is not one of ours: it is reported and never overwritten. */
export class TimelineCorruptError extends TimelineError {
  constructor(key: string, reason: string, options?: { cause?: unknown }) {
    super(`stored timeline ${JSON.stringify(key)} is not a valid timeline: ${reason}`, options);
    this.name = 'TimelineCorruptError';
  }
}

/** Lost a compare-and-swap on the stored timeline: someone else wrote first. Retried. */
export class ConflictError extends TimelineError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ConflictError';
  }
}
