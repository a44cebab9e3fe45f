import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { TestProject } from 'vitest/node';

const run = promisify(execFile);
const SCRIPT = new URL('../../infra/local/radosgw.sh', import.meta.url).pathname;

export interface RadosgwSettings {
  readonly endpoint: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    radosgw: RadosgwSettings;
  }
}

function parseEnvLines(text: string): Record<string, string> {
  return Object.fromEntries(
    text
      .split('\n')
      .map((line) => /^([A-Z_][A-Z0-9_]*)=(.*)$/.exec(line.trim()))
      .filter((match): match is RegExpExecArray => match !== null)
      .map((match) => [match[1] as string, match[2] as string]),
  );
}

/** Starts radosgw for the suite (or uses the one S3_ENDPOINT names) and stops what it started. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const given = process.env.S3_ENDPOINT;
  if (given && process.env.AWS_ACCESS_KEY_ID && process.env.AWS_SECRET_ACCESS_KEY) {
    project.provide('radosgw', {
      endpoint: given,
      accessKeyId: process.env.AWS_ACCESS_KEY_ID,
      secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY,
    });
    return async () => {};
  }
  const started = Date.now();
  const { stdout } = await run('bash', [SCRIPT, 'start'], { maxBuffer: 1 << 20, timeout: 600_000 });
  const env = parseEnvLines(stdout);
  if (!env.S3_ENDPOINT || !env.AWS_ACCESS_KEY_ID || !env.AWS_SECRET_ACCESS_KEY)
    throw new Error(`${SCRIPT} start printed no S3_ENDPOINT and keys:\n${stdout}`);
  process.stderr.write(
    `radosgw at ${env.S3_ENDPOINT}, up in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
  );
  project.provide('radosgw', {
    endpoint: env.S3_ENDPOINT,
    accessKeyId: env.AWS_ACCESS_KEY_ID,
    secretAccessKey: env.AWS_SECRET_ACCESS_KEY,
  });
  return async () => {
    await run('bash', [SCRIPT, 'stop'], { timeout: 120_000 });
  };
}
