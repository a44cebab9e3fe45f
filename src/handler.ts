// Placeholder until the real handler lands; exists so packaging can be wired up in parallel.
import type { S3Event } from 'aws-lambda';

export const handler = async (event: S3Event): Promise<{ records: number }> => ({
  records: event.Records.length,
});
