import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { SERVICE_NAME } from './logger.ts';

/** The CloudWatch namespace of the function's metrics. */
export const METRICS_NAMESPACE = 'NewsTimeline';

/** What the functions count; each a CloudWatch metric of unit Count. */
export type MetricName =
  /** Articles whose report now holds their events (the article function). */
  | 'ArticlesSynced'
  /** Articles whose report is now a tombstone (the object is gone). */
  | 'ArticlesRemoved'
  /** Dated events read from synced articles. */
  | 'EventsExtracted'
  /** Notifications older than what the report already holds for their key: nothing done. */
  | 'StaleNotifications'
  /** Writes that lost a compare-and-swap (a report, an index) and were done again. */
  | 'ConflictsRetried'
  /** Articles refused as bad input, with the dimension `reason` (a RejectionCode). */
  | 'InputsRejected'
  /** Records that failed (the invocation or the batch fails and is delivered again). */
  | 'RecordsFailed'
  /** Reports the compactor merged into a view (changed or removed). */
  | 'ReportsMerged'
  /** Documents the compactor wrote, the index included. */
  | 'ViewDocumentsWritten';

/** Where the function's counts go: CloudWatch in Lambda, nowhere or a list in tests. */
export interface MetricsRecorder {
  count(name: MetricName, value?: number, dimensions?: Readonly<Record<string, string>>): void;
}

export const NO_METRICS: MetricsRecorder = { count: () => {} };

/**
 * Powertools for AWS Lambda's metrics in CloudWatch's embedded metric format, flushed to stdout
 * with `publishStoredMetrics()` at the end of each invocation.
 */
export function createMetrics(): Metrics {
  return new Metrics({ namespace: METRICS_NAMESPACE, serviceName: SERVICE_NAME });
}

/**
 * Counts into Powertools' Metrics. A count with dimensions (a rejection's reason) is its own EMF
 * line (`singleMetric`), so that it does not add that dimension to every other metric of the
 * invocation.
 */
export function powertoolsRecorder(metrics: Metrics): MetricsRecorder {
  return {
    count(name, value = 1, dimensions) {
      if (!dimensions) {
        metrics.addMetric(name, MetricUnit.Count, value);
        return;
      }
      const single = metrics.singleMetric();
      for (const [dimension, dimensionValue] of Object.entries(dimensions))
        single.addDimension(dimension, dimensionValue);
      single.addMetric(name, MetricUnit.Count, value);
    },
  };
}
