// The cold start of the two deployed functions against floors. Each is a bundle built with the
// deployed esbuild options (serverless.yml `custom.esbuild`, the same bytes `npm run package`
// zips), imported and invoked once in fresh `node` processes against servers on 127.0.0.1: an
// s3rver and a stand-in for SQS's SendMessage, both in this process. Used by `npm run bench`;
// prints numbers, asserts nothing.
import { spawn } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CreateBucketCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { S3Event, SQSEvent } from 'aws-lambda';
import { type BuildOptions, build } from 'esbuild';
import S3rver from 's3rver';
import { parse as parseYaml } from 'yaml';
import { encodeS3EventKey } from '../adapters/s3-key.ts';
import { createS3Client, S3Storage } from '../adapters/s3-storage.ts';
import { collectionOfKey } from '../core/route-key.ts';
import { readWholeTimeline } from '../read-view.ts';
import { median } from './median.ts';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const BENCH_DIR = fileURLToPath(new URL('./', import.meta.url));
const SERVERLESS_YML = join(REPO, 'serverless.yml');
const ARTICLE_FILE = join(REPO, 'events/articles/nk-talks-full.txt');

export const DEFAULT_COLD_START_RUNS = 15;
/** The targets: the article function at most 1.3x the whole-article floor, every bundle at most 1 MB. */
export const COLD_START_TARGET = { ratio: 1.3, bundleBytes: 1_000_000 } as const;

const SAMPLE_KEY = 'articles/north-korea/nk-talks-full.txt';
const SAMPLE_COLLECTION = collectionOfKey(SAMPLE_KEY) as string;
// As `npm start` uploads it (events/articles/manifest.json, src/cli/s3-commands.ts).
const SAMPLE_CONTENT_TYPE = 'text/plain; charset=utf-8';
const SAMPLE_METADATA = { published: '2018-11-08', timezone: 'America/New_York' } as const;
const SAMPLE_EVENT_TIME = '2018-11-08T14:05:00.000Z';
const SAMPLE_SEQUENCER = '0062E99A88DC407460';
// One sentence of the sample article with one date in it (paragraph 2).
const ONE_SENTENCE =
  "US and foreign sources close to the talks paint a picture that's starkly different from the image President Donald Trump sought to convey Wednesday.";
const REGION = 'us-east-1';
const ACCOUNT = '123456789012';
// s3rver's own credentials; the SQS stand-in checks none.
const S3RVER_CREDENTIALS = { AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER' } as const;

/**
 * serverless-esbuild's own settings, which it strips before calling esbuild (the list in its
 * dist/bundle.js). `exclude` and `outputFileExtension` are translated below; the rest do not change
 * what is built.
 */
const PLUGIN_ONLY_OPTIONS = new Set([
  'concurrency',
  'zipConcurrency',
  'exclude',
  'nativeZip',
  'packager',
  'packagePath',
  'watch',
  'keepOutputDirectory',
  'packagerOptions',
  'installExtraArgs',
  'outputFileExtension',
  'outputBuildFolder',
  'outputWorkFolder',
  'nodeExternals',
  'skipBuild',
  'skipRebuild',
  'skipBuildExcludeFns',
  'stripEntryResolveExtensions',
  'disposeContext',
]);

/** The esbuild options the deployed bundle is built with, and the extension of its file. */
export interface DeployedBuild {
  readonly options: BuildOptions;
  readonly extension: string;
}

function stringList(value: unknown, name: string): string[] {
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string'))
    throw new Error(`custom.esbuild.${name} in serverless.yml is not a list of strings`);
  return value;
}

/**
 * The build options of serverless.yml's `custom.esbuild`, turned into esbuild's as serverless-esbuild
 * does: its defaults under ours (`bundle`, `platform: node`, the target of `provider.runtime`,
 * `exclude: [aws-sdk]`), its own keys removed, `exclude` added to `external`. esbuild itself
 * rejects any key that is neither, so a new plugin option fails here rather than being ignored.
 *
 * @example (await readDeployedBuild()).extension // '.mjs'
 */
export async function readDeployedBuild(serverlessYml = SERVERLESS_YML): Promise<DeployedBuild> {
  const config = parseYaml(await readFile(serverlessYml, 'utf8')) as {
    provider?: { runtime?: string };
    custom?: { esbuild?: Record<string, unknown> };
  };
  const custom = config.custom?.esbuild;
  if (!custom) throw new Error(`no custom.esbuild in ${serverlessYml}`);
  // A JS config file replaces the YAML settings in serverless-esbuild; this reads only the YAML.
  if ('config' in custom) throw new Error(`custom.esbuild.config in ${serverlessYml} is not supported`);
  const runtimeVersion = /^nodejs(\d+)\.x$/.exec(config.provider?.runtime ?? '')?.[1];
  const settings: Record<string, unknown> = {
    bundle: true,
    platform: 'node',
    ...(runtimeVersion ? { target: `node${runtimeVersion}` } : {}),
    exclude: ['aws-sdk'],
    external: [],
    outputFileExtension: '.js',
    ...custom,
  };
  const exclude = stringList(settings.exclude, 'exclude');
  const external = stringList(settings.external, 'external');
  const extension = settings.outputFileExtension;
  if (typeof extension !== 'string') throw new Error('custom.esbuild.outputFileExtension is not a string');
  const options = Object.fromEntries(
    Object.entries(settings).filter(([key]) => !PLUGIN_ONLY_OPTIONS.has(key)),
  );
  return {
    options: { ...options, external: [...external, ...(exclude.includes('*') ? [] : exclude)] },
    extension,
  };
}

/** A function of serverless.yml: its name, handler, the source esbuild starts from and the bundle's path in the zip. */
export interface DeployedFunction {
  readonly name: string;
  readonly handler: string;
  readonly entry: string;
  readonly bundle: string;
}

const ENTRY_EXTENSIONS = ['.ts', '.mts', '.js', '.mjs'];

/**
 * The functions of serverless.yml, their entries resolved as serverless-esbuild does: the handler
 * `src/handler.handler` is the export `handler` of `src/handler` plus the first extension found,
 * bundled to `src/handler` plus `outputFileExtension`.
 *
 * @example (await readDeployedFunctions())[0] // { name: 'article', handler: 'src/handler.handler', entry: 'src/handler.ts', bundle: 'src/handler.mjs' }
 */
export async function readDeployedFunctions(serverlessYml = SERVERLESS_YML): Promise<DeployedFunction[]> {
  const config = parseYaml(await readFile(serverlessYml, 'utf8')) as {
    functions?: Record<string, { handler?: string }>;
  };
  const { extension } = await readDeployedBuild(serverlessYml);
  const root = dirname(serverlessYml);
  return Object.entries(config.functions ?? {}).map(([name, fn]) => {
    const handler = fn.handler ?? '';
    const base = handler.slice(0, handler.lastIndexOf('.'));
    const found = ENTRY_EXTENSIONS.find((ext) => existsSync(join(root, `${base}${ext}`)));
    if (!base || !found) throw new Error(`no source for the handler ${JSON.stringify(handler)} of ${name}`);
    return { name, handler, entry: `${base}${found}`, bundle: `${base}${extension}` };
  });
}

/**
 * Builds one function as serverless-esbuild does, into `dir` at the bundle's path in the zip (the
 * file name matters: the bundle ends with `//# sourceMappingURL=<its name>.map`). Returns the file.
 */
export async function buildDeployedFunction(fn: DeployedFunction, dir: string): Promise<string> {
  const deployed = await readDeployedBuild();
  const file = join(dir, fn.bundle);
  await build({
    ...deployed.options,
    entryPoints: [fn.entry],
    outfile: file,
    absWorkingDir: REPO,
    logLevel: 'warning',
  });
  return file;
}

/**
 * The plain-string environment serverless.yml gives a function (provider's, then its own), and
 * the names of those it sets from CloudFormation (`Ref: ReportsQueue`), which a bench fills in.
 */
export async function readDeployedEnvironment(
  name: string,
  serverlessYml = SERVERLESS_YML,
): Promise<{ variables: Record<string, string>; fromStack: string[] }> {
  const config = parseYaml(await readFile(serverlessYml, 'utf8')) as {
    provider?: { environment?: Record<string, unknown> };
    functions?: Record<string, { environment?: Record<string, unknown> }>;
  };
  const merged = { ...config.provider?.environment, ...config.functions?.[name]?.environment };
  const variables: Record<string, string> = {};
  const fromStack: string[] = [];
  for (const [key, value] of Object.entries(merged)) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
      variables[key] = String(value);
    else fromStack.push(key);
  }
  return { variables, fromStack };
}

/** The S3 notification of the sample article's upload to `bucket`, shaped like events/s3-put.json. */
export function samplePutEvent(bucket: string, size: number, etag: string): S3Event {
  return {
    Records: [
      {
        eventVersion: '2.1',
        eventSource: 'aws:s3',
        awsRegion: REGION,
        eventTime: SAMPLE_EVENT_TIME,
        eventName: 'ObjectCreated:Put',
        userIdentity: { principalId: 'AWS:AIDAJDPLRKLG7UEXAMPLE' },
        requestParameters: { sourceIPAddress: '127.0.0.1' },
        responseElements: {
          'x-amz-request-id': 'C3D13FE58DE4C810',
          'x-amz-id-2': 'FMyUVURIY8/IgAtTv8xRjskZQpcIZ9KG4V5Wp6S7S/JRWeUWerMUE5JgHvANOjpD',
        },
        s3: {
          s3SchemaVersion: '1.0',
          configurationId: 'news-timeline-articles',
          bucket: {
            name: bucket,
            ownerIdentity: { principalId: 'A3NL1KOZZKExample' },
            arn: `arn:aws:s3:::${bucket}`,
          },
          // S3 sends keys URL-encoded and ETags without their quotes; the handler decodes them.
          object: {
            key: encodeS3EventKey(SAMPLE_KEY),
            size,
            eTag: etag.replace(/"/g, ''),
            sequencer: SAMPLE_SEQUENCER,
          },
        },
      },
    ],
  };
}

/** A message as the SQS stand-in received it from SendMessage. */
export interface SentMessage {
  readonly queueUrl: string;
  readonly body: string;
  readonly groupId?: string;
  readonly deduplicationId?: string;
  readonly messageId: string;
}

/** The SQS event Lambda's poller would deliver for these messages: one batch, one record each. */
export function sqsEventOf(messages: readonly SentMessage[]): SQSEvent {
  return {
    Records: messages.map((message, at) => ({
      messageId: message.messageId,
      receiptHandle: `receipt-${message.messageId}`,
      body: message.body,
      attributes: {
        ApproximateReceiveCount: '1',
        SentTimestamp: String(Date.parse(SAMPLE_EVENT_TIME) + at),
        SenderId: 'AROAEXAMPLE:news-timeline-dev-article',
        ApproximateFirstReceiveTimestamp: String(Date.parse(SAMPLE_EVENT_TIME) + at),
        ...(message.groupId ? { MessageGroupId: message.groupId } : {}),
        ...(message.deduplicationId ? { MessageDeduplicationId: message.deduplicationId } : {}),
        SequenceNumber: String(18_000_000_000_000_000_000 + at),
      },
      messageAttributes: {},
      md5OfBody: createHash('md5').update(message.body).digest('hex'),
      eventSource: 'aws:sqs',
      eventSourceARN: `arn:aws:sqs:${REGION}:${ACCOUNT}:news-timeline-dev-reports.fifo`,
      awsRegion: REGION,
    })),
  };
}

function contextOf(name: string, memorySize: number) {
  const functionName = `news-timeline-dev-${name}`;
  return {
    awsRequestId: randomUUID(),
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${functionName}`,
    memoryLimitInMB: String(memorySize),
  };
}

/**
 * The floor of any function that reads an S3 object and parses its dates: the SDK's S3 client
 * built at module scope, one GetObject of the notified object (from the same server as ours) and
 * chrono's English parser over its text or over one sentence. `withSqsClient` also builds the
 * SDK's SQS client at module scope and sends nothing: what that client alone costs to bundle and
 * import, on top of the S3 client it shares most of its code with.
 */
function floorEntrySource(parsed: 'article' | 'sentence', withSqsClient = false): string {
  const text = parsed === 'article' ? 'await object.Body.transformToString()' : JSON.stringify(ONE_SENTENCE);
  return `import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
${withSqsClient ? "import { SQSClient } from '@aws-sdk/client-sqs';\n" : ''}import * as chrono from 'chrono-node/en';

const endpoint = process.env.S3_ENDPOINT;
export const client = new S3Client(endpoint ? { endpoint, forcePathStyle: true } : {});
${withSqsClient ? 'export const queue = new SQSClient({});\n' : ''}// The sample article's publication day, noon in New York.
const REFERENCE = { instant: new Date('2018-11-08T12:00:00-05:00'), timezone: -300 };

export async function handler(event) {
  const { bucket, object: notified } = event.Records[0].s3;
  const key = decodeURIComponent(notified.key.replace(/\\+/g, ' '));
  const object = await client.send(new GetObjectCommand({ Bucket: bucket.name, Key: key }));
  return chrono.casual.parse(${text}, REFERENCE).length;
}
`;
}

const SAMPLE_MARK = '@cold-start ';
// The measured script: times, from the start of its process, the import of a bundle (argv[2], a
// file URL) and one call of its `handler` with the event (argv[3]) and context (argv[4]); then
// the peak RSS. Plain JS, so that no loader is in the process. It exits once its line is out:
// the SDK's kept-alive sockets would hold the process a while.
const RUNNER_SOURCE = `const bootMs = performance.now();
const [bundle, eventJson, contextJson] = process.argv.slice(2);
const event = JSON.parse(eventJson);
const context = JSON.parse(contextJson);
const loaded = await import(bundle);
const importMs = performance.now();
const result = await loaded.handler(event, context);
const importInvokeMs = performance.now();
const maxRssKb = process.resourceUsage().maxRSS;
process.stdout.write('\\n${SAMPLE_MARK}' + JSON.stringify({ bootMs, importMs, importInvokeMs, maxRssKb, result }) + '\\n', () => process.exit(0));
`;

export type BundleName =
  | 'article'
  | 'compactor'
  | 'wholeArticleFloor'
  | 'sqsClientFloor'
  | 'oneSentenceFloor';

export interface ColdStartBundle {
  readonly name: BundleName;
  readonly label: string;
  readonly file: string;
  readonly bytes: number;
  readonly sourceMapBytes: number;
}

/** What is started in a fresh process each round: a bundle with an environment. */
export type SubjectName = BundleName | 'articleWithoutSourceMaps';

export interface ColdStartSubject {
  readonly name: SubjectName;
  readonly label: string;
  readonly bundle: ColdStartBundle;
  /** serverless.yml's environment for our functions (NODE_OPTIONS=--enable-source-maps among it). */
  readonly environment: Readonly<Record<string, string>>;
  readonly memorySize: number;
}

export interface ColdStartWorkspace {
  readonly dir: string;
  readonly runner: string;
  readonly bundles: readonly ColdStartBundle[];
  readonly subjects: readonly ColdStartSubject[];
}

const FUNCTION_LABELS: Readonly<Record<string, string>> = {
  article: 'article function',
  compactor: 'compactor',
};

async function memorySizeOf(name: string): Promise<number> {
  const config = parseYaml(await readFile(SERVERLESS_YML, 'utf8')) as {
    provider?: { memorySize?: number };
    functions?: Record<string, { memorySize?: number }>;
  };
  // Lambda's default when serverless.yml says nothing.
  return config.functions?.[name]?.memorySize ?? config.provider?.memorySize ?? 1024;
}

/**
 * Builds, into `dir`, the two deployed functions (as `npm run package` bundles them) and the
 * floors, all with the deployed options, and the script that times them.
 */
export async function buildColdStartBundles(dir: string): Promise<ColdStartWorkspace> {
  const deployed = await readDeployedBuild();
  const functions = await readDeployedFunctions();
  for (const name of ['article', 'compactor'])
    if (!functions.some((fn) => fn.name === name)) throw new Error(`no function ${name} in serverless.yml`);
  const sizes = async (file: string) => ({
    bytes: (await stat(file)).size,
    sourceMapBytes: deployed.options.sourcemap ? (await stat(`${file}.map`)).size : 0,
  });
  const ours = await Promise.all(
    functions
      .filter((fn) => fn.name === 'article' || fn.name === 'compactor')
      .map(async (fn): Promise<ColdStartBundle> => {
        const file = await buildDeployedFunction(fn, join(dir, fn.name));
        const label = `${FUNCTION_LABELS[fn.name]} (${fn.entry})`;
        return { name: fn.name as BundleName, label, file, ...(await sizes(file)) };
      }),
  );
  const floorEntries: ReadonlyArray<{ name: BundleName; label: string; source: string }> = [
    { name: 'wholeArticleFloor', label: 'whole-article floor', source: floorEntrySource('article') },
    {
      name: 'sqsClientFloor',
      label: 'whole-article floor + SQS client',
      source: floorEntrySource('article', true),
    },
    { name: 'oneSentenceFloor', label: 'one-sentence floor', source: floorEntrySource('sentence') },
  ];
  const floors = await Promise.all(
    floorEntries.map(async ({ name, label, source }): Promise<ColdStartBundle> => {
      const file = join(dir, `${name}${deployed.extension}`);
      await build({
        ...deployed.options,
        stdin: { contents: source, resolveDir: BENCH_DIR, sourcefile: `cold-start-${name}.js`, loader: 'js' },
        outfile: file,
        absWorkingDir: REPO,
        logLevel: 'warning',
      });
      return { name, label, file, ...(await sizes(file)) };
    }),
  );
  const bundles = [...ours, ...floors];
  const bundle = (name: BundleName) =>
    bundles.find((candidate) => candidate.name === name) as ColdStartBundle;
  const environment = async (name: string) => (await readDeployedEnvironment(name)).variables;
  const articleEnvironment = await environment('article');
  const { NODE_OPTIONS: _sourceMaps, ...articleWithoutSourceMaps } = articleEnvironment;
  const subjects: ColdStartSubject[] = [
    {
      name: 'article',
      label: bundle('article').label,
      bundle: bundle('article'),
      environment: articleEnvironment,
      memorySize: await memorySizeOf('article'),
    },
    {
      name: 'articleWithoutSourceMaps',
      label: 'article function, no NODE_OPTIONS',
      bundle: bundle('article'),
      environment: articleWithoutSourceMaps,
      memorySize: await memorySizeOf('article'),
    },
    {
      name: 'compactor',
      label: bundle('compactor').label,
      bundle: bundle('compactor'),
      environment: await environment('compactor'),
      memorySize: await memorySizeOf('compactor'),
    },
    ...floors.map((floor) => ({
      name: floor.name,
      label: floor.label,
      bundle: floor,
      environment: {},
      memorySize: 512,
    })),
  ];
  const runner = join(dir, 'run.mjs');
  await writeFile(runner, RUNNER_SOURCE);
  return { dir, runner, bundles, subjects };
}

/** The servers every process of a run talks to, on 127.0.0.1. */
export interface ColdStartServers {
  readonly s3Endpoint: string;
  /** The reports queue's URL; the SDK sends to the URL's host (its `useQueueUrlAsEndpoint`). */
  readonly queueUrl: string;
  /** A client of the S3 server, for setting up and checking rounds. */
  readonly client: S3Client;
  /** Every message SendMessage received, in order. */
  readonly messages: readonly SentMessage[];
  close(): Promise<void>;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * SQS's SendMessage as the current SDK speaks it (the JSON protocol, `X-Amz-Target:
 * AmazonSQS.SendMessage`), for one FIFO queue: a group id and a deduplication id are required
 * (the queue has no content-based deduplication), and the answer carries the body's MD5, which
 * the SDK checks. Anything else is refused. No queue server from npm or Debian speaks this
 * protocol with FIFO groups (README, infra/local-fifo-queue.ts), and the cold start needs only
 * the one call.
 */
async function startSendMessageServer(
  messages: SentMessage[],
  queuePath: string,
): Promise<{ server: Server; queueUrl: string }> {
  let queueUrl = '';
  const server = createServer((request, response) => {
    const reply = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/x-amz-json-1.0' });
      response.end(JSON.stringify(body));
    };
    const refuse = (type: string, message: string) =>
      reply(400, { __type: `com.amazonaws.sqs#${type}`, message });
    void readBody(request).then((text) => {
      const target = request.headers['x-amz-target'];
      if (request.method !== 'POST' || target !== 'AmazonSQS.SendMessage')
        return refuse('InvalidAction', `only SendMessage is served here, not ${String(target)}`);
      let input: Record<string, unknown>;
      try {
        input = JSON.parse(text) as Record<string, unknown>;
      } catch {
        return refuse('InvalidParameterValue', 'the request is not JSON');
      }
      if (input.QueueUrl !== queueUrl)
        return refuse('QueueDoesNotExist', `no queue ${String(input.QueueUrl)}`);
      if (typeof input.MessageBody !== 'string' || input.MessageBody === '')
        return refuse('MissingParameter', 'MessageBody');
      for (const name of ['MessageGroupId', 'MessageDeduplicationId'])
        if (typeof input[name] !== 'string') return refuse('MissingParameter', `${name} (a FIFO queue)`);
      const messageId = randomUUID();
      messages.push({
        queueUrl,
        body: input.MessageBody,
        groupId: input.MessageGroupId as string,
        deduplicationId: input.MessageDeduplicationId as string,
        messageId,
      });
      return reply(200, {
        MessageId: messageId,
        MD5OfMessageBody: createHash('md5').update(input.MessageBody).digest('hex'),
        SequenceNumber: String(18_000_000_000_000_000_000 + messages.length),
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  queueUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}${queuePath}`;
  return { server, queueUrl };
}

/** s3rver (no bucket yet: each round makes its own) and the SendMessage server, in `dir`. */
export async function startColdStartServers(dir: string): Promise<ColdStartServers> {
  const s3 = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: join(dir, 's3') });
  const { port } = (await s3.run()) as { port: number };
  const s3Endpoint = `http://127.0.0.1:${port}`;
  const messages: SentMessage[] = [];
  const sqs = await startSendMessageServer(messages, `/${ACCOUNT}/news-timeline-dev-reports.fifo`);
  const client = createS3Client({
    endpoint: s3Endpoint,
    credentials: {
      accessKeyId: S3RVER_CREDENTIALS.AWS_ACCESS_KEY_ID,
      secretAccessKey: S3RVER_CREDENTIALS.AWS_SECRET_ACCESS_KEY,
    },
  });
  return {
    s3Endpoint,
    queueUrl: sqs.queueUrl,
    client,
    messages,
    close: async () => {
      client.destroy();
      sqs.server.closeAllConnections();
      await new Promise<void>((resolve) => sqs.server.close(() => resolve()));
      await s3.close();
    },
  };
}

export interface ColdStartSample {
  /** Milliseconds from process start to the first line of the measured script (Node's own start-up). */
  readonly bootMs: number;
  readonly importMs: number;
  readonly importInvokeMs: number;
  /** Peak resident set size of the process, in KB (`process.resourceUsage().maxRSS`). */
  readonly maxRssKb: number;
  /** What the handler returned. */
  readonly result: unknown;
}

/**
 * One fresh `node` process importing the subject's bundle and invoking its handler once, with a
 * Lambda-like environment and nothing of ours: the subject's serverless.yml environment (so
 * `NODE_OPTIONS=--enable-source-maps` for our functions, nothing for the floors), the region
 * Lambda sets, s3rver's credentials so that the SDK looks for no others, HOME in the work
 * directory so that no ~/.aws is in reach, and the servers' addresses.
 */
export async function spawnColdStart(
  workspace: ColdStartWorkspace,
  subject: ColdStartSubject,
  servers: ColdStartServers,
  event: unknown,
): Promise<ColdStartSample> {
  const context = contextOf(subject.bundle.name, subject.memorySize);
  const args = [
    workspace.runner,
    pathToFileURL(subject.bundle.file).href,
    JSON.stringify(event),
    JSON.stringify(context),
  ];
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: workspace.dir,
    // Lambda runs its functions in UTC (TZ=:UTC).
    TZ: 'UTC',
    NODE_OPTIONS: '',
    AWS_REGION: REGION,
    // What Lambda sets and Powertools reads to tell a cold start.
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    ...S3RVER_CREDENTIALS,
    S3_ENDPOINT: servers.s3Endpoint,
    // Set from CloudFormation (`Ref: ReportsQueue`) when deployed.
    ...(subject.bundle.name === 'article' ? { REPORTS_QUEUE_URL: servers.queueUrl } : {}),
    ...subject.environment,
  };
  const child = spawn(process.execPath, args, { cwd: workspace.dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  const exit = await new Promise<{ code: number | null; signal: NodeJS.Signals | null; error?: Error }>(
    (resolve) => {
      child.once('error', (error) => resolve({ code: null, signal: null, error }));
      child.once('close', (code, signal) => resolve({ code, signal }));
    },
  ).finally(() => clearTimeout(timer));
  const line = stdout
    .split('\n')
    .findLast((text) => text.startsWith(SAMPLE_MARK))
    ?.slice(SAMPLE_MARK.length);
  if (exit.code !== 0 || line === undefined) {
    throw new Error(
      `cold start of ${subject.label} failed (exit ${exit.code ?? exit.signal}): ${stderr.trim() || exit.error?.message}`,
    );
  }
  return JSON.parse(line) as ColdStartSample;
}

/** A sample with what its invocation produced: events extracted, events in the view, or chrono's results. */
export interface CheckedSample extends ColdStartSample {
  readonly results: number;
}

async function uploadSample(
  servers: ColdStartServers,
  bucket: string,
  article: Uint8Array,
): Promise<S3Event> {
  await servers.client.send(new CreateBucketCommand({ Bucket: bucket }));
  const put = await servers.client.send(
    new PutObjectCommand({
      Bucket: bucket,
      Key: SAMPLE_KEY,
      Body: article,
      ContentType: SAMPLE_CONTENT_TYPE,
      Metadata: SAMPLE_METADATA,
    }),
  );
  return samplePutEvent(bucket, article.length, put.ETag ?? createHash('md5').update(article).digest('hex'));
}

/**
 * The article function's run on a fresh upload: its summary must say the article was reported
 * (a rejected or stale one would time much less than the work meant here), and it must have sent
 * exactly one message, about that article. Returns the events and the message.
 */
function checkArticleRun(
  subject: ColdStartSubject,
  sample: ColdStartSample,
  bucket: string,
  sent: readonly SentMessage[],
): { results: number; message: SentMessage } {
  const summary = sample.result as { synced?: Array<{ result: string; action: string; events: number }> };
  const outcome = summary.synced?.[0];
  if (summary.synced?.length !== 1 || outcome?.result !== 'updated' || outcome.action !== 'upsert')
    throw new Error(`${subject.label} did not report the sample article: ${JSON.stringify(summary)}`);
  const [message] = sent;
  const expected = JSON.stringify({ bucket, collection: SAMPLE_COLLECTION, key: SAMPLE_KEY });
  if (sent.length !== 1 || message?.body !== expected)
    throw new Error(`${subject.label} sent ${JSON.stringify(sent)}, not one message ${expected}`);
  return { results: outcome.events, message };
}

/**
 * One round: every subject once in a fresh process, in turn. Each article run gets a bucket of
 * its own with the sample article just uploaded (as the first notification of it); the compactor
 * then gets the message the first one sent, as one SQS batch, and must leave a view of that one
 * article; the floors read the article from the first bucket.
 */
export async function runColdStartRound(
  workspace: ColdStartWorkspace,
  servers: ColdStartServers,
  round: number,
): Promise<Record<SubjectName, CheckedSample>> {
  const article = await readFile(ARTICLE_FILE);
  const samples: Partial<Record<SubjectName, CheckedSample>> = {};
  let reported: { bucket: string; message: SentMessage; event: S3Event } | undefined;
  for (const subject of workspace.subjects) {
    if (subject.bundle.name === 'article') {
      const bucket = `cold-start-${round}-${subject.name === 'article' ? 'article' : 'no-source-maps'}`;
      const event = await uploadSample(servers, bucket, article);
      const before = servers.messages.length;
      const sample = await spawnColdStart(workspace, subject, servers, event);
      const checked = checkArticleRun(subject, sample, bucket, servers.messages.slice(before));
      samples[subject.name] = { ...sample, results: checked.results };
      if (subject.name === 'article') reported = { bucket, message: checked.message, event };
    } else if (subject.bundle.name === 'compactor') {
      if (!reported) throw new Error('the compactor runs after the article function');
      const sample = await spawnColdStart(workspace, subject, servers, sqsEventOf([reported.message]));
      const response = sample.result as { batchItemFailures?: unknown[] };
      if (!Array.isArray(response.batchItemFailures) || response.batchItemFailures.length > 0)
        throw new Error(`${subject.label} failed the batch: ${JSON.stringify(response)}`);
      const view = await readWholeTimeline(new S3Storage(servers.client), reported.bucket, SAMPLE_COLLECTION);
      if (view?.articles.length !== 1 || view.articles[0]?.key !== SAMPLE_KEY)
        throw new Error(`${subject.label} left no view of the sample article in ${reported.bucket}`);
      samples[subject.name] = { ...sample, results: view.events.length };
    } else {
      if (!reported) throw new Error('the floors read the article function’s bucket');
      const sample = await spawnColdStart(workspace, subject, servers, reported.event);
      if (typeof sample.result !== 'number')
        throw new Error(`${subject.label} returned ${JSON.stringify(sample.result)}, not chrono's results`);
      samples[subject.name] = { ...sample, results: sample.result };
    }
  }
  return samples as Record<SubjectName, CheckedSample>;
}

/**
 * The value below which `p` percent of `values` lie (nearest rank).
 *
 * @example percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90) // 9
 */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

export interface Spread {
  readonly median: number;
  readonly p90: number;
}

function spreadOf(values: readonly number[]): Spread {
  return { median: median(values), p90: percentile(values, 90) };
}

export interface Timing {
  readonly importMs: Spread;
  /** Import, then one invocation, from process start. */
  readonly importInvokeMs: Spread;
  /** Peak RSS of the process, MB. */
  readonly maxRssMb: Spread;
  /** Events the article function extracted, events in the compactor's view, or chrono's results. */
  readonly results: number;
}

export interface ColdStartReport {
  readonly node: string;
  readonly runs: number;
  /** Node's own start-up before the measured script runs, in every process alike. */
  readonly bootMs: Spread;
  /** The article function (import + invocation) / the whole-article floor (import + invocation), of the medians. */
  readonly ratio: number;
  /** The article function / the one-sentence floor, likewise. */
  readonly ratioOneSentence: number;
  /** The article function without serverless.yml's NODE_OPTIONS=--enable-source-maps / the whole-article floor. */
  readonly ratioWithoutSourceMaps: number;
  /** The compactor / the whole-article floor: for scale only, the floor does none of its work. */
  readonly compactorRatio: number;
  readonly article: Timing;
  readonly articleWithoutSourceMaps: Timing;
  readonly compactor: Timing;
  readonly floors: {
    readonly wholeArticle: Timing;
    readonly withSqsClient: Timing;
    readonly oneSentence: Timing;
  };
  /** What the SQS client adds to the whole-article floor: bundle bytes, import ms (medians). */
  readonly sqsClient: { readonly bytes: number; readonly importMs: number };
  readonly bundleBytes: Readonly<Record<BundleName, number>>;
  readonly sourceMapBytes: Readonly<Record<BundleName, number>>;
  readonly memorySize: { readonly article: number; readonly compactor: number };
  readonly target: typeof COLD_START_TARGET;
}

/**
 * Builds the bundles in a temporary directory, starts the servers, and runs `runs` rounds of
 * every subject in fresh processes, taking turns so that machine noise hits all alike, after
 * one untimed round (so that no bundle's first process after the build is among them).
 */
export async function measureColdStart(options: { runs?: number } = {}): Promise<ColdStartReport> {
  const runs = options.runs ?? DEFAULT_COLD_START_RUNS;
  const dir = await mkdtemp(join(tmpdir(), 'news-timeline-cold-start-'));
  let servers: ColdStartServers | undefined;
  try {
    const workspace = await buildColdStartBundles(dir);
    servers = await startColdStartServers(dir);
    const samples = new Map<SubjectName, CheckedSample[]>(
      workspace.subjects.map((subject) => [subject.name, []]),
    );
    for (let round = 0; round <= runs; round += 1) {
      const taken = await runColdStartRound(workspace, servers, round);
      if (round === 0) continue;
      for (const [name, sample] of Object.entries(taken)) samples.get(name as SubjectName)?.push(sample);
    }
    const timing = (name: SubjectName): Timing => {
      const of = samples.get(name) ?? [];
      return {
        importMs: spreadOf(of.map((sample) => sample.importMs)),
        importInvokeMs: spreadOf(of.map((sample) => sample.importInvokeMs)),
        maxRssMb: spreadOf(of.map((sample) => sample.maxRssKb / 1024)),
        results: of[0]?.results ?? Number.NaN,
      };
    };
    const article = timing('article');
    const compactor = timing('compactor');
    const floors = {
      wholeArticle: timing('wholeArticleFloor'),
      withSqsClient: timing('sqsClientFloor'),
      oneSentence: timing('oneSentenceFloor'),
    };
    const byName = (value: (bundle: ColdStartBundle) => number) =>
      Object.fromEntries(workspace.bundles.map((bundle) => [bundle.name, value(bundle)])) as Record<
        BundleName,
        number
      >;
    const bundleBytes = byName((bundle) => bundle.bytes);
    const memoryOf = (name: SubjectName) =>
      workspace.subjects.find((subject) => subject.name === name)?.memorySize ?? Number.NaN;
    const floor = floors.wholeArticle.importInvokeMs.median;
    return {
      node: process.version,
      runs,
      bootMs: spreadOf([...samples.values()].flat().map((sample) => sample.bootMs)),
      ratio: article.importInvokeMs.median / floor,
      ratioOneSentence: article.importInvokeMs.median / floors.oneSentence.importInvokeMs.median,
      ratioWithoutSourceMaps: timing('articleWithoutSourceMaps').importInvokeMs.median / floor,
      compactorRatio: compactor.importInvokeMs.median / floor,
      article,
      articleWithoutSourceMaps: timing('articleWithoutSourceMaps'),
      compactor,
      floors,
      sqsClient: {
        bytes: bundleBytes.sqsClientFloor - bundleBytes.wholeArticleFloor,
        importMs: floors.withSqsClient.importMs.median - floors.wholeArticle.importMs.median,
      },
      bundleBytes,
      sourceMapBytes: byName((bundle) => bundle.sourceMapBytes),
      memorySize: { article: memoryOf('article'), compactor: memoryOf('compactor') },
      target: COLD_START_TARGET,
    };
  } finally {
    await servers?.close();
    await rm(dir, { recursive: true, force: true });
  }
}

/** The report as the lines `npm run bench` prints. */
export function formatColdStart(report: ColdStartReport): string[] {
  const ms = (value: number, width: number) => (Number.isNaN(value) ? '-' : value.toFixed(1)).padStart(width);
  const rows: Array<[string, number, Timing]> = [
    ['article function (src/handler.ts)', report.bundleBytes.article, report.article],
    ['  without --enable-source-maps', report.bundleBytes.article, report.articleWithoutSourceMaps],
    ['compactor (src/compactor-handler.ts)', report.bundleBytes.compactor, report.compactor],
    ['whole-article floor', report.bundleBytes.wholeArticleFloor, report.floors.wholeArticle],
    ['whole-article floor + SQS client', report.bundleBytes.sqsClientFloor, report.floors.withSqsClient],
    ['one-sentence floor', report.bundleBytes.oneSentenceFloor, report.floors.oneSentence],
  ];
  const label = 38;
  const bundles = Object.entries(report.bundleBytes) as Array<[BundleName, number]>;
  const overBytes = bundles.filter(([, bytes]) => bytes > report.target.bundleBytes).map(([name]) => name);
  const { target } = report;
  return [
    `cold start (median and p90 of ${report.runs} fresh node processes per row, taking turns; ms from process`,
    `  start, node's own start-up ${report.bootMs.median.toFixed(1)} ms of it; bundles as npm run package builds them; S3 (s3rver)`,
    `  and SQS SendMessage on 127.0.0.1; our functions with serverless.yml's environment, memorySize`,
    `  ${report.memorySize.article} / ${report.memorySize.compactor} MB in the context only: the processes are not limited)`,
    `  ${'bundle'.padEnd(label)}${'bytes'.padStart(8)}${'import'.padStart(9)}${'p90'.padStart(7)}${'import+invoke'.padStart(15)}${'p90'.padStart(7)}${'RSS MB'.padStart(8)}`,
    ...rows.map(
      ([name, bytes, timing]) =>
        `  ${name.padEnd(label)}${String(bytes).padStart(8)}${ms(timing.importMs.median, 9)}${ms(timing.importMs.p90, 7)}${ms(timing.importInvokeMs.median, 15)}${ms(timing.importInvokeMs.p90, 7)}${ms(timing.maxRssMb.median, 8)}`,
    ),
    `  source maps: article ${report.sourceMapBytes.article} bytes, compactor ${report.sourceMapBytes.compactor} bytes`,
    `  events extracted by the article function: ${report.article.results}; in the compactor's view: ${report.compactor.results}; chrono results: whole article ${report.floors.wholeArticle.results}, one sentence ${report.floors.oneSentence.results}`,
    `  the SQS client adds ${report.sqsClient.bytes} bytes and ${report.sqsClient.importMs.toFixed(1)} ms of import to the whole-article floor`,
    '',
    `article / whole-article floor: ${report.ratio.toFixed(2)}x (import+invoke medians), ${report.ratio <= target.ratio ? 'within' : 'OVER'} the ${target.ratio}x target`,
    `  without --enable-source-maps: ${report.ratioWithoutSourceMaps.toFixed(2)}x`,
    `article / one-sentence floor:  ${report.ratioOneSentence.toFixed(2)}x`,
    `compactor / whole-article floor: ${report.compactorRatio.toFixed(2)}x (for scale: the floor does none of its work)`,
    overBytes.length === 0
      ? `every bundle within ${target.bundleBytes / 1e6} MB`
      : `OVER ${target.bundleBytes / 1e6} MB: ${overBytes.join(', ')}`,
  ];
}
