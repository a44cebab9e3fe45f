import { ArticleFormatError } from './errors.ts';

/** Articles larger than this are refused: no news article is, and Lambda memory is finite. */
export const MAX_ARTICLE_BYTES = 5 * 1024 * 1024;

export interface DecodedText {
  readonly text: string;
  readonly encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';
}

const SNIFF_BYTES = 8192;

// Windows-1252 differs from Latin-1 only in 0x80–0x9F (curly quotes, dashes, €). Node 20's
// TextDecoder('windows-1252') decodes that range as Latin-1 control characters (nodejs/node#56542),
// so the range is mapped here; 0x81, 0x8D, 0x8F, 0x90 and 0x9D are unassigned and stay as they are.
const WINDOWS_1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';

function decodeWindows1252(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) {
    text += byte >= 0x80 && byte <= 0x9f ? WINDOWS_1252_HIGH[byte - 0x80] : String.fromCharCode(byte);
  }
  return text;
}

function looksBinary(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, SNIFF_BYTES);
  let control = 0;
  for (const byte of head) {
    if (byte === 0) return true;
    // C0 controls other than tab, LF, FF, CR, ESC are not in text.
    if (byte < 32 && byte !== 9 && byte !== 10 && byte !== 12 && byte !== 13 && byte !== 27) control += 1;
  }
  return control > head.length * 0.01;
}

/**
 * Bytes of an article to text: a byte-order mark decides UTF-8/UTF-16, then strict UTF-8, then
 * Windows-1252 (the usual encoding of legacy news feeds). Binary and empty input are refused with
 * an {@link ArticleFormatError} naming the article.
 *
 * @example decodeText('articles/a.txt', new TextEncoder().encode('Hi')) // { text: 'Hi', encoding: 'utf-8' }
 */
export function decodeText(key: string, bytes: Uint8Array): DecodedText {
  if (bytes.length > MAX_ARTICLE_BYTES) {
    throw new ArticleFormatError(
      key,
      'too-large',
      `too large: ${bytes.length} bytes (limit ${MAX_ARTICLE_BYTES})`,
    );
  }
  let decoded: DecodedText;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    decoded = { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  } else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    decoded = { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  } else {
    if (looksBinary(bytes)) throw new ArticleFormatError(key, 'binary', 'binary data, not text');
    const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
    try {
      decoded = { text: new TextDecoder('utf-8', { fatal: true }).decode(body), encoding: 'utf-8' };
    } catch {
      decoded = { text: decodeWindows1252(body), encoding: 'windows-1252' };
    }
  }
  if (decoded.text.trim() === '') throw new ArticleFormatError(key, 'empty', 'empty: no text in it');
  return decoded;
}
