// node --import tsx src/bench/s3rver-process.ts DIRECTORY BUCKET
// s3rver in a process of its own, for benchmarks that measure their own process's memory: prints
// `{"port": N}` on stdout once it listens, and stops when its stdin closes (its parent exited).
import S3rver from 's3rver';

const [directory, bucket] = process.argv.slice(2);
if (!directory || !bucket) {
  process.stderr.write('usage: s3rver-process.ts DIRECTORY BUCKET\n');
  process.exit(2);
}
const server = new S3rver({
  port: 0,
  address: '127.0.0.1',
  silent: true,
  directory,
  configureBuckets: [{ name: bucket, configs: [] }],
});
const { port } = (await server.run()) as { port: number };
process.stdout.write(`${JSON.stringify({ port })}\n`);
process.stdin.resume();
process.stdin.on('end', () => {
  void server.close().then(() => process.exit(0));
});
