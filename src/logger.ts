import { Logger as PowertoolsLogger } from '@aws-lambda-powertools/logger';

/** The service name every log line and metric carries. */
export const SERVICE_NAME = 'news-timeline';

export type LogFields = Record<string, unknown>;

/**
 * What the function's code logs through: the four levels, a message and structured fields.
 * Powertools' Logger is one (it also serializes errors with their cause chain); tests pass an
 * in-memory one.
 */
export interface Logger {
  debug(message: string, ...fields: LogFields[]): void;
  info(message: string, ...fields: LogFields[]): void;
  warn(message: string, ...fields: LogFields[]): void;
  error(message: string, ...fields: LogFields[]): void;
}

export type LogLevel = 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'SILENT';

/**
 * Powertools for AWS Lambda's logger: one JSON object per line with level, message, service,
 * timestamp and, once {@link PowertoolsLogger.addContext} has run, the Lambda request id and the
 * cold-start flag. `POWERTOOLS_LOG_LEVEL` (or Lambda's own log level) overrides `level`. Info and
 * debug go to stdout, warnings and errors to stderr.
 *
 * @example createLogger({ level: 'WARN' }).error('article rejected', { bucket, key, reason })
 */
export function createLogger(options: { level?: LogLevel } = {}): PowertoolsLogger {
  return new PowertoolsLogger({ serviceName: SERVICE_NAME, logLevel: options.level ?? 'INFO' });
}
