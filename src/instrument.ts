import type { Logger as PowertoolsLogger } from '@aws-lambda-powertools/logger';
import type { Metrics } from '@aws-lambda-powertools/metrics';
import type { Context } from 'aws-lambda';

/**
 * The handler as Lambda calls it: each invocation's log lines carry its request id and cold-start
 * flag (Powertools' `addContext`), and its metrics are flushed as one EMF document at the end,
 * failed or not.
 */
export function instrumentHandler<Event, Result>(
  handle: (event: Event) => Promise<Result>,
  observability: { readonly logger: PowertoolsLogger; readonly metrics: Metrics },
): (event: Event, context: Context) => Promise<Result> {
  return async (event, context) => {
    observability.logger.addContext(context);
    observability.metrics.captureColdStartMetric();
    try {
      return await handle(event);
    } finally {
      observability.metrics.publishStoredMetrics();
    }
  };
}
