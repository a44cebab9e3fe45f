// Packages the service with osls (offline, no AWS credentials) and checks the generated
// CloudFormation template and the two function zips. Touches only .serverless/ and .esbuild/.
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
import {
  buildDeployedFunction,
  COLD_START_TARGET,
  readDeployedFunctions,
} from '../../src/bench/cold-start.ts';

const run = promisify(execFile);

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SERVERLESS_DIR = join(REPO_ROOT, '.serverless');
const TEMPLATE_PATH = join(SERVERLESS_DIR, 'cloudformation-template-update-stack.json');
// Zipped, each bundle is about 1 MB, most of it the source map (2.7-2.9 MB unzipped); zipping
// node_modules instead of a bundle would be tens of MB.
const ZIP_BUDGET_BYTES = 2 * 1024 * 1024;
const ARTICLES_PREFIX = 'articles/';

/** The deployed functions: serverless.yml's name, handler, and the bundle inside its zip. */
const FUNCTIONS = {
  article: { handler: 'src/handler.handler', bundle: 'src/handler.mjs' },
  compactor: { handler: 'src/compactor-handler.handler', bundle: 'src/compactor-handler.mjs' },
} as const;
type FunctionName = keyof typeof FUNCTIONS;

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

function lambdaOf(name: FunctionName): [string, Resource] {
  return onlyResourceOfType(
    'AWS::Lambda::Function',
    (resource) => resource.Properties.Handler === FUNCTIONS[name].handler,
  );
}

function articlesBucket(): [string, Resource] {
  return onlyResourceOfType(
    'AWS::S3::Bucket',
    (resource) => resource.Properties.NotificationConfiguration !== undefined,
  );
}

const fifoQueue = () =>
  onlyResourceOfType('AWS::SQS::Queue', (queue) => queue.Properties.RedrivePolicy !== undefined);
const getAttArn = (logicalId: string) => ({ 'Fn::GetAtt': [logicalId, 'Arn'] });

/** Renders an ARN written as a plain string, `Fn::Sub`, `Fn::Join` or `Fn::GetAtt` for the `aws` partition. */
function renderArn(value: unknown): string {
  // biome-ignore lint/suspicious/noTemplateCurlyInString: an Fn::Sub variable, not a JS template.
  if (typeof value === 'string') return value.replaceAll('${AWS::Partition}', 'aws');
  const intrinsic = value as Json;
  if (typeof intrinsic['Fn::Sub'] === 'string') return renderArn(intrinsic['Fn::Sub']);
  if (intrinsic.Ref === 'AWS::Partition') return 'aws';
  const join = intrinsic['Fn::Join'] as [string, unknown[]] | undefined;
  if (join) return join[1].map(renderArn).join(join[0]);
  const getAtt = intrinsic['Fn::GetAtt'] as [string, string] | undefined;
  if (getAtt) return `GetAtt:${getAtt.join('.')}`;
  return JSON.stringify(value);
}

function asList<T>(value: T | T[]): T[] {
  return Array.isArray(value) ? value : [value];
}

/** The statements of the one inline policy of the role the function runs with. */
function roleStatementsOf(name: FunctionName): Statement[] {
  const [, fn] = lambdaOf(name);
  const role = fn.Properties.Role as { 'Fn::GetAtt': [string, string] };
  expect(role['Fn::GetAtt'][1]).toBe('Arn');
  const resource = template.Resources[role['Fn::GetAtt'][0]] as Resource;
  expect(resource.Type).toBe('AWS::IAM::Role');
  expect(resource.Properties.ManagedPolicyArns ?? []).toEqual([]);
  const policies = resource.Properties.Policies as { PolicyDocument: { Statement: Statement[] } }[];
  expect(policies).toHaveLength(1);
  return (policies[0] as { PolicyDocument: { Statement: Statement[] } }).PolicyDocument.Statement;
}

/** `s3:Get*` or `arn:aws:s3:::b/reports/*` as a regular expression, IAM's way (`*` any run, `?` one). */
function iamPattern(pattern: string): RegExp {
  const escaped = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replaceAll('*', '.*')
    .replaceAll('?', '.');
  return new RegExp(`^${escaped}$`, 'i');
}

/**
 * Whether the statements allow `action` on `resource`: some Allow statement matches both (the
 * policies here have no Deny and no Condition, which the tests check, so that is all IAM does).
 */
function allows(statements: readonly Statement[], action: string, resource: string): boolean {
  return statements.some(
    (statement) =>
      statement.Effect === 'Allow' &&
      asList(statement.Action).some((pattern) => iamPattern(pattern).test(action)) &&
      asList(statement.Resource).some((pattern) => iamPattern(renderArn(pattern)).test(resource)),
  );
}

function grantedS3(statements: readonly Statement[]) {
  return statements
    .filter((statement) =>
      asList(statement.Action).some((action) => action === '*' || action.startsWith('s3:')),
    )
    .map((statement) => ({
      effect: statement.Effect,
      actions: asList(statement.Action).sort(),
      resources: asList(statement.Resource).map(renderArn).sort(),
      condition: statement.Condition,
    }));
}

async function unzip(zipPath: string, destination: string): Promise<void> {
  try {
    await run('unzip', ['-q', zipPath, '-d', destination]);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    await run('python3', ['-m', 'zipfile', '-e', zipPath, destination]);
  }
}

const zipOf = (name: FunctionName) => join(SERVERLESS_DIR, `${name}.zip`);

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'news-timeline-package-'));
  const home = join(workDir, 'home');
  await mkdir(home);
  // Stale output from an earlier run must not satisfy the assertions.
  await rm(SERVERLESS_DIR, { recursive: true, force: true });
  await run('npm', ['run', 'package'], { cwd: REPO_ROOT, env: offlineEnv(home), timeout: 110_000 });
  template = JSON.parse(await readFile(TEMPLATE_PATH, 'utf8'));
  for (const name of Object.keys(FUNCTIONS) as FunctionName[]) await unzip(zipOf(name), join(workDir, name));
}, 120_000);

afterAll(async () => {
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

describe('serverless.yml', () => {
  it('keeps the s3 event rules readable as plain YAML for the local stack, on the article function only', async () => {
    const source = await readFile(join(REPO_ROOT, 'serverless.yml'), 'utf8');
    const functions = parse(source).functions as Record<
      string,
      { events: { s3?: { event: string; rules: unknown } }[] }
    >;
    expect(Object.keys(functions).sort()).toEqual(['article', 'compactor']);
    const s3Events = (name: string) =>
      (functions[name]?.events ?? []).flatMap((event) => (event.s3 ? [event.s3] : []));
    expect(
      s3Events('article')
        .map((event) => event.event)
        .sort(),
    ).toEqual(['s3:ObjectCreated:*', 's3:ObjectRemoved:*']);
    for (const event of s3Events('article')) expect(event.rules).toEqual([{ prefix: ARTICLES_PREFIX }]);
    expect(s3Events('compactor')).toEqual([]);
  });

  it('writes serverless.yml and every infra/*.yml without CloudFormation short tags', async () => {
    const files = [
      'serverless.yml',
      ...(await readdir(join(REPO_ROOT, 'infra')))
        .filter((file) => file.endsWith('.yml'))
        .map((file) => `infra/${file}`),
    ];
    expect(files).toEqual(expect.arrayContaining(['infra/function-roles.yml', 'infra/reports-queue.yml']));
    for (const file of files) {
      const document = parseDocument(await readFile(join(REPO_ROOT, file), 'utf8'));
      expect(document.errors, file).toEqual([]);
      // The yaml package warns "Unresolved tag" on `!Ref`, `!GetAtt`, `!Sub`, ...
      expect(document.warnings.map(String), file).toEqual([]);
    }
  });

  it('finds the deployed functions the cold-start bench builds', async () => {
    expect(await readDeployedFunctions()).toEqual([
      {
        name: 'article',
        handler: FUNCTIONS.article.handler,
        entry: 'src/handler.ts',
        bundle: FUNCTIONS.article.bundle,
      },
      {
        name: 'compactor',
        handler: FUNCTIONS.compactor.handler,
        entry: 'src/compactor-handler.ts',
        bundle: FUNCTIONS.compactor.bundle,
      },
    ]);
  });
});

describe('npm run package', () => {
  it('builds both functions for Node.js 22 on arm64, each with a role of its own', () => {
    expect(resourcesOfType('AWS::Lambda::Function')).toHaveLength(2);
    const roles = (Object.keys(FUNCTIONS) as FunctionName[]).map((name) => {
      const [, fn] = lambdaOf(name);
      expect(fn.Properties.Runtime).toBe('nodejs22.x');
      expect(fn.Properties.Architectures).toEqual(['arm64']);
      expect(fn.Properties.MemorySize).toEqual(expect.any(Number));
      return JSON.stringify(fn.Properties.Role);
    });
    expect(new Set(roles).size).toBe(2);
    // osls's shared role would hold the union of both functions' statements.
    expect(template.Resources.IamRoleLambdaExecution).toBeUndefined();
    expect(resourcesOfType('AWS::IAM::Role')).toHaveLength(2);
  });

  it('creates one private, encrypted bucket notifying the article function of articles/ creations and removals', () => {
    const [bucketId, bucket] = articlesBucket();
    const [functionId] = lambdaOf('article');
    const notifications = bucket.Properties.NotificationConfiguration as Json;
    expect(Object.keys(notifications)).toEqual(['LambdaConfigurations']);
    const configurations = notifications.LambdaConfigurations as Json[];
    expect(configurations.map((configuration) => configuration.Event).sort()).toEqual([
      's3:ObjectCreated:*',
      's3:ObjectRemoved:*',
    ]);
    for (const configuration of configurations) {
      expect(configuration.Function).toEqual(getAttArn(functionId));
      // Exactly one prefix rule: anything broader would notify the function of the functions' own writes.
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
    expect(permission.Properties.FunctionName).toEqual(getAttArn(functionId));
    expect(renderArn(permission.Properties.SourceArn)).toBe(`arn:aws:s3:::${bucket.Properties.BucketName}`);
  });

  it('grants the article function exactly GetObject on articles/*, Get/PutObject on reports/* and ListBucket', () => {
    const bucketArn = `arn:aws:s3:::${articlesBucket()[1].Properties.BucketName}`;
    expect(grantedS3(roleStatementsOf('article'))).toEqual([
      {
        effect: 'Allow',
        actions: ['s3:GetObject'],
        resources: [`${bucketArn}/articles/*`],
        condition: undefined,
      },
      {
        effect: 'Allow',
        actions: ['s3:GetObject', 's3:PutObject'],
        resources: [`${bucketArn}/reports/*`],
        condition: undefined,
      },
      { effect: 'Allow', actions: ['s3:ListBucket'], resources: [bucketArn], condition: undefined },
    ]);
  });

  it('grants the compactor exactly GetObject on reports/*, Get/Put/DeleteObject on state/* and timelines/*, and ListBucket', () => {
    const bucketArn = `arn:aws:s3:::${articlesBucket()[1].Properties.BucketName}`;
    expect(grantedS3(roleStatementsOf('compactor'))).toEqual([
      {
        effect: 'Allow',
        actions: ['s3:GetObject'],
        resources: [`${bucketArn}/reports/*`],
        condition: undefined,
      },
      {
        effect: 'Allow',
        actions: ['s3:DeleteObject', 's3:GetObject', 's3:PutObject'],
        resources: [`${bucketArn}/state/*`, `${bucketArn}/timelines/*`],
        condition: undefined,
      },
      { effect: 'Allow', actions: ['s3:ListBucket'], resources: [bucketArn], condition: undefined },
    ]);
  });

  // What each role may do to an object of each prefix, evaluated as IAM does, so that a
  // statement added anywhere (a wildcard action, a broader resource) shows up here.
  it.each([
    { name: 'article', prefix: 'articles/', read: true, write: false },
    { name: 'article', prefix: 'reports/', read: true, write: true },
    { name: 'article', prefix: 'state/', read: false, write: false },
    { name: 'article', prefix: 'timelines/', read: false, write: false },
    { name: 'compactor', prefix: 'articles/', read: false, write: false },
    { name: 'compactor', prefix: 'reports/', read: true, write: false },
    { name: 'compactor', prefix: 'state/', read: true, write: true },
    { name: 'compactor', prefix: 'timelines/', read: true, write: true },
  ] as const)(
    'lets the $name function read $prefix: $read, write: $write',
    ({ name, prefix, read, write }) => {
      const statements = roleStatementsOf(name);
      expect(statements.filter((statement) => statement.Effect !== 'Allow' || statement.Condition)).toEqual(
        [],
      );
      const object = `arn:aws:s3:::${articlesBucket()[1].Properties.BucketName}/${prefix}north-korea/x.json`;
      expect(allows(statements, 's3:GetObject', object)).toBe(read);
      expect(allows(statements, 's3:PutObject', object)).toBe(write);
      // The article function replaces a report in place; only the compactor deletes (replaced view documents).
      expect(allows(statements, 's3:DeleteObject', object)).toBe(write && name === 'compactor');
      expect(allows(statements, 's3:DeleteObjectVersion', object)).toBe(false);
      expect(allows(statements, 's3:PutObjectAcl', object)).toBe(false);
    },
  );

  it('lets each function write only its own log group', () => {
    for (const [name, other] of [
      ['article', 'compactor'],
      ['compactor', 'article'],
    ] as const) {
      const statements = roleStatementsOf(name);
      const [own] = onlyResourceOfType('AWS::Logs::LogGroup', (group) =>
        String(group.Properties.LogGroupName).endsWith(`-${name}`),
      );
      const [others] = onlyResourceOfType('AWS::Logs::LogGroup', (group) =>
        String(group.Properties.LogGroupName).endsWith(`-${other}`),
      );
      for (const action of ['logs:CreateLogStream', 'logs:PutLogEvents']) {
        expect(allows(statements, action, `GetAtt:${own}.Arn`), `${name} ${action}`).toBe(true);
        expect(allows(statements, action, `GetAtt:${others}.Arn`), `${name} ${action} on ${other}`).toBe(
          false,
        );
      }
      expect(allows(statements, 'logs:CreateLogGroup', `GetAtt:${own}.Arn`)).toBe(false);
    }
  });

  it('creates the reports FIFO queue with ids for deduplication, a visibility of 6x the compactor timeout and a FIFO dead-letter queue', () => {
    const [queueId, queue] = fifoQueue();
    const [dlqId, dlq] = onlyResourceOfType('AWS::SQS::Queue', (candidate) =>
      String(candidate.Properties.QueueName).includes('-dlq'),
    );
    expect(queue.Properties.FifoQueue).toBe(true);
    expect(String(queue.Properties.QueueName)).toMatch(/\.fifo$/);
    // The article function sends a MessageDeduplicationId (a hash of the report) with each message.
    expect(queue.Properties.ContentBasedDeduplication).toBe(false);
    const [, compactor] = lambdaOf('compactor');
    expect(compactor.Properties.Timeout).toEqual(expect.any(Number));
    expect(queue.Properties.VisibilityTimeout).toBeGreaterThanOrEqual(
      6 * (compactor.Properties.Timeout as number),
    );
    expect(queue.Properties.RedrivePolicy).toEqual({
      deadLetterTargetArn: getAttArn(dlqId),
      maxReceiveCount: 5,
    });

    expect(dlq.Properties.FifoQueue).toBe(true);
    expect(String(dlq.Properties.QueueName)).toMatch(/\.fifo$/);
    expect(dlq.Properties.RedrivePolicy).toBeUndefined();
    // A message keeps its first enqueue time when it is moved: the DLQ must keep it longer.
    expect(dlq.Properties.MessageRetentionPeriod).toBe(14 * 24 * 60 * 60);
    expect(queue.Properties.MessageRetentionPeriod).toBeLessThan(
      dlq.Properties.MessageRetentionPeriod as number,
    );
    for (const [id, resource] of [
      [queueId, queue],
      [dlqId, dlq],
    ] as const)
      expect(resource.Properties.SqsManagedSseEnabled, id).toBe(true);

    expect(template.Outputs.ReportsQueueUrl?.Value).toEqual({ Ref: queueId });
    expect(template.Outputs.ReportsDeadLetterQueueUrl?.Value).toEqual({ Ref: dlqId });
  });

  it('gives the article function the queue URL and the right to send to it, and the compactor neither', () => {
    const [queueId] = fifoQueue();
    const [, article] = lambdaOf('article');
    const [, compactor] = lambdaOf('compactor');
    const variables = (fn: Resource) =>
      (fn.Properties.Environment as { Variables: Json } | undefined)?.Variables ?? {};
    expect(variables(article).REPORTS_QUEUE_URL).toEqual({ Ref: queueId });
    expect(variables(compactor)).not.toHaveProperty('REPORTS_QUEUE_URL');
    const queueArn = `GetAtt:${queueId}.Arn`;
    expect(allows(roleStatementsOf('article'), 'sqs:SendMessage', queueArn)).toBe(true);
    expect(allows(roleStatementsOf('article'), 'sqs:ReceiveMessage', queueArn)).toBe(false);
    expect(allows(roleStatementsOf('compactor'), 'sqs:SendMessage', queueArn)).toBe(false);
  });

  it('feeds the compactor batches of 10 from the reports queue and reads its partial batch failures', () => {
    const [queueId] = fifoQueue();
    const [compactorId, compactor] = lambdaOf('compactor');
    const [, mapping] = onlyResourceOfType('AWS::Lambda::EventSourceMapping');
    expect(mapping.Properties.EventSourceArn).toEqual(getAttArn(queueId));
    expect(mapping.Properties.FunctionName).toEqual(getAttArn(compactorId));
    expect(mapping.Properties.BatchSize).toBe(10);
    expect(mapping.Properties.FunctionResponseTypes).toEqual(['ReportBatchItemFailures']);
    expect(mapping.Properties.Enabled).toBe(true);
    // The mapping checks the role's permissions when it is created.
    expect(mapping.DependsOn).toEqual([
      (compactor.Properties.Role as { 'Fn::GetAtt': [string] })['Fn::GetAtt'][0],
    ]);

    const sqsStatements = roleStatementsOf('compactor').filter((statement) =>
      asList(statement.Action).some((action) => action.startsWith('sqs:')),
    );
    expect(sqsStatements).toEqual([
      {
        Effect: 'Allow',
        Action: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes'],
        Resource: getAttArn(queueId),
      },
    ]);
  });

  it("sends the article function's failed async invocations to the failure queue after two retries", () => {
    const [failureId, failure] = onlyResourceOfType(
      'AWS::SQS::Queue',
      (queue) => queue.Properties.FifoQueue === undefined,
    );
    const [functionId] = lambdaOf('article');
    const [, invokeConfig] = onlyResourceOfType('AWS::Lambda::EventInvokeConfig');
    expect(failure.Properties.MessageRetentionPeriod).toBe(14 * 24 * 60 * 60);
    expect(invokeConfig.Properties.FunctionName).toEqual({ Ref: functionId });
    expect(invokeConfig.Properties.DestinationConfig).toEqual({
      OnFailure: { Destination: getAttArn(failureId) },
    });
    expect(invokeConfig.Properties.MaximumRetryAttempts).toBe(2);
    expect(invokeConfig.Properties.MaximumEventAgeInSeconds).toBeGreaterThanOrEqual(60);
    // Lambda sends to the destination with the function's role; osls adds nothing to a role of ours.
    const sends = (name: FunctionName) =>
      roleStatementsOf(name)
        .filter((statement) => asList(statement.Action).includes('sqs:SendMessage'))
        .map((statement) => statement.Resource);
    expect(sends('article')).toEqual([getAttArn(fifoQueue()[0]), getAttArn(failureId)]);
    expect(sends('compactor')).toEqual([]);
    expect(template.Outputs.FailureQueueUrl?.Value).toEqual({ Ref: failureId });
  });

  it.each(Object.keys(FUNCTIONS) as FunctionName[])(
    'zips a self-contained %s bundle within the size budgets',
    async (name) => {
      const { size } = await stat(zipOf(name));
      expect(size).toBeLessThan(ZIP_BUDGET_BYTES);
      const unzipped = join(workDir, name);
      const bundle = FUNCTIONS[name].bundle;
      expect(existsSync(join(unzipped, 'node_modules'))).toBe(false);
      expect((await readdir(join(unzipped, 'src'))).sort()).toEqual([
        bundle.slice(4),
        `${bundle.slice(4)}.map`,
      ]);
      // The issue's budget: every bundle at most 1 MB (the code Lambda loads; the map is read only
      // for stack traces).
      expect((await stat(join(unzipped, bundle))).size).toBeLessThanOrEqual(COLD_START_TARGET.bundleBytes);
      // Every dependency is inlined: the only imports esbuild finds in the bundle are Node built-ins
      // (node:module among them, for the createRequire banner). Text search would trip on SDK messages.
      const { metafile } = await build({
        entryPoints: [bundle],
        absWorkingDir: unzipped,
        bundle: true,
        write: false,
        metafile: true,
        platform: 'node',
        format: 'esm',
        packages: 'external',
        logLevel: 'silent',
      });
      const imported = Object.values(metafile.inputs).flatMap((input) =>
        input.imports.map(({ path }) => path),
      );
      expect(imported).toContain('node:module');
      expect(imported.filter((specifier) => !isBuiltin(specifier))).toEqual([]);
    },
  );

  it.each(Object.keys(FUNCTIONS) as FunctionName[])(
    'zips the very bundle the cold-start bench builds for the %s function',
    async (name) => {
      const deployed = (await readDeployedFunctions()).find((fn) => fn.name === name);
      expect(deployed).toBeDefined();
      const built = await buildDeployedFunction(
        deployed as NonNullable<typeof deployed>,
        join(workDir, `bench-${name}`),
      );
      expect(
        Buffer.compare(await readFile(built), await readFile(join(workDir, name, FUNCTIONS[name].bundle))),
      ).toBe(0);
    },
  );

  const CONTEXT = {
    awsRequestId: 'c6af9ac6-7b61-11e6-9a41-93e812345678',
    functionVersion: '$LATEST',
    memoryLimitInMB: '512',
  };

  /** Imports the zipped bundle in a fresh node and calls its handler with each event in turn. */
  async function invokeZipped(name: FunctionName, events: readonly unknown[]) {
    const functionName = `news-timeline-dev-${name}`;
    const context = {
      ...CONTEXT,
      functionName,
      invokedFunctionArn: `arn:aws:lambda:us-east-1:123456789012:function:${functionName}`,
    };
    const script = `const { handler } = await import('./${FUNCTIONS[name].bundle}');
      const events = ${JSON.stringify(events)};
      let result;
      for (const [at, event] of events.entries())
        result = await handler(event, { ...${JSON.stringify(context)}, awsRequestId: at === 0 ? ${JSON.stringify(context.awsRequestId)} : 'second' });
      process.stdout.write('result ' + JSON.stringify(result));`;
    // Lambda sets AWS_REGION; no credentials are needed because no S3 call is made.
    // AWS_LAMBDA_INITIALIZATION_TYPE is what Lambda sets and what Powertools reads to tell a cold start.
    const env = {
      ...offlineEnv(join(workDir, 'home')),
      AWS_REGION: 'us-east-1',
      AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
      NODE_OPTIONS: '',
    };
    const { stdout, stderr } = await run(process.execPath, ['--input-type=module', '-e', script], {
      cwd: join(workDir, name),
      env,
      timeout: 30_000,
    });
    // The handler logs JSON lines (CloudWatch takes both streams: Powertools writes errors and
    // warnings to stderr), then the metrics to stdout; the result comes last. Node and Powertools
    // also warn on stderr in plain text.
    const lines = stdout.trim().split('\n');
    const errors = stderr.split('\n').filter((line) => line.startsWith('{'));
    return {
      result: lines.at(-1),
      documents: [...lines.slice(0, -1), ...errors].map(
        (line) => JSON.parse(line) as Record<string, unknown>,
      ),
      context,
    };
  }

  function expectOneColdStartMetric(documents: readonly Record<string, unknown>[]) {
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
  }

  it('loads the zipped article handler with node, resolves an event without records, logs with the request id and flushes EMF metrics', async () => {
    const { result, documents, context } = await invokeZipped('article', [{ Records: [] }, { Records: [] }]);
    expect(result).toBe('result {"records":0,"synced":[],"ignored":[],"rejected":[]}');
    expect(documents.filter((line) => line.message === 'event without records')).toEqual([
      expect.objectContaining({
        level: 'INFO',
        service: 'news-timeline',
        function_name: context.functionName,
        function_request_id: context.awsRequestId,
        cold_start: true,
      }),
      expect.objectContaining({ function_request_id: 'second', cold_start: false }),
    ]);
    expectOneColdStartMetric(documents);
  }, 40_000);

  it('loads the zipped compactor with node, drops a message that is not ours without failing the batch, and flushes EMF metrics', async () => {
    const record = {
      messageId: 'not-ours',
      receiptHandle: 'not-ours',
      body: 'not json',
      attributes: {
        ApproximateReceiveCount: '1',
        SentTimestamp: '1796000000000',
        SenderId: 'AIDAEXAMPLE',
        ApproximateFirstReceiveTimestamp: '1796000000000',
        MessageGroupId: 'news-timeline-dev-articles/north-korea',
        MessageDeduplicationId: 'not-ours',
      },
      messageAttributes: {},
      md5OfBody: '',
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:us-east-1:123456789012:news-timeline-dev-reports.fifo',
      awsRegion: 'us-east-1',
    };
    const { result, documents, context } = await invokeZipped('compactor', [
      { Records: [record] },
      { Records: [] },
    ]);
    // Lambda reads batchItemFailures only; a message that is not ours is dropped, not retried.
    expect(result).toBe('result {"batchItemFailures":[]}');
    expect(documents.filter((line) => line.message === 'dropped a message that is not ours')).toEqual([
      expect.objectContaining({
        level: 'ERROR',
        function_name: context.functionName,
        function_request_id: context.awsRequestId,
        cold_start: true,
        messageId: 'not-ours',
        problem: 'not JSON',
      }),
    ]);
    expectOneColdStartMetric(documents);
  }, 40_000);
});
