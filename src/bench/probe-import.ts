// Child-process probe for measureImportTime: prints how many milliseconds a dynamic import of
// argv[2] takes in this fresh process (module cache empty, loader already registered).
const specifier = process.argv[2];
if (!specifier) {
  process.stderr.write('usage: probe-import.ts SPECIFIER\n');
  process.exit(2);
}
const started = performance.now();
await import(specifier);
process.stdout.write(`${performance.now() - started}\n`);
