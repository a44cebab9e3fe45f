import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { messageGroupOf } from '../src/adapters/sqs-queue.ts';
import type { ReportChanged, ReportQueue } from '../src/ports.ts';

/** What the consumer says of a batch: the ids of the messages that failed (SQS partial batch response). */
export interface BatchResult {
  readonly batchItemFailures: ReadonlyArray<{ readonly itemIdentifier: string }>;
}

export interface LocalFifoQueueOptions {
  /** Called with one batch at a time per message group, as Lambda's SQS poller calls a function. */
  readonly consume: (event: SQSEvent) => Promise<BatchResult>;
  /** Messages per batch (the event source mapping's BatchSize). Default 10. */
  readonly batchSize?: number;
  /** Receives before a message goes to the dead-letter list (the redrive policy). Default 3. */
  readonly maxReceiveCount?: number;
  /** Waits before a failed batch's messages are delivered again (the visibility timeout). */
  readonly redeliveryDelayMs?: number;
}

interface Pending {
  readonly id: string;
  readonly group: string;
  readonly body: string;
  readonly deduplicationId: string;
  receiveCount: number;
}

/**
 * A queue with the semantics of SQS FIFO that the compactor relies on, in process: messages of
 * one group are delivered in the order sent, one batch of a group in flight at a time, and a
 * failed message (with every later one of its group) is delivered again, until its receive count
 * reaches `maxReceiveCount` and it moves to `deadLetters`. A message whose deduplication id is
 * already waiting in its group is dropped (SQS drops it for five minutes). Groups are consumed
 * concurrently. Used by the local stack, the benchmarks and the tests: no SQS-compatible server
 * from npm or Debian speaks the current SDK's JSON protocol with FIFO groups (see README).
 */
export class LocalFifoQueue implements ReportQueue {
  readonly #options: Required<LocalFifoQueueOptions>;
  readonly #groups = new Map<string, Pending[]>();
  readonly #inFlight = new Set<string>();
  readonly #idleWaiters: Array<() => void> = [];
  readonly deadLetters: ReportChanged[] = [];
  #sent = 0;
  #running = 0;

  constructor(options: LocalFifoQueueOptions) {
    this.#options = { batchSize: 10, maxReceiveCount: 3, redeliveryDelayMs: 0, ...options };
  }

  async send(message: ReportChanged, deduplicationId: string): Promise<void> {
    const group = messageGroupOf(message.bucket, message.collection);
    const waiting = this.#groups.get(group) ?? [];
    if (waiting.some((pending) => pending.deduplicationId === deduplicationId)) return;
    this.#sent += 1;
    waiting.push({
      id: `local-${this.#sent}`,
      group,
      body: JSON.stringify(message),
      deduplicationId,
      receiveCount: 0,
    });
    this.#groups.set(group, waiting);
    this.#pump(group);
  }

  /** Resolves once every message sent so far was consumed or dead-lettered. */
  idle(): Promise<void> {
    if (this.#running === 0 && [...this.#groups.values()].every((list) => list.length === 0))
      return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  #pump(group: string): void {
    if (this.#inFlight.has(group)) return;
    const waiting = this.#groups.get(group) ?? [];
    if (waiting.length === 0) {
      this.#groups.delete(group);
      this.#settle();
      return;
    }
    const batch = waiting.splice(0, this.#options.batchSize);
    this.#inFlight.add(group);
    this.#running += 1;
    void this.#deliver(group, batch).finally(() => {
      this.#inFlight.delete(group);
      this.#running -= 1;
      this.#pump(group);
    });
  }

  async #deliver(group: string, batch: Pending[]): Promise<void> {
    for (const pending of batch) pending.receiveCount += 1;
    let failedFrom = batch.length;
    try {
      const result = await this.#options.consume({ Records: batch.map(recordOf) });
      const failed = new Set(result.batchItemFailures.map((failure) => failure.itemIdentifier));
      const first = batch.findIndex((pending) => failed.has(pending.id));
      if (first !== -1) failedFrom = first;
    } catch {
      failedFrom = 0; // the whole batch failed
    }
    if (failedFrom === batch.length) return;
    // FIFO: the first failed message and every later one of the group come back, in order.
    const retry = batch.slice(failedFrom).filter((pending) => {
      if (pending.receiveCount < this.#options.maxReceiveCount) return true;
      this.deadLetters.push(JSON.parse(pending.body) as ReportChanged);
      return false;
    });
    if (this.#options.redeliveryDelayMs > 0)
      await new Promise((resolve) => setTimeout(resolve, this.#options.redeliveryDelayMs));
    this.#groups.set(group, [...retry, ...(this.#groups.get(group) ?? [])]);
  }

  #settle(): void {
    if (this.#running > 0 || [...this.#groups.values()].some((list) => list.length > 0)) return;
    for (const resolve of this.#idleWaiters.splice(0)) resolve();
  }
}

function recordOf(pending: Pending): SQSRecord {
  return {
    messageId: pending.id,
    receiptHandle: pending.id,
    body: pending.body,
    attributes: {
      ApproximateReceiveCount: String(pending.receiveCount),
      SentTimestamp: String(Date.now()),
      SenderId: 'news-timeline-local',
      ApproximateFirstReceiveTimestamp: String(Date.now()),
      MessageGroupId: pending.group,
      MessageDeduplicationId: pending.deduplicationId,
    },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:news-timeline-local-reports.fifo',
    awsRegion: 'us-east-1',
  };
}
