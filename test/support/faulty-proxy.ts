import { createServer, type IncomingMessage, request, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** What the proxy does instead of forwarding a request faithfully. */
export type Fault =
  /** Answers with this status and an S3 error document (`SlowDown`, `InternalError`…). */
  | { readonly kind: 'status'; readonly status: number; readonly code: string }
  /** Never answers: the client's request timeout has to cut it. */
  | { readonly kind: 'hang' }
  /** Forwards the request (the server acts on it) and drops the connection before the answer. */
  | { readonly kind: 'drop-response' };

export interface FaultRule {
  readonly method: string;
  /** Matches the decoded request path, e.g. `/bucket/timelines/`. */
  readonly path: RegExp;
  /** How many matching requests get the fault (Infinity: all). */
  readonly times: number;
  readonly fault: Fault;
}

export interface FaultyProxy {
  readonly endpoint: string;
  /** Adds a rule; the counter tells how many requests it has hit. */
  inject(rule: FaultRule): { readonly hits: number };
  clear(): void;
  close(): Promise<void>;
}

function consume(req: IncomingMessage): Promise<void> {
  return new Promise((resolve) => {
    req.on('data', () => {});
    req.on('end', resolve);
    req.on('error', () => resolve());
  });
}

/**
 * An HTTP proxy on 127.0.0.1 in front of an S3 server that fails requests as S3 and networks do
 * (the faults a real server cannot be made to produce on demand). The client signs for the
 * proxy's host; the proxy forwards the Host header as it came, so signatures still hold.
 */
export async function startFaultyProxy(target: string): Promise<FaultyProxy> {
  const upstream = new URL(target);
  const rules: Array<FaultRule & { remaining: number; counter: { hits: number } }> = [];
  const sockets = new Set<Socket>();

  const forward = (req: IncomingMessage, res: ServerResponse, dropAnswer: boolean) => {
    const outgoing = request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
      },
      (answer) => {
        if (dropAnswer) {
          answer.resume();
          answer.on('end', () => res.socket?.destroy());
          return;
        }
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    outgoing.on('error', () => res.socket?.destroy());
    req.pipe(outgoing);
  };

  const server = createServer(async (req, res) => {
    const path = decodeURIComponent((req.url ?? '').split('?')[0] ?? '');
    const rule = rules.find(
      (candidate) => candidate.remaining > 0 && candidate.method === req.method && candidate.path.test(path),
    );
    if (!rule) {
      forward(req, res, false);
      return;
    }
    rule.remaining -= 1;
    rule.counter.hits += 1;
    const { fault } = rule;
    if (fault.kind === 'drop-response') {
      forward(req, res, true);
      return;
    }
    await consume(req);
    if (fault.kind === 'hang') return; // the socket is destroyed by the client or by close()
    const body = `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${fault.code}</Code><Message>injected fault</Message></Error>`;
    res.writeHead(fault.status, {
      'Content-Type': 'application/xml',
      'Content-Length': Buffer.byteLength(body),
    });
    res.end(body);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    inject: (rule) => {
      const counter = { hits: 0 };
      rules.push({ ...rule, remaining: rule.times, counter });
      return counter;
    },
    clear: () => {
      rules.length = 0;
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
