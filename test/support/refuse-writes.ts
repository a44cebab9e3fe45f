import { type S3Client, S3ServiceException } from '@aws-sdk/client-s3';

/** The errors S3 answers a lost conditional write with. */
export const LOST_RACE = {
  412: {
    name: 'PreconditionFailed',
    message: 'At least one of the pre-conditions you specified did not hold',
  },
  409: { name: 'ConditionalRequestConflict', message: 'A conflicting conditional operation is in progress' },
} as const;

/**
 * Makes `client` refuse the writes of keys `which` accepts the way S3 refuses a lost
 * compare-and-swap (a fault s3rver cannot produce: it ignores the conditions). `before` runs
 * first, e.g. a real concurrent write. Returns a counter of refusals.
 */
export function refuseWrites(
  client: S3Client,
  options: {
    which: (key: string) => boolean;
    status: 412 | 409;
    times: number;
    before?: () => Promise<void>;
  },
): { readonly refused: number } {
  const counter = { refused: 0 };
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const key = (args.input as { Key?: string }).Key;
      if (
        context.commandName === 'PutObjectCommand' &&
        key !== undefined &&
        options.which(key) &&
        counter.refused < options.times
      ) {
        counter.refused += 1;
        await options.before?.();
        throw new S3ServiceException({
          ...LOST_RACE[options.status],
          $fault: 'client',
          $metadata: { httpStatusCode: options.status },
        });
      }
      return next(args);
    },
    { step: 'initialize', name: 'refuseWrites' },
  );
  return counter;
}
