import { createHash } from 'node:crypto';
import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { TimelineError } from '../core/errors.ts';
import type { ReportChanged, ReportQueue } from '../ports.ts';

/** SQS allows 128 characters of ASCII letters, digits and punctuation in a MessageGroupId. */
const GROUP_ID_RE = /^[\x21-\x7e]{1,128}$/;

/**
 * The FIFO group of a collection's messages: the collection name when SQS accepts it as a group
 * id, else a hash of it (a name with spaces or non-ASCII letters). One group per collection is
 * what makes the compactor the one writer of its view.
 *
 * @example messageGroupOf('north-korea') // 'north-korea'
 */
export function messageGroupOf(bucket: string, collection: string): string {
  const plain = `${bucket}/${collection}`;
  return GROUP_ID_RE.test(plain) ? plain : `sha256:${createHash('sha256').update(plain).digest('hex')}`;
}

/** The report queue on SQS FIFO: one message group per collection. */
export class SqsReportQueue implements ReportQueue {
  readonly #client: SQSClient;
  readonly #queueUrl: string;

  constructor(client: SQSClient, queueUrl: string) {
    this.#client = client;
    this.#queueUrl = queueUrl;
  }

  async send(message: ReportChanged, deduplicationId: string): Promise<void> {
    try {
      await this.#client.send(
        new SendMessageCommand({
          QueueUrl: this.#queueUrl,
          MessageBody: JSON.stringify(message),
          MessageGroupId: messageGroupOf(message.bucket, message.collection),
          MessageDeduplicationId: deduplicationId,
        }),
      );
    } catch (error) {
      throw new TimelineError(`cannot tell the compactor of ${message.key} (${this.#queueUrl})`, {
        cause: error,
      });
    }
  }
}

/**
 * A message body as the article function sends it, or why it is not one (a message someone else
 * put on the queue: dropped with an error in the log, never retried).
 */
export function readReportChanged(body: string): ReportChanged | { readonly problem: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return { problem: 'not JSON' };
  }
  const message = parsed as Partial<ReportChanged> | null;
  if (
    typeof message !== 'object' ||
    message === null ||
    typeof message.bucket !== 'string' ||
    typeof message.collection !== 'string' ||
    typeof message.key !== 'string'
  )
    return { problem: 'not a {bucket, collection, key} object' };
  return { bucket: message.bucket, collection: message.collection, key: message.key };
}
