// Packages the service with osls (offline, no AWS credentials) and checks the generated
// CloudFormation template and the function zip. Touches only .serverless/ and .esbuild/.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { isBuiltin } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, parseDocument } from 'yaml';

const run = promisify(execFile);

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SERVERLESS_DIR = join(REPO_ROOT, '.serverless');
const TEMPLATE_PATH = join(SERVERLESS_DIR, 'cloudformation-template-update-stack.json');
const ZIP_PATH = join(SERVERLESS_DIR, 'timeline.zip');
// Measured: 0.78 MB with chrono-node, @aws-sdk/client-s3 and htmlparser2 bundled (minified, with
// source map). Zipping node_modules instead of a bundle would be tens of MB.
const ZIP_BUDGET_BYTES = 2 * 1024 * 1024;
const HANDLER_FILE = 'src/handler.mjs';
const ARTICLES_PREFIX = 'articles/';

type Json = Record<string, unknown>;
type Resource = { Type: string; Properties: Json; DependsOn?: unknown };
type Statement = { Effect: string; Action: string | string[]; Resource: unknown; Condition?: unknown };

let template: { Resources: Record<string, Resource>; Outputs: Record<string, { Value: unknown }> };
let workDir: string;

/** Copy of the environment without credentials, config or region: packaging must not need AWS. */
function offlineEnv(home: string): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('AWS_')));
  // npm's own update check is the only network call measured during `npm run package`.
  return { ...env, HOME: home, npm_config_update_notifier: 'false' };
}

function resourcesOfType(type: string): [string, Resource][] {
  return Object.entries(template.Resources).filter(([, resource]) => resource.Type === type);
}

function onlyResourceOfType(type: string, where: (resource: Resource) => boolean = () => true) {
  const matches = resourcesOfType(type).filter(([, resource]) => where(resource));
  expect(matches, `resources of type ${type}`).toHaveLength(1);
  return matches[0] as [string, Resource];
}

/** Renders an ARN written as a plain string, `Fn::Sub` or `Fn::Join` for the `aws` partition. */
function renderArn(value: unknown): string {
  // biome-ignore lint/suspicious/noTemplateCurlyInString: an Fn::Sub variable, not a JS template.
  if (typeof value === 'string') return value.replaceAll('${AWS::Partition}', 'aws');
  const intrinsic = value as Json;
  if (typeof intrinsic['Fn::Sub'] === 'string') return renderArn(intrinsic['Fn::Sub']);
  if (intrinsic.Ref === 'AWS::Partition') return 'aws';
  const join = intrinsic['Fn::Join'] as [string, unknown[]] | undefined;
  if (join) return join[1].map(renderArn).join(join[0]);
  return JSON.stringify(value);
}

function asList<T>(value: T | T[]): T[] {
  return Array.isArray(value) ? value : [value];
}

function roleStatements(): Statement[] {
  const [, role] = onlyResourceOfType('AWS::IAM::Role');
  const policies = role.Properties.Policies as { PolicyDocument: { Statement: Statement[] } }[];
  expect(policies).toHaveLength(1);
  return (policies[0] as { PolicyDocument: { Statement: Statement[] } }).PolicyDocument.Statement;
}

async function unzip(zipPath: string, destination: string): Promise<void> {
  try {
    await run('unzip', ['-q', zipPath, '-d', destination]);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    await run('python3', ['-m', 'zipfile', '-e', zipPath, destination]);
  }
}

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'news-timeline-package-'));
  const home = join(workDir, 'home');
  await mkdir(home);
  // Stale output from an earlier run must not satisfy the assertions.
  await rm(SERVERLESS_DIR, { recursive: true, force: true });
  await run('npm', ['run', 'package'], { cwd: REPO_ROOT, env: offlineEnv(home), timeout: 110_000 });
  template = JSON.parse(await readFile(TEMPLATE_PATH, 'utf8'));
}, 120_000);

afterAll(async () => {
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

describe('serverless.yml', () => {
  it('keeps the s3 event rules readable as plain YAML for the local stack', async () => {
    const source = await readFile(join(REPO_ROOT, 'serverless.yml'), 'utf8');
    const events = parse(source).functions.timeline.events as { s3?: { event: string; rules: unknown } }[];
    const s3Events = events.flatMap((event) => (event.s3 ? [event.s3] : []));
    expect(s3Events.map((event) => event.event).sort()).toEqual(['s3:ObjectCreated:*', 's3:ObjectRemoved:*']);
    for (const event of s3Events) expect(event.rules).toEqual([{ prefix: ARTICLES_PREFIX }]);
  });

  it.each(['serverless.yml', 'infra/failure-queue.yml', 'infra/iam-statements.yml', 'infra/outputs.yml'])(
    'writes %s without CloudFormation short tags',
    async (file) => {
      const document = parseDocument(await readFile(join(REPO_ROOT, file), 'utf8'));
      expect(document.errors).toEqual([]);
      // The yaml package warns "Unresolved tag" on `!Ref`, `!GetAtt`, `!Sub`, ...
      expect(document.warnings.map(String)).toEqual([]);
    },
  );
});

describe('npm run package', () => {
  it('builds the timeline function for Node.js 22 on arm64', () => {
    const [, fn] = onlyResourceOfType('AWS::Lambda::Function');
    expect(fn.Properties.Runtime).toBe('nodejs22.x');
    expect(fn.Properties.Architectures).toEqual(['arm64']);
    expect(fn.Properties.Handler).toBe('src/handler.handler');
  });

  it('creates one private, encrypted bucket notifying the function of articles/ creations and removals', () => {
    const [bucketId, bucket] = onlyResourceOfType(
      'AWS::S3::Bucket',
      (resource) => resource.Properties.NotificationConfiguration !== undefined,
    );
    const [functionId] = onlyResourceOfType('AWS::Lambda::Function');
    const notifications = bucket.Properties.NotificationConfiguration as Json;
    expect(Object.keys(notifications)).toEqual(['LambdaConfigurations']);
    const configurations = notifications.LambdaConfigurations as Json[];
    expect(configurations.map((configuration) => configuration.Event).sort()).toEqual([
      's3:ObjectCreated:*',
      's3:ObjectRemoved:*',
    ]);
    for (const configuration of configurations) {
      expect(configuration.Function).toEqual({ 'Fn::GetAtt': [functionId, 'Arn'] });
      // Exactly one prefix rule: anything broader would notify the function of its own timelines/ writes.
      expect(configuration.Filter).toEqual({
        S3Key: { Rules: [{ Name: 'prefix', Value: ARTICLES_PREFIX }] },
      });
    }
    expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(bucket.Properties.BucketEncryption).toBeDefined();
    expect(template.Outputs.ArticlesBucketName?.Value).toEqual({ Ref: bucketId });

    const [, permission] = onlyResourceOfType('AWS::Lambda::Permission');
    expect(permission.Properties.Principal).toBe('s3.amazonaws.com');
    expect(renderArn(permission.Properties.SourceArn)).toBe(`arn:aws:s3:::${bucket.Properties.BucketName}`);
  });

  it('grants exactly GetObject on articles/*, Get/PutObject on timelines/* and ListBucket on the bucket', () => {
    const [, bucket] = onlyResourceOfType(
      'AWS::S3::Bucket',
      (resource) => resource.Properties.NotificationConfiguration !== undefined,
    );
    const bucketArn = `arn:aws:s3:::${bucket.Properties.BucketName}`;
    const s3Statements = roleStatements().filter((statement) =>
      asList(statement.Action).some((action) => action === '*' || action.startsWith('s3:')),
    );
    const granted = s3Statements.map((statement) => ({
      effect: statement.Effect,
      actions: asList(statement.Action).sort(),
      resources: asList(statement.Resource).map(renderArn).sort(),
      condition: statement.Condition,
    }));
    expect(granted).toEqual([
      {
        effect: 'Allow',
        actions: ['s3:GetObject'],
        resources: [`${bucketArn}/articles/*`],
        condition: undefined,
      },
      {
        effect: 'Allow',
        actions: ['s3:GetObject', 's3:PutObject'],
        resources: [`${bucketArn}/timelines/*`],
        condition: undefined,
      },
      { effect: 'Allow', actions: ['s3:ListBucket'], resources: [bucketArn], condition: undefined },
    ]);
    const [, role] = onlyResourceOfType('AWS::IAM::Role');
    expect(role.Properties.ManagedPolicyArns ?? []).toEqual([]);
  });

  it('sends failed async invocations to the SQS queue after two retries, and lets the role send there only', () => {
    const [queueId, queue] = onlyResourceOfType('AWS::SQS::Queue');
    const [functionId] = onlyResourceOfType('AWS::Lambda::Function');
    const [, invokeConfig] = onlyResourceOfType('AWS::Lambda::EventInvokeConfig');
    const queueArn = { 'Fn::GetAtt': [queueId, 'Arn'] };
    expect(queue.Properties.MessageRetentionPeriod).toBe(14 * 24 * 60 * 60);
    expect(invokeConfig.Properties.FunctionName).toEqual({ Ref: functionId });
    expect(invokeConfig.Properties.DestinationConfig).toEqual({ OnFailure: { Destination: queueArn } });
    expect(invokeConfig.Properties.MaximumRetryAttempts).toBe(2);
    expect(invokeConfig.Properties.MaximumEventAgeInSeconds).toBeGreaterThanOrEqual(60);

    const sqsStatements = roleStatements().filter((statement) =>
      asList(statement.Action).some((action) => action.startsWith('sqs:')),
    );
    expect(sqsStatements).toEqual([{ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: queueArn }]);
    expect(template.Outputs.FailureQueueUrl?.Value).toEqual({ Ref: queueId });
  });

  it('zips a self-contained bundle within the size budget', async () => {
    const { size } = await stat(ZIP_PATH);
    expect(size).toBeLessThan(ZIP_BUDGET_BYTES);

    const unzipped = join(workDir, 'zip');
    await unzip(ZIP_PATH, unzipped);
    expect(existsSync(join(unzipped, 'node_modules'))).toBe(false);
    expect((await readdir(join(unzipped, 'src'))).sort()).toEqual(['handler.mjs', 'handler.mjs.map']);
    // Every dependency is inlined: the only imports esbuild finds in the bundle are Node built-ins
    // (node:module among them, for the createRequire banner). Text search would trip on SDK messages.
    const { metafile } = await build({
      entryPoints: [HANDLER_FILE],
      absWorkingDir: unzipped,
      bundle: true,
      write: false,
      metafile: true,
      platform: 'node',
      format: 'esm',
      packages: 'external',
      logLevel: 'silent',
    });
    const imported = Object.values(metafile.inputs).flatMap((input) => input.imports.map(({ path }) => path));
    expect(imported).toContain('node:module');
    expect(imported.filter((specifier) => !isBuiltin(specifier))).toEqual([]);
  });

  it('loads the zipped handler with node, resolves an event without records, logs with the request id and flushes EMF metrics', async () => {
    const unzipped = join(workDir, 'load');
    await unzip(ZIP_PATH, unzipped);
    const context = {
      awsRequestId: 'c6af9ac6-7b61-11e6-9a41-93e812345678',
      functionName: 'news-timeline-dev-timeline',
      functionVersion: '$LATEST',
      invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:news-timeline-dev-timeline',
      memoryLimitInMB: '512',
    };
    const script = `const { handler } = await import('./${HANDLER_FILE}');
      await handler({ Records: [] }, ${JSON.stringify(context)});
      const summary = await handler({ Records: [] }, ${JSON.stringify({ ...context, awsRequestId: 'second' })});
      process.stdout.write('summary ' + JSON.stringify(summary));`;
    // Lambda sets AWS_REGION; no credentials are needed because no record means no S3 call.
    // AWS_LAMBDA_INITIALIZATION_TYPE is what Lambda sets and what Powertools reads to tell a cold start.
    const env = {
      ...offlineEnv(join(workDir, 'home')),
      AWS_REGION: 'us-east-1',
      AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
      NODE_OPTIONS: '',
    };
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], {
      cwd: unzipped,
      env,
      timeout: 30_000,
    });
    // The handler logs JSON lines to stdout (CloudWatch), then the metrics; its summary comes last.
    const lines = stdout.trim().split('\n');
    expect(lines.at(-1)).toBe('summary {"records":0,"synced":[],"ignored":[],"rejected":[]}');
    const documents = lines.slice(0, -1).map((line) => JSON.parse(line) as Record<string, unknown>);
    const logged = documents.filter((line) => line.message === 'event without records');
    expect(logged).toEqual([
      expect.objectContaining({
        level: 'INFO',
        service: 'news-timeline',
        function_request_id: context.awsRequestId,
        cold_start: true,
      }),
      expect.objectContaining({ function_request_id: 'second', cold_start: false }),
    ]);
    // Powertools' cold-start metric, in CloudWatch's embedded metric format.
    const emf = documents.filter((line) => '_aws' in line);
    expect(emf.filter((line) => 'ColdStart' in line)).toHaveLength(1);
    expect(emf).toContainEqual(
      expect.objectContaining({
        ColdStart: 1,
        _aws: expect.objectContaining({
          CloudWatchMetrics: [expect.objectContaining({ Namespace: 'NewsTimeline' })],
        }),
      }),
    );
  }, 40_000);
});
