// The commands of `news-timeline`, each in one place: its operands, flags, usage and what runs it.
// The overall usage, every `COMMAND --help`, and the messages about unknown flags and bad values
// are made from these. A new command is one more `defineCommand` in COMMANDS; a new flag is one
// more entry in its command's flags, whose value then reaches the command typed
// (`CommandInput<typeof GET_FLAGS>`).
//
// This module loads no AWS SDK and no server: each command's code is imported when it runs, so
// `extract` and every `--help` stay light.
import { LOCAL_BUCKET, LOCAL_PORT } from '../../infra/local-defaults.ts';
import { collectionProblem } from '../core/route-key.ts';
import { type CivilDate, parseIsoDate } from '../core/temporal/calendar.ts';
import { isKnownTimezone } from '../core/temporal/reference.ts';
import { SUMMARY_DATES } from '../core/view.ts';
import {
  type Command,
  defineCommand,
  type Flags,
  oneOfValue,
  PORT_VALUE,
  textValue,
  type ValueKind,
  wholeNumberValue,
} from './command-line.ts';
import { FORMAT_DESCRIPTION, TIMELINE_FORMATS } from './timeline-output.ts';
import { UsageError } from './usage-error.ts';

export const PROGRAM = 'news-timeline';
export const ABOUT = 'dated events from news articles, merged into a timeline';

const LOCAL_PORT_TEXT = String(LOCAL_PORT);

const DATE_VALUE: ValueKind<CivilDate> = {
  placeholder: 'YYYY-MM-DD',
  expected: 'a date YYYY-MM-DD',
  read: parseIsoDate,
};

const TIMEZONE_VALUE: ValueKind<string> = {
  placeholder: 'ZONE',
  expected: 'an IANA time zone like America/New_York',
  read: (text) => (isKnownTimezone(text) ? text : undefined),
};

const ENDPOINT_VALUE: ValueKind<string> = {
  placeholder: 'URL|aws',
  expected: `an http(s) URL like http://127.0.0.1:${LOCAL_PORT_TEXT}, or aws (AWS's own endpoints)`,
  read: (text) => (text === 'aws' || (/^https?:\/\/./.test(text) && URL.canParse(text)) ? text : undefined),
};

const ENDPOINT_FLAG = {
  value: ENDPOINT_VALUE,
  env: 'S3_ENDPOINT',
  default: `http://127.0.0.1:${LOCAL_PORT_TEXT}`,
  description: 'the S3 endpoint, or aws for AWS itself',
} as const;

const BUCKET_FLAG = {
  value: textValue('NAME'),
  env: 'NEWS_TIMELINE_BUCKET',
  default: LOCAL_BUCKET,
  description: 'the bucket',
} as const;

const PROGRESS_FLAG = {
  description: 'progress on stderr also when it is not a terminal',
} as const;

const FORMAT_FLAG = {
  value: oneOfValue(...TIMELINE_FORMATS),
  default: 'json',
  description: FORMAT_DESCRIPTION,
} as const;

const COLLECTION_VALUE: ValueKind<string> = {
  placeholder: 'NAME',
  expected: 'a collection name (not empty, not . or .., no "/")',
  read: (text) => (collectionProblem(text) ? undefined : text),
};

/** A collection name as the bucket's keys allow it (route-key.ts), or a usage error. */
function checkedCollection(name: string | undefined): string {
  const problem = collectionProblem(name ?? '');
  if (problem) throw new UsageError(`COLLECTION '${name ?? ''}' ${problem}`);
  return name ?? '';
}

export const EXTRACT_FLAGS = {
  published: {
    value: DATE_VALUE,
    description: 'the reference date of an article that carries none of its own',
  },
  timezone: { value: TIMEZONE_VALUE, default: 'UTC', description: 'the zone the articles are read in' },
  collection: { value: COLLECTION_VALUE, default: 'default', description: 'the name of the collection' },
  top: {
    value: wholeNumberValue(1, 'a whole number of days, 1 or more'),
    default: String(SUMMARY_DATES),
    description: 'how many of the most salient days the summary lists',
  },
  format: FORMAT_FLAG,
  progress: PROGRESS_FLAG,
} as const satisfies Flags;

export const SERVE_FLAGS = {
  port: { value: PORT_VALUE, default: LOCAL_PORT_TEXT, description: 'the port of the S3 server' },
  data: { value: textValue('DIR'), default: '.data/s3', description: 'where the objects are kept' },
  'no-samples': { description: 'does not upload the sample articles' },
  'viewer-port': {
    value: PORT_VALUE,
    default: '4569',
    description: 'the port of the viewer, the page of the timelines (on 127.0.0.1)',
  },
} as const satisfies Flags;

export const VIEW_FLAGS = {
  endpoint: ENDPOINT_FLAG,
  bucket: BUCKET_FLAG,
  port: { value: PORT_VALUE, default: '4570', description: 'the port of the page (on 127.0.0.1)' },
} as const satisfies Flags;

export const INVOKE_FLAGS = {
  endpoint: ENDPOINT_FLAG,
  bucket: {
    value: textValue('NAME'),
    description: "the bucket of every record (default: the event's own)",
  },
} as const satisfies Flags;

export const GET_FLAGS = {
  endpoint: ENDPOINT_FLAG,
  bucket: BUCKET_FLAG,
  format: FORMAT_FLAG,
} as const satisfies Flags;

export const REBUILD_FLAGS = {
  endpoint: ENDPOINT_FLAG,
  bucket: BUCKET_FLAG,
  dialect: {
    value: oneOfValue('aws', 'radosgw'),
    env: 'S3_DIALECT',
    default: 'aws',
    description: "how the S3 server differs from AWS's (radosgw: Ceph's gateway)",
  },
  progress: PROGRESS_FLAG,
} as const satisfies Flags;

/** Every command of news-timeline, in the order the usage lists them. */
export const COMMANDS: readonly Command[] = [
  defineCommand({
    name: 'extract',
    operands: [{ name: 'FILE', repeats: true }],
    summary: 'prints the merged timeline JSON of article files; no S3 involved',
    description: `Reads each FILE as the article function reads an object (plain text, HTML or JSON), extracts its
dated events and prints the merged timeline of all of them, as JSON, in the shape \`get\` prints
(or, with --format, as TimelineJS's JSON or as CSV).
A file that is missing or cannot be read as an article is named on stderr, and then no timeline is
printed (exit 1). Progress goes to stderr when it is a terminal.`,
    flags: EXTRACT_FLAGS,
    run: async (input) => (await import('./extract.ts')).extract(input),
  }),
  defineCommand({
    name: 'serve',
    operands: [],
    summary: 'the local stack: an S3 server on 127.0.0.1 wired to both functions (npm start)',
    description: `Starts an S3-compatible server on 127.0.0.1 with the bucket ${LOCAL_BUCKET}, whose
notifications run the article function and, through an in-process FIFO queue, the compactor;
uploads the sample articles of events/articles/, prints where their timeline is and a summary
of it, and keeps running (Ctrl-C stops it). Objects survive restarts in --data.`,
    flags: SERVE_FLAGS,
    run: async (input) => (await import('./s3-commands.ts')).serve(input),
  }),
  defineCommand({
    name: 'invoke',
    operands: [{ name: 'EVENT.json' }],
    summary: 'runs the article function and then the compactor once on an S3 event file',
    description: `Runs the article function on an S3 notification (EVENT.json, as S3 sends it: see events/), then
the compactor on the messages it sent, in process, and prints both outcomes as JSON.`,
    flags: INVOKE_FLAGS,
    run: async (input) => (await import('./s3-commands.ts')).invoke(input),
  }),
  defineCommand({
    name: 'get',
    operands: [{ name: 'COLLECTION' }],
    summary: "prints a collection's whole timeline, assembled from its view in the bucket",
    description: `Reads the view of COLLECTION (timelines/COLLECTION/index.json and the documents it names) and
prints the whole timeline as one JSON document (or, with --format, as TimelineJS's JSON or as CSV).`,
    flags: GET_FLAGS,
    run: async (input) => {
      checkedCollection(input.positionals[0]);
      return (await import('./s3-commands.ts')).get(input);
    },
  }),
  defineCommand({
    name: 'rebuild',
    operands: [{ name: 'COLLECTION' }],
    summary: "rebuilds a collection's reports and view from the articles in the bucket now",
    description: `Reads every article of COLLECTION again into its report, then updates the view (or builds it
from nothing when it is missing or unreadable) and deletes the documents nothing points at:
after the view was deleted or corrupted, after an upgrade of the extractor, or to migrate an
earlier version's timeline. Prints a summary; exits 1 when some articles could not be read (they
are listed on stderr). Progress goes to stderr when it is a terminal.`,
    flags: REBUILD_FLAGS,
    run: async (input) => {
      checkedCollection(input.positionals[0]);
      return (await import('./s3-commands.ts')).rebuild(input);
    },
  }),
  defineCommand({
    name: 'view',
    operands: [{ name: 'COLLECTION' }],
    summary: "serves the viewer of a collection's timeline on 127.0.0.1, for any bucket",
    description: `Serves the timeline viewer of COLLECTION on 127.0.0.1 and prints its address: the page reads
the view through this process, with your S3 credentials (for --endpoint aws, the AWS SDK's
usual chain: AWS_PROFILE, AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, SSO, a role), so the bucket
stays private. It needs s3:GetObject on timelines/COLLECTION/* (and s3:ListBucket, or a view
not written yet reads as access denied). The page follows the view as it is updated. Ctrl-C
stops.`,
    flags: VIEW_FLAGS,
    run: async (input) => {
      checkedCollection(input.positionals[0]);
      return (await import('./view-command.ts')).view(input);
    },
  }),
];
