import type { S3Client } from '@aws-sdk/client-s3';

/** What one S3 client has sent and received over HTTP so far: body bytes and requests. */
export interface S3Traffic {
  /** Response body bytes (the object for a GET, the error document of a failure; none for a HEAD). */
  readonly bytesRead: number;
  /** Request body bytes (the object of a PUT). */
  readonly bytesWritten: number;
  /** HTTP requests, retries included. */
  readonly requests: number;
}

function byteLengthOf(body: unknown): number | undefined {
  if (typeof body === 'string') return Buffer.byteLength(body);
  if (body instanceof Uint8Array) return body.byteLength;
  return undefined;
}

function contentLengthOf(headers: Record<string, string> | undefined): number | undefined {
  if (!headers) return undefined;
  for (const [name, value] of Object.entries(headers)) {
    if (name.toLowerCase() === 'content-length') {
      const length = Number(value);
      return Number.isFinite(length) ? length : undefined;
    }
  }
  return undefined;
}

/**
 * Counts the body bytes `client` moves over HTTP from now on, and returns a reader of the running
 * totals. The middleware sits in the deserialize step, below the SDK's deserializer, so it sees
 * every attempt (the retry loop is one step up, in finalizeRequest) and the raw response before a
 * 404 or 412 is turned into an exception. Only this client is counted, not others on the server.
 *
 * @example const traffic = countS3Bytes(client); await client.send(get); traffic().bytesRead // 1234
 */
export function countS3Bytes(client: S3Client): () => S3Traffic {
  let bytesRead = 0;
  let bytesWritten = 0;
  let requests = 0;
  client.middlewareStack.add(
    (next) => async (args) => {
      const request = args.request as { method?: string; headers?: Record<string, string>; body?: unknown };
      requests += 1;
      bytesWritten += contentLengthOf(request.headers) ?? byteLengthOf(request.body) ?? 0;
      const result = await next(args);
      const response = result.response as { headers?: Record<string, string> };
      // A HEAD answers with the object's Content-Length but sends no body.
      if (request.method !== 'HEAD') bytesRead += contentLengthOf(response.headers) ?? 0;
      return result;
    },
    { step: 'deserialize', priority: 'low', name: 'countS3Bytes' },
  );
  return () => ({ bytesRead, bytesWritten, requests });
}
