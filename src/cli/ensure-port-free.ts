import { createServer } from 'node:net';
import { TimelineError } from '../core/errors.ts';

/**
 * What to say of a port someone else holds: which one, and the flag that picks another. One
 * wording for every server of the CLI (`whose` names it when a command starts two).
 *
 * @example portInUseMessage(4569, '127.0.0.1', '--viewer-port', "the viewer's")
 */
export function portInUseMessage(port: number, host: string, flag: string, whose?: string): string {
  return `port ${port} on ${host}${whose ? ` (${whose})` : ''} is in use: pick another with ${flag} N, or ${flag} 0 for any free one`;
}

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
      if (error.code === 'EADDRINUSE') reject(new PortInUseError(portInUseMessage(port, host, '--port')));
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
