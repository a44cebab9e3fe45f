import type { S3Event } from 'aws-lambda';
import { encodeS3EventKey } from '../../src/adapters/s3-key.ts';

export { seededRandom } from '../../src/bench/seeded-random.ts';

export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

const PEOPLE = [
  'Mike Pompeo',
  'Kim Yong Chol',
  'Moon Jae-in',
  'Robert Palladino',
  'Joseph Dunford',
  'Stephen Biegun',
];
const PLACES = ['Seoul', 'Pyongyang', 'Washington', 'Singapore', 'Hanoi', 'Beijing', 'Tokyo'];
const TOPICS = ['sanctions', 'inspection', 'summit', 'missile', 'aid', 'border', 'reactor', 'exchange'];
const MONTHS = ['September', 'October', 'November', 'December'];
const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'];

/**
 * A news article about the talks, different for each `index` and `version`: three or four dated
 * sentences, some of them sharing words (and dates) with other articles so that events merge.
 */
export function storyText(index: number, version: number): string {
  const pick = <T>(list: readonly T[], offset: number): T =>
    list[(index * 7 + offset * 3 + version) % list.length] as T;
  const day = ((index * 5 + version * 11) % 27) + 1;
  return [
    `${pick(PEOPLE, 1)} met ${pick(PEOPLE, 2)} in ${pick(PLACES, 3)} on ${pick(WEEKDAYS, 4)} to discuss ${pick(TOPICS, 5)}.`,
    `The ${pick(TOPICS, 6)} report number ${index} was released on ${pick(MONTHS, 7)} ${day}, 2018, officials said.`,
    `North Korea's state media outlet KCNA said November 2 that the ${pick(TOPICS, 8)} talks would continue.`,
    version > 1
      ? `In a revised account, version ${version} says the ${pick(TOPICS, 9)} meeting was postponed to December ${day}.`
      : '',
  ]
    .filter(Boolean)
    .join(' ');
}

export const STORY_METADATA = { published: '2018-11-08', timezone: 'America/New_York' };

/** An S3 notification record as S3 sends it for one change of one key. */
export function notificationOf(
  bucket: string,
  key: string,
  kind: 'put' | 'delete',
  sequencer: string,
  etag?: string,
): S3Event {
  return {
    Records: [
      {
        eventVersion: '2.1',
        eventSource: 'aws:s3',
        awsRegion: 'us-east-1',
        eventTime: '2018-11-08T14:05:00.000Z',
        eventName: kind === 'put' ? 'ObjectCreated:Put' : 'ObjectRemoved:Delete',
        userIdentity: { principalId: 'AWS:EXAMPLE' },
        requestParameters: { sourceIPAddress: '127.0.0.1' },
        responseElements: { 'x-amz-request-id': 'EXAMPLE', 'x-amz-id-2': 'EXAMPLE' },
        s3: {
          s3SchemaVersion: '1.0',
          configurationId: 'news-timeline-articles',
          bucket: { name: bucket, ownerIdentity: { principalId: 'EXAMPLE' }, arn: `arn:aws:s3:::${bucket}` },
          object: {
            key: encodeS3EventKey(key),
            ...(kind === 'put' ? { size: 1, eTag: (etag ?? '').replace(/"/g, '') } : {}),
            sequencer,
          },
        },
      },
    ] as S3Event['Records'],
  };
}

/** S3-like sequencers: hexadecimal, increasing with every change (so within every key too). */
export function sequencerSource(): () => string {
  let counter = 0x0062e99a88dc0000n;
  return () => {
    counter += 1n + BigInt(Math.floor(Math.random() * 16));
    return counter.toString(16).toUpperCase().padStart(18, '0');
  };
}
