import type { S3Client } from '@aws-sdk/client-s3';
import type { Timeline } from '../../src/core/timeline.ts';
import { createHandler, type HandlerEvent, type HandlerSummary } from '../../src/handler.ts';
import { testDependencies } from '../support/handler-deps.ts';
import { radosgwStorage, type TestBucket } from './radosgw.ts';
import {
  notificationOf,
  STORY_METADATA,
  seededRandom,
  sequencerSource,
  shuffled,
  storyText,
} from './story.ts';

/** The suite's tallies, for the line it prints at the end. */
export const tally = {
  concurrentUploads: 0,
  conflictsRetried: 0,
  lost: 0,
  resurrected: 0,
  badInputsRejected: 0,
  timelinesCorrupted: 0,
};

/** Handler dependencies on radosgw with real jittered waits between compare-and-swap attempts. */
export function radosgwHandler(client: S3Client, maxAttempts = 8) {
  const storage = radosgwStorage(client);
  const deps = testDependencies(client, {
    articles: storage,
    timelines: storage,
    maxAttempts,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  });
  return { handler: createHandler(deps), deps };
}

/** A timeline as stored, with `updatedAt` blanked: what "byte for byte apart from updatedAt" compares. */
export function withoutUpdatedAt(body: string | undefined): string | undefined {
  if (body === undefined) return undefined;
  return JSON.stringify({ ...(JSON.parse(body) as Timeline), updatedAt: '' }, null, 2);
}

interface Change {
  readonly key: string;
  readonly kind: 'put' | 'delete';
  readonly version: number;
}

export interface ChaosResult {
  readonly collection: string;
  readonly deliveries: number;
  readonly failedInvocations: number;
  /** Why they failed (Lambda would retry them, and so does the run). */
  readonly failures: readonly string[];
  readonly conflicts: number;
  readonly stale: number;
  /** Every key's last change, with its sequencer and (for a put) the bytes it left. */
  readonly finalState: ReadonlyMap<string, { kind: 'put' | 'delete'; sequencer: string; body?: string }>;
}

/**
 * 50 articles uploaded one after another, with 10 deletes and 10 re-uploads of a changed version
 * mixed in; every change's notification delivered 3 times, in random order, to `workers`
 * concurrent invocations; an invocation that fails is delivered again, as Lambda retries (twice).
 */
export async function runChaos(
  client: S3Client,
  s3: TestBucket,
  seed: number,
  options: { articles?: number; workers?: number } = {},
): Promise<ChaosResult> {
  const random = seededRandom(seed);
  const articles = options.articles ?? 50;
  const collection = `story-${seed}`;
  // Keys as users write them: spaces, a plus, unicode.
  const keyOf = (index: number) =>
    `articles/${collection}/${index % 3 === 0 ? `report ${index}` : index % 3 === 1 ? `r+${index}` : `dépêche-${index}`}.txt`;
  const changes: Change[] = Array.from({ length: articles }, (_, index) => ({
    key: keyOf(index),
    kind: 'put' as const,
    version: 1,
  }));
  const picked = shuffled(
    Array.from({ length: articles }, (_, index) => index),
    random,
  );
  const extra: Array<{ index: number; change: Change }> = [
    ...picked
      .slice(0, 10)
      .map((index) => ({ index, change: { key: keyOf(index), kind: 'delete' as const, version: 0 } })),
    ...picked
      .slice(10, 20)
      .map((index) => ({ index, change: { key: keyOf(index), kind: 'put' as const, version: 2 } })),
  ];
  for (const { index, change } of extra) {
    // Somewhere after the key's first upload.
    const first = changes.findIndex((candidate) => candidate.key === keyOf(index));
    const at = first + 1 + Math.floor(random() * (changes.length - first));
    changes.splice(at, 0, change);
  }

  const nextSequencer = sequencerSource();
  const finalState = new Map<string, { kind: 'put' | 'delete'; sequencer: string; body?: string }>();
  const pending: Array<{ event: HandlerEvent; tries: number }> = [];
  let uploading = true;
  let deliveries = 0;
  let failedInvocations = 0;
  let conflicts = 0;
  let stale = 0;
  const failures: string[] = [];

  const uploader = (async () => {
    for (const change of changes) {
      const sequencer = nextSequencer();
      let etag: string | undefined;
      if (change.kind === 'put') {
        const body = storyText(Number(/(\d+)\.txt$/.exec(change.key)?.[1]), change.version);
        etag = await s3.put(change.key, body, STORY_METADATA);
        finalState.set(change.key, { kind: 'put', sequencer, body });
      } else {
        await s3.delete(change.key);
        finalState.set(change.key, { kind: 'delete', sequencer });
      }
      // S3 sends the notification after the change, at least once: here three times.
      for (let copy = 0; copy < 3; copy += 1) {
        const at = Math.floor(random() * (pending.length + 1));
        pending.splice(at, 0, {
          event: notificationOf(s3.bucket, change.key, change.kind, sequencer, etag),
          tries: 0,
        });
      }
      await new Promise((resolve) => setTimeout(resolve, random() * 6));
    }
    uploading = false;
  })();

  const worker = async () => {
    const { handler } = radosgwHandler(client);
    for (;;) {
      const next = pending.splice(Math.floor(random() * pending.length), 1)[0];
      if (!next) {
        if (!uploading) return;
        await new Promise((resolve) => setTimeout(resolve, 2));
        continue;
      }
      deliveries += 1;
      try {
        const summary: HandlerSummary = await handler(next.event);
        for (const outcome of summary.synced) {
          conflicts += outcome.conflicts;
          if (outcome.result === 'stale') stale += 1;
        }
      } catch (error) {
        failedInvocations += 1;
        failures.push(
          String(
            (error as Error).cause instanceof AggregateError
              ? ((error as Error).cause as AggregateError).errors
                  .map((e) => `${e.name}: ${e.message}`)
                  .join('; ')
              : error,
          ),
        );
        if (next.tries < 2) pending.push({ event: next.event, tries: next.tries + 1 });
      }
    }
  };
  await Promise.all([uploader, ...Array.from({ length: options.workers ?? 8 }, worker)]);
  return { collection, deliveries, failedInvocations, failures, conflicts, stale, finalState };
}

/**
 * The timeline a single in-order run gives in a fresh bucket: the surviving objects uploaded
 * as they are now, each key's last notification delivered once, one at a time (the surviving
 * articles first, then the deletes, whose ledger entries the chaotic run also keeps).
 */
export async function referenceRun(
  client: S3Client,
  reference: TestBucket,
  chaos: ChaosResult,
): Promise<string | undefined> {
  const { handler } = radosgwHandler(client);
  const keys = [...chaos.finalState.keys()].sort();
  for (const key of keys) {
    const state = chaos.finalState.get(key);
    if (state?.kind !== 'put' || state.body === undefined) continue;
    const etag = await reference.put(key, state.body, STORY_METADATA);
    await handler(notificationOf(reference.bucket, key, 'put', state.sequencer, etag));
  }
  for (const key of keys) {
    const state = chaos.finalState.get(key);
    if (state?.kind === 'delete')
      await handler(notificationOf(reference.bucket, key, 'delete', state.sequencer));
  }
  return (await reference.read(`timelines/${chaos.collection}.json`))?.body;
}
