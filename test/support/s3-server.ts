import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import { createS3Client } from '../../src/adapters/s3-storage.ts';

export interface TestS3Server {
  readonly endpoint: string;
  readonly bucket: string;
  readonly client: S3Client;
  /** A fresh client on the same server (a second "Lambda container"). */
  newClient(): S3Client;
  put(key: string, body: string | Uint8Array, metadata?: Record<string, string>): Promise<void>;
  delete(key: string): Promise<void>;
  /** The raw stored object, or undefined when there is none. */
  read(key: string): Promise<{ body: string; etag: string } | undefined>;
  close(): Promise<void>;
}

/** The raw stored object as text with its ETag, or undefined when there is none. */
export async function readObject(
  client: S3Client,
  bucket: string,
  key: string,
): Promise<{ body: string; etag: string } | undefined> {
  try {
    const object = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    return { body: (await object.Body?.transformToString('utf-8')) ?? '', etag: object.ETag ?? '' };
  } catch (error) {
    if ((error as { name?: string }).name === 'NoSuchKey') return undefined;
    throw error;
  }
}

/** A real S3-compatible server (s3rver) over HTTP on a free 127.0.0.1 port, in a temp folder. */
export async function startS3Server(bucket = 'test-bucket'): Promise<TestS3Server> {
  const directory = await mkdtemp(join(tmpdir(), 'news-timeline-s3-'));
  const server = new S3rver({
    port: 0,
    address: '127.0.0.1',
    silent: true,
    directory,
    configureBuckets: [{ name: bucket, configs: [] }],
  });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  const clients: S3Client[] = [];
  const newClient = () => {
    const client = createS3Client({ endpoint });
    clients.push(client);
    return client;
  };
  const client = newClient();
  return {
    endpoint,
    bucket,
    client,
    newClient,
    put: async (key, body, metadata) => {
      await client.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: key,
          Body: body,
          ...(metadata ? { Metadata: metadata } : {}),
        }),
      );
    },
    delete: async (key) => {
      await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
    },
    read: (key) => readObject(client, bucket, key),
    close: async () => {
      for (const each of clients) each.destroy();
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
