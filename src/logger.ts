export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Readonly<Record<string, unknown>>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

const LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];

/** Errors as plain data, with their cause chain: `JSON.stringify(new Error())` is `{}`. */
export function serializeError(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  return {
    name: error.name,
    message: error.message,
    ...(error.cause !== undefined ? { cause: serializeError(error.cause) } : {}),
  };
}

/**
 * One JSON object per line, the shape CloudWatch Logs Insights queries well (as Powertools does).
 *
 * @example createLogger({ level: 'info' }).error('article rejected', { key, error })
 */
export function createLogger(options: { level?: LogLevel; write?: (line: string) => void } = {}): Logger {
  const threshold = LEVELS.indexOf(options.level ?? 'info');
  const write = options.write ?? ((line: string) => process.stdout.write(`${line}\n`));
  const log =
    (level: LogLevel) =>
    (message: string, fields: LogFields = {}): void => {
      if (LEVELS.indexOf(level) < threshold) return;
      const entries = Object.entries(fields).map(([name, value]) => [name, serializeError(value)]);
      write(JSON.stringify({ level, message, ...Object.fromEntries(entries) }));
    };
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}
