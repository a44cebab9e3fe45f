import { createS3Client, S3Storage } from '../adapters/s3-storage.ts';
import { TimelineError } from '../core/errors.ts';
import { indexKeyOf } from '../core/view.ts';
import { readIndex } from '../read-view.ts';
import { startViewerServer, VIEWER_HOST, ViewerPortInUseError } from '../viewer/viewer-server.ts';
import type { CommandInput } from './command-line.ts';
import type { VIEW_FLAGS } from './commands.ts';
import { portInUseMessage } from './ensure-port-free.ts';

/**
 * A viewer port in use as a user should read it: which port, and the flag that picks another.
 * Any other error as it is.
 *
 * @example throw explainViewerPort(error, 4569, '--viewer-port');
 */
export function explainViewerPort(error: unknown, port: number, flag: string): unknown {
  if (!(error instanceof ViewerPortInUseError)) return error;
  return new TimelineError(portInUseMessage(port, VIEWER_HOST, flag, "the viewer's"));
}

/** Resolves on Ctrl-C or a TERM signal. */
const stopped = (): Promise<void> =>
  new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });

/**
 * `news-timeline view COLLECTION`: the viewer of one collection of any bucket, served on
 * 127.0.0.1, the view read through S3Storage with the user's credentials.
 */
export async function view({ values, positionals }: CommandInput<typeof VIEW_FLAGS>): Promise<number> {
  const collection = positionals[0] ?? '';
  const { bucket, endpoint, port } = values;
  const client = createS3Client(endpoint === 'aws' ? {} : { endpoint });
  const documents = new S3Storage(client);
  const where = `s3://${bucket}/${indexKeyOf(collection)}`;
  try {
    // Read once before serving: missing credentials or access say so here, not in the page.
    const stored = await readIndex(documents, bucket, collection);
    let server: Awaited<ReturnType<typeof startViewerServer>>;
    try {
      server = await startViewerServer({
        documents,
        bucket,
        collections: [collection],
        port,
        onError: (error) => {
          let message = error instanceof Error ? error.message : String(error);
          for (let cause = (error as Error).cause; cause instanceof Error; cause = cause.cause)
            message += `: ${cause.message || cause.name}`;
          process.stderr.write(`${message}\n`);
        },
      });
    } catch (error) {
      throw explainViewerPort(error, port, '--port');
    }
    const from = endpoint === 'aws' ? 'AWS, with your AWS credentials' : endpoint;
    process.stdout.write(
      `Viewer of s3://${bucket}/timelines/${collection}/ (read from ${from})\n\n  ${server.pageOf(collection)}\n\n`,
    );
    if (stored)
      process.stdout.write(
        `${stored.index.articles.count} articles, ${stored.index.months.reduce((sum, month) => sum + month.events, 0)} events; the page follows the view as it changes. Ctrl-C stops.\n`,
      );
    else
      process.stdout.write(
        `No timeline yet: ${where} does not exist. The page shows it once it is written. Ctrl-C stops.\n`,
      );
    await stopped();
    await server.close();
    process.stdout.write('stopped\n');
    return 0;
  } finally {
    client.destroy();
  }
}
