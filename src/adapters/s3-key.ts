/**
 * S3 event notifications carry object keys URL-encoded the way HTML forms are: spaces as `+`,
 * everything but unreserved characters as UTF-8 %XX. A literal `+` in a key arrives as `%2B`.
 * (AWS docs, "Event message structure": "The s3 key provides information about the bucket and
 * object involved in the event. The object key name value is URL encoded.")
 *
 * @example decodeS3EventKey('articles/nk+talks+%E2%80%93+full.txt') // 'articles/nk talks – full.txt'
 */
export function decodeS3EventKey(encodedKey: string): string {
  return decodeURIComponent(encodedKey.replace(/\+/g, ' '));
}

/**
 * The inverse of {@link decodeS3EventKey}, as S3 itself encodes keys in notifications: letters,
 * digits and `-_.*` stay, a space becomes `+`, every other byte becomes %XX.
 *
 * @example encodeS3EventKey('articles/a b+c.txt') // 'articles/a+b%2Bc.txt'
 */
export function encodeS3EventKey(key: string): string {
  let encoded = '';
  for (const byte of new TextEncoder().encode(key)) {
    const char = String.fromCharCode(byte);
    if (/[A-Za-z0-9\-_.*/]/.test(char)) encoded += char;
    else if (char === ' ') encoded += '+';
    else encoded += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return encoded;
}
