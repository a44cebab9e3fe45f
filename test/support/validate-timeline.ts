import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import schema from '../../schema/timeline.schema.json' with { type: 'json' };

// Compiled once per test file: compiling generates code and costs more than any validation.
// Strict in every respect so that a schema mistake (a pattern without a type, an unknown
// keyword) fails here rather than letting invalid timelines through.
const ajv = new Ajv2020({
  allErrors: true,
  strict: true,
  strictTypes: true,
  strictTuples: true,
  strictRequired: true,
});
const validateSchema = ajv.compile<SchemaValidTimeline>(schema);

interface Span {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

// Only what the schema has already guaranteed: the invariant checks run on valid documents.
interface SchemaValidTimeline {
  readonly articles: ReadonlyArray<{ readonly key: string }>;
  readonly events: ReadonlyArray<{
    readonly id: string;
    readonly date: { readonly start: string; readonly end: string };
    readonly sources: ReadonlyArray<Span & { readonly article: string; readonly date: Span }>;
  }>;
}

function describeSchemaError(error: ErrorObject): string {
  const where = error.instancePath === '' ? '(root)' : error.instancePath;
  const extra =
    error.keyword === 'additionalProperties'
      ? ` (${JSON.stringify((error.params as { additionalProperty: string }).additionalProperty)})`
      : error.keyword === 'enum'
        ? ` (${JSON.stringify((error.params as { allowedValues: unknown[] }).allowedValues)})`
        : '';
  return `${where} ${error.message ?? error.keyword}${extra}`;
}

function spanProblem(where: string, span: Span): string | undefined {
  if (span.end - span.start === span.text.length) return undefined;
  return `${where}: end - start is ${span.end - span.start} but text has ${span.text.length} characters`;
}

/** The rules JSON Schema cannot express: order, ranges, offsets that match their text, identity. */
function invariantProblems(timeline: SchemaValidTimeline): string[] {
  const problems: string[] = [];
  const articleKeys = new Set<string>();
  timeline.articles.forEach((article, index) => {
    if (articleKeys.has(article.key)) problems.push(`/articles/${index}: duplicate key ${article.key}`);
    articleKeys.add(article.key);
  });
  const ids = new Map<string, number>();
  timeline.events.forEach((event, index) => {
    const where = `/events/${index}`;
    const { start, end } = event.date;
    if (start > end) problems.push(`${where}/date: start ${start} is after end ${end}`);
    const seen = ids.get(event.id);
    if (seen !== undefined) problems.push(`${where}/id: ${event.id} is also the id of /events/${seen}`);
    else ids.set(event.id, index);
    const previous = timeline.events[index - 1];
    if (previous) {
      const order =
        previous.date.start < start
          ? -1
          : previous.date.start > start
            ? 1
            : previous.date.end.localeCompare(end);
      if (order > 0) {
        problems.push(
          `${where}: out of order, ${start}..${end} comes after ${previous.date.start}..${previous.date.end}`,
        );
      }
    }
    event.sources.forEach((source, sourceIndex) => {
      const at = `${where}/sources/${sourceIndex}`;
      if (!articleKeys.has(source.article))
        problems.push(`${at}/article: ${source.article} is not in articles`);
      const sentence = spanProblem(at, source);
      if (sentence) problems.push(sentence);
      const date = spanProblem(`${at}/date`, source.date);
      if (date) problems.push(date);
      if (source.date.start < source.start || source.date.end > source.end) {
        problems.push(`${at}/date: ${source.date.start}..${source.date.end} is outside the sentence`);
      }
    });
  });
  return problems;
}

/**
 * Throws unless `timeline` is a timeline other tools can rely on: valid against
 * schema/timeline.schema.json, and keeping the rules the schema cannot express (events sorted by
 * date.start then date.end, start <= end, unique ids, offsets that match their text).
 *
 * @example assertValidTimeline(withArticle(emptyTimeline('nk', now), article, events))
 */
export function assertValidTimeline(timeline: unknown): void {
  if (!validateSchema(timeline)) {
    const errors = (validateSchema.errors ?? []).map(describeSchemaError);
    throw new Error(`timeline does not match timeline.schema.json:\n  ${errors.join('\n  ')}`);
  }
  const problems = invariantProblems(timeline);
  if (problems.length > 0) throw new Error(`timeline breaks its invariants:\n  ${problems.join('\n  ')}`);
}
