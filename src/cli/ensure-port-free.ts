import { createServer } from 'node:net';
import { TimelineError } from '../core/errors.ts';

/**
 * Resolves when `port` on `host` can be listened on, and otherwise fails with what to do: another
 * port with `--port`. s3rver, for one, leaves a busy port as an unhandled 'error' event with its
 * stack, so a server is tried first. Port 0 (any free one) is always free.
 *
 * @example await ensurePortFree(4568); // PortInUseError: port 4568 on 127.0.0.1 is in use: …
 */
export async function ensurePortFree(port: number, host = '127.0.0.1'): Promise<void> {
  if (port === 0) return;
  await new Promise<void>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (error: Error & { code?: string }) => {
      if (error.code === 'EADDRINUSE')
        reject(
          new PortInUseError(
            `port ${port} on ${host} is in use (another news-timeline serve?): pick another with --port N, or --port 0 for any free one`,
          ),
        );
      else if (error.code === 'EACCES')
        reject(
          new PortInUseError(`port ${port} on ${host} needs privileges: pick one above 1023 with --port N`),
        );
      else reject(error);
    });
    probe.listen(port, host, () => probe.close(() => resolve()));
  });
}

/** The port asked for cannot be listened on. */
export class PortInUseError extends TimelineError {
  constructor(message: string) {
    super(message);
    this.name = 'PortInUseError';
  }
}
