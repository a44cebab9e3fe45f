import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TimelineCorruptError, TimelineError } from '../core/errors.ts';
import { collectionProblem, TIMELINES_PREFIX } from '../core/route-key.ts';
import { indexKeyOf } from '../core/view.ts';
import type { DocumentStore, StoredDocument } from '../ports.ts';
import { parseViewDocument } from '../read-view.ts';
import { parseViewDocumentKey } from './view-document-key.ts';

/** The only address the viewer listens on: the bucket is read with the user's credentials. */
export const VIEWER_HOST = '127.0.0.1';
/** The page's own files: plain HTML, CSS and ES modules, served as they are (no build step). */
const ASSETS_DIR = new URL('../../viewer/', import.meta.url);
const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};
const JSON_TYPE = 'application/json; charset=utf-8';
/** Every document but the index is named by a hash of its content: it never changes. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** The index is replaced by every update: always ask again (a conditional GET answers 304). */
const REVALIDATE = 'no-cache';
/**
 * The page runs only its own script and styles and talks only to this server; the texts it
 * shows come from the web, and the policy is the second guard behind building the DOM with
 * textContent.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
/** Immutable documents kept in memory: a reload, a second tab or a zoom back reads no S3 object. */
const DEFAULT_CACHE_BYTES = 32 * 1024 * 1024;

/** The port is taken: says which, so the command can say how to pick another. */
export class ViewerPortInUseError extends TimelineError {
  readonly port: number;
  constructor(port: number, options?: { cause?: unknown }) {
    super(`port ${port} on ${VIEWER_HOST} is in use`, options);
    this.name = 'ViewerPortInUseError';
    this.port = port;
  }
}

export interface ViewerServerOptions {
  /** Where the view is read: the S3 adapter, with the user's credentials. */
  readonly documents: DocumentStore;
  readonly bucket: string;
  /** The collections it serves; every collection of the bucket when undefined. */
  readonly collections?: readonly string[];
  /** 0 (the default) picks a free port. */
  readonly port?: number;
  /** Called with what failed on the server's side (S3 unreachable, a document not ours). */
  readonly onError?: (error: unknown) => void;
  readonly cacheBytes?: number;
}

export interface ViewerServer {
  /** `http://127.0.0.1:<port>`. */
  readonly url: string;
  readonly port: number;
  /** The page of one collection. */
  pageOf(collection: string): string;
  close(): Promise<void>;
}

/** An answer that is an error: its status and the message the page shows. */
class HttpError extends Error {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  constructor(status: number, message: string, headers: Record<string, string> = {}) {
    super(message);
    this.name = 'HttpError';
    this.status = status;
    this.headers = headers;
  }
}

/** A message with its causes, as the CLI prints our errors. */
function messageOf(error: unknown): string {
  let message = error instanceof Error ? error.message : String(error);
  for (
    let cause = error instanceof Error ? error.cause : undefined;
    cause instanceof Error;
    cause = cause.cause
  )
    message += `: ${cause.message || cause.name}`;
  return message;
}

/**
 * The decoded segments of a path, or an error: a segment that decodes to "." or "..", or holds a
 * slash or a backslash, could name another key than the one it seems to.
 */
function segmentsOf(path: string): string[] {
  return path
    .split('/')
    .slice(1)
    .map((raw) => {
      let segment: string;
      try {
        segment = decodeURIComponent(raw);
      } catch {
        throw new HttpError(400, `the path segment ${JSON.stringify(raw)} is not valid percent-encoding`);
      }
      if (segment === '.' || segment === '..' || /[/\\]/.test(segment))
        throw new HttpError(400, `the path segment ${JSON.stringify(raw)} is not a name`);
      return segment;
    });
}

/** A byte-bounded map that forgets the least recently read entry first. */
class DocumentCache {
  readonly #entries = new Map<string, StoredDocument>();
  readonly #limit: number;
  #bytes = 0;
  constructor(limit: number) {
    this.#limit = limit;
  }
  get(key: string): StoredDocument | undefined {
    const entry = this.#entries.get(key);
    if (entry) {
      this.#entries.delete(key);
      this.#entries.set(key, entry);
    }
    return entry;
  }
  set(key: string, entry: StoredDocument): void {
    if (entry.body.length > this.#limit || this.#entries.has(key)) return;
    this.#entries.set(key, entry);
    this.#bytes += entry.body.length;
    for (const [oldest, old] of this.#entries) {
      if (this.#bytes <= this.#limit) break;
      this.#entries.delete(oldest);
      this.#bytes -= old.body.length;
    }
  }
}

/**
 * The viewer's HTTP server on 127.0.0.1: the page (`/c/<collection>`, its files under `/assets/`)
 * and a read-only JSON API over the views of one bucket, read through `documents`:
 * - `GET /api/collections`: the collections it serves;
 * - `GET /api/collections/<c>/index`: the collection's index, with its ETag (`If-None-Match`
 *   answers 304: what the page polls);
 * - `GET /api/documents/<key>`: a month table, shard or article page of a served collection,
 *   nothing else of the bucket (`parseViewDocumentKey`), immutable.
 * Errors are JSON `{ "error": message, "status": n }`. Requests that name another host are refused
 * (a page elsewhere could otherwise reach this one by DNS rebinding).
 */
export async function startViewerServer(options: ViewerServerOptions): Promise<ViewerServer> {
  const { documents, bucket } = options;
  const only = options.collections ? new Set(options.collections) : undefined;
  const cache = new DocumentCache(options.cacheBytes ?? DEFAULT_CACHE_BYTES);
  const assets = new Set(
    (await readdir(ASSETS_DIR)).filter((name) => Object.hasOwn(CONTENT_TYPES, extensionOf(name))),
  );
  let port = options.port ?? 0;

  const served = (collection: string): void => {
    const problem = collectionProblem(collection);
    if (problem) throw new HttpError(400, `the collection name ${JSON.stringify(collection)} ${problem}`);
    if (only && !only.has(collection))
      throw new HttpError(
        404,
        `this viewer serves ${[...only].map((name) => JSON.stringify(name)).join(', ')}, not ${JSON.stringify(collection)}`,
      );
  };

  async function readChecked(key: string, kind: string, collection: string, known?: string) {
    const stored = await documents.read(bucket, key, known);
    if (stored === undefined || stored === 'not-modified') return stored;
    const where = `s3://${bucket}/${key}`;
    const document = parseViewDocument<{ collection?: unknown }>(where, stored.body, kind);
    if (document.collection !== collection)
      throw new TimelineCorruptError(where, `belongs to ${JSON.stringify(document.collection)}`);
    return stored;
  }

  async function index(collection: string, request: IncomingMessage, response: ServerResponse) {
    served(collection);
    const key = indexKeyOf(collection);
    const known = request.headers['if-none-match'];
    const stored = await readChecked(key, 'index', collection, known && known !== '*' ? known : undefined);
    if (stored === undefined)
      throw new HttpError(
        404,
        `no timeline for the collection ${JSON.stringify(collection)} in the bucket ${bucket}: ${key} does not exist (yet: it appears once an article under articles/${collection}/ is read)`,
      );
    const headers = {
      'cache-control': REVALIDATE,
      ...(stored === 'not-modified' ? {} : { etag: stored.etag }),
    };
    if (stored === 'not-modified') {
      reply(request, response, 304, { ...headers, ...(known ? { etag: known } : {}) });
      return;
    }
    reply(request, response, 200, { ...headers, 'content-type': JSON_TYPE }, stored.body);
  }

  async function document(key: string, request: IncomingMessage, response: ServerResponse) {
    const parsed = parseViewDocumentKey(key);
    if ('problem' in parsed)
      throw new HttpError(
        404,
        `${JSON.stringify(key)} ${parsed.problem}: only a view's documents are served`,
      );
    served(parsed.collection);
    let stored = cache.get(key);
    if (!stored) {
      const read = await readChecked(key, parsed.kind, parsed.collection);
      if (read === undefined || read === 'not-modified')
        throw new HttpError(
          404,
          `${key} is not in the bucket: the view was updated since its index was read (read the index again)`,
        );
      stored = read;
      cache.set(key, stored);
    }
    const headers = { 'cache-control': IMMUTABLE, etag: stored.etag };
    if (request.headers['if-none-match'] === stored.etag) reply(request, response, 304, headers);
    else reply(request, response, 200, { ...headers, 'content-type': JSON_TYPE }, stored.body);
  }

  async function collections(request: IncomingMessage, response: ServerResponse) {
    let names: string[];
    if (only) names = [...only];
    else {
      names = [];
      for await (const { key } of documents.list(bucket, TIMELINES_PREFIX)) {
        const [collection, name, ...rest] = key.slice(TIMELINES_PREFIX.length).split('/');
        if (collection && name === 'index.json' && rest.length === 0) names.push(collection);
      }
    }
    reply(
      request,
      response,
      200,
      { 'cache-control': 'no-store', 'content-type': JSON_TYPE },
      {
        bucket,
        collections: names.sort(),
      },
    );
  }

  async function asset(name: string, request: IncomingMessage, response: ServerResponse) {
    if (!assets.has(name)) throw new HttpError(404, `no such file: /assets/${name}`);
    const body = await readFile(new URL(name, ASSETS_DIR));
    const etag = `"${createHash('sha256').update(body).digest('hex').slice(0, 16)}"`;
    // Revalidated on every load: an upgraded viewer is picked up, an unchanged one costs a 304.
    const headers = {
      'cache-control': REVALIDATE,
      etag,
      ...(name.endsWith('.html') ? { 'content-security-policy': CONTENT_SECURITY_POLICY } : {}),
    };
    if (request.headers['if-none-match'] === etag) reply(request, response, 304, headers);
    else
      reply(
        request,
        response,
        200,
        { ...headers, 'content-type': CONTENT_TYPES[extensionOf(name)] ?? '' },
        body,
      );
  }

  async function route(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const host = request.headers.host ?? '';
    if (host !== `${VIEWER_HOST}:${port}` && host !== `localhost:${port}`)
      throw new HttpError(
        403,
        `this server answers only at http://${VIEWER_HOST}:${port}, not ${JSON.stringify(host)}`,
      );
    if (request.method !== 'GET' && request.method !== 'HEAD')
      throw new HttpError(405, `the viewer is read-only: ${request.method} is not allowed`, {
        allow: 'GET, HEAD',
      });
    const path = (request.url ?? '/').split('?')[0] as string;
    const [first, ...rest] = segmentsOf(path);
    if (first === 'api') {
      const [what, ...names] = rest;
      if (what === 'collections' && names.length === 0) return collections(request, response);
      if (what === 'collections' && names.length === 2 && names[1] === 'index')
        return index(names[0] as string, request, response);
      if (what === 'documents' && names.length > 0) return document(names.join('/'), request, response);
      throw new HttpError(404, `no such API route: ${path}`);
    }
    if (first === 'assets' && rest.length === 1) return asset(rest[0] as string, request, response);
    if (first === 'favicon.ico' && rest.length === 0) return asset('icon.svg', request, response);
    if (first === '' && rest.length === 0) {
      // One collection: its page is the home page.
      if (only?.size === 1) {
        reply(request, response, 302, {
          location: pageOf([...only][0] as string),
          'cache-control': 'no-store',
        });
        return;
      }
      return asset('index.html', request, response);
    }
    if (first === 'c' && rest.length === 1 && rest[0]) return asset('index.html', request, response);
    throw new HttpError(404, `no such page: ${path}`);
  }

  const server = createServer((request, response) => {
    route(request, response).catch((error: unknown) => {
      const status = error instanceof HttpError ? error.status : 502;
      if (!(error instanceof HttpError)) options.onError?.(error);
      const headers = error instanceof HttpError ? error.headers : {};
      if (response.headersSent) {
        response.destroy();
        return;
      }
      reply(
        request,
        response,
        status,
        { ...headers, 'cache-control': 'no-store', 'content-type': JSON_TYPE },
        {
          error: messageOf(error),
          status,
        },
      );
    });
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, VIEWER_HOST, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'EADDRINUSE') throw new ViewerPortInUseError(port, { cause: error });
    if (code === 'EACCES')
      throw new TimelineError(`port ${port} needs privileges on this machine: use one from 1024 up`, {
        cause: error,
      });
    throw new TimelineError(`cannot listen on ${VIEWER_HOST}:${port}`, { cause: error });
  }
  port = (server.address() as AddressInfo).port;
  const url = `http://${VIEWER_HOST}:${port}`;
  return {
    url,
    port,
    pageOf: (collection) => `${url}${pageOf(collection)}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // The page keeps a connection open between its polls.
        server.closeAllConnections();
      }),
  };
}

/** The path of a collection's page. */
const pageOf = (collection: string): string => `/c/${encodeURIComponent(collection)}`;

const extensionOf = (name: string): string => {
  const dot = name.lastIndexOf('.');
  return dot === -1 ? '' : name.slice(dot);
};

/** Writes the answer: a body for GET, the same headers and no body for HEAD and 304. */
function reply(
  request: IncomingMessage,
  response: ServerResponse,
  status: number,
  headers: Readonly<Record<string, string>>,
  body?: string | Buffer | object,
): void {
  const bytes =
    body === undefined
      ? undefined
      : typeof body === 'string' || Buffer.isBuffer(body)
        ? body
        : `${JSON.stringify(body)}\n`;
  response.writeHead(status, {
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cross-origin-resource-policy': 'same-origin',
    ...headers,
    ...(bytes === undefined ? {} : { 'content-length': String(Buffer.byteLength(bytes)) }),
  });
  response.end(request.method === 'HEAD' || status === 304 ? undefined : bytes);
}
