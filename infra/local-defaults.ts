// The local stack's names, in a module that imports nothing: the CLI's usage and `--help` show
// them without loading the stack, its S3 server or the AWS SDK.

/** The bucket of `npm start`'s embedded S3 server. */
export const LOCAL_BUCKET = 'news-timeline-local';
/** The embedded S3 server's port (s3rver's own default). */
export const LOCAL_PORT = 4568;
