import { readFile } from 'node:fs/promises';
import { TimelineError } from '../core/errors.ts';
import type { HandlerEvent } from '../handler.ts';

const SHAPE =
  '{"Records": [{"eventSource": "aws:s3", "eventName": …, "s3": {"bucket": {"name": …}, "object": {"key": …}}}]}';
const expected = (shape: string) =>
  `invoke takes an S3 notification as S3 sends it${shape}, like events/s3-put.json`;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * What keeps `value` from being an S3 notification the article function can run on, or
 * undefined when it is one (S3's one-off `s3:TestEvent` included).
 *
 * @example s3EventProblem({ Records: [{ eventSource: 'aws:sqs' }] }) // 'Records[0] is an aws:sqs event, not aws:s3'
 */
export function s3EventProblem(value: unknown): string | undefined {
  if (!isObject(value))
    return `it is ${Array.isArray(value) ? 'an array' : `a ${typeof value}`}, not an object`;
  if (value.Records === undefined && value.Event === 's3:TestEvent') return undefined;
  if (!Array.isArray(value.Records)) return 'it has no "Records" list';
  if (value.Records.length === 0) return 'its "Records" list is empty';
  for (const [index, record] of value.Records.entries()) {
    const at = `Records[${index}]`;
    if (!isObject(record)) return `${at} is not an object`;
    if (record.eventSource !== 'aws:s3')
      return typeof record.eventSource === 'string'
        ? `${at} is an ${record.eventSource} event, not aws:s3`
        : `${at} has no "eventSource": "aws:s3"`;
    if (typeof record.eventName !== 'string') return `${at} has no "eventName"`;
    const s3 = record.s3;
    if (!isObject(s3)) return `${at} has no "s3"`;
    if (!isObject(s3.bucket) || typeof s3.bucket.name !== 'string') return `${at} has no "s3.bucket.name"`;
    if (!isObject(s3.object) || typeof s3.object.key !== 'string') return `${at} has no "s3.object.key"`;
  }
  return undefined;
}

/**
 * The S3 event in a JSON file, for `invoke`. A file that is not JSON, or JSON that is not an S3
 * notification, is an error that says which and what was expected.
 */
export async function readEventFile(file: string): Promise<HandlerEvent> {
  const text = await readFile(file, 'utf8');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new TimelineError(`${file} is not JSON (${(error as Error).message}): ${expected('')}`, {
      cause: error,
    });
  }
  const problem = s3EventProblem(value);
  if (problem) throw new TimelineError(`${file} is not an S3 event: ${problem}; ${expected(`, ${SHAPE}`)}`);
  return value as HandlerEvent;
}
