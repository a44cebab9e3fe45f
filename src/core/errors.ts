/** Base of every error this project throws on purpose. */
export class TimelineError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TimelineError';
  }
}

/**
 * Why an article was refused, as a short fixed word: a metric dimension and a log field that
 * dashboards can group by (the free-text `reason` says the details).
 */
export type RejectionCode =
  | 'too-large'
  | 'binary'
  | 'empty'
  | 'malformed-json'
  | 'no-text'
  | 'no-date'
  | 'bad-key';

/** The article cannot be read (binary, empty, malformed, too large). Bad input: never retried. */
export class ArticleFormatError extends TimelineError {
  readonly key: string;
  readonly code: RejectionCode;
  readonly reason: string;
  constructor(key: string, code: RejectionCode, reason: string, options?: { cause?: unknown }) {
    super(`article ${JSON.stringify(key)} cannot be read: ${reason}`, options);
    this.name = 'ArticleFormatError';
    this.key = key;
    this.code = code;
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
