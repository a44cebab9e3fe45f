import {
  CreateBucketCommand,
  DeleteObjectCommand,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { inject } from 'vitest';
import { createS3Client, RADOSGW_DIALECT, S3Storage } from '../../src/adapters/s3-storage.ts';
import { readObject } from '../support/s3-server.ts';

export const RADOSGW = inject('radosgw');

/** A client of the suite's radosgw, or of a proxy in front of it. */
export function radosgwClient(options: { endpoint?: string; requestTimeoutMs?: number } = {}): S3Client {
  return createS3Client({
    endpoint: options.endpoint ?? RADOSGW.endpoint,
    credentials: { accessKeyId: RADOSGW.accessKeyId, secretAccessKey: RADOSGW.secretAccessKey },
    ...(options.requestTimeoutMs ? { requestTimeoutMs: options.requestTimeoutMs } : {}),
  });
}

export const radosgwStorage = (client: S3Client) => new S3Storage(client, { dialect: RADOSGW_DIALECT });

let buckets = 0;

/** A fresh bucket with helpers to put, read and delete objects in it. */
export async function newBucket(client: S3Client, label: string) {
  buckets += 1;
  const bucket = `${label}-${process.pid}-${Date.now().toString(36)}-${buckets}`.toLowerCase().slice(0, 63);
  await client.send(new CreateBucketCommand({ Bucket: bucket }));
  return {
    bucket,
    put: async (
      key: string,
      body: string | Uint8Array,
      metadata?: Record<string, string>,
      contentType?: string,
    ) => {
      const answer = await client.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: key,
          Body: body,
          ...(metadata ? { Metadata: metadata } : {}),
          ...(contentType ? { ContentType: contentType } : {}),
        }),
      );
      return answer.ETag ?? '';
    },
    delete: async (key: string) => {
      await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
    },
    read: (key: string) => readObject(client, bucket, key),
  };
}

export type TestBucket = Awaited<ReturnType<typeof newBucket>>;
