import { describe, expect, it } from 'vitest';
import { decodeText, MAX_ARTICLE_BYTES } from '../../src/core/decode-text.ts';
import { ArticleFormatError } from '../../src/core/errors.ts';

const KEY = 'articles/sample.txt';
const bytes = (...values: number[]): Uint8Array => Uint8Array.from(values);
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

function utf16(text: string, endian: 'le' | 'be'): Uint8Array {
  const out = new Uint8Array(2 + text.length * 2);
  out.set(endian === 'le' ? [0xff, 0xfe] : [0xfe, 0xff]);
  for (let index = 0; index < text.length; index += 1) {
    const unit = text.charCodeAt(index);
    const [high, low] = [unit >> 8, unit & 0xff];
    out.set(endian === 'le' ? [low, high] : [high, low], 2 + index * 2);
  }
  return out;
}

/** The ArticleFormatError `decode` throws; fails the test when it throws nothing or something else. */
function formatErrorOf(decode: () => unknown): ArticleFormatError {
  try {
    decode();
  } catch (error) {
    expect(error).toBeInstanceOf(ArticleFormatError);
    return error as ArticleFormatError;
  }
  throw new Error('expected an ArticleFormatError, nothing was thrown');
}

describe('decodeText', () => {
  it.each([
    {
      name: 'UTF-8',
      input: utf8('Café in Pyongyang — “talks”'),
      text: 'Café in Pyongyang — “talks”',
      encoding: 'utf-8',
    },
    {
      name: 'UTF-8 with a byte-order mark, which is dropped',
      input: bytes(0xef, 0xbb, 0xbf, ...utf8('Café')),
      text: 'Café',
      encoding: 'utf-8',
    },
    {
      name: 'UTF-16LE with a byte-order mark',
      input: utf16('Café “Kim”', 'le'),
      text: 'Café “Kim”',
      encoding: 'utf-16le',
    },
    {
      name: 'UTF-16BE with a byte-order mark',
      input: utf16('Café “Kim”', 'be'),
      text: 'Café “Kim”',
      encoding: 'utf-16be',
    },
    {
      // "café" in Latin-1: 0xE9 alone is not valid UTF-8.
      name: 'invalid UTF-8, read as Windows-1252',
      input: bytes(0x63, 0x61, 0x66, 0xe9),
      text: 'café',
      encoding: 'windows-1252',
    },
    {
      // 0x93/0x94 are curly quotes in Windows-1252 (control codes in Latin-1): legacy news feeds.
      name: 'Windows-1252 curly quotes',
      input: bytes(0x93, ...utf8('angry'), 0x94),
      text: '“angry”',
      encoding: 'windows-1252',
    },
    {
      name: 'text with tabs, CR LF and form feeds',
      input: utf8('a\tb\r\nc\fd'),
      text: 'a\tb\r\nc\fd',
      encoding: 'utf-8',
    },
  ])('decodes $name', ({ input, text, encoding }) => {
    expect(decodeText(KEY, input)).toEqual({ text, encoding });
  });

  it.each([
    {
      name: 'a PNG header',
      input: bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48),
    },
    { name: 'text with a NUL byte', input: bytes(...utf8('North Korea'), 0, ...utf8('talks')) },
    { name: 'UTF-16 without a byte-order mark', input: utf16('North Korea', 'le').subarray(2) },
  ])('refuses $name as binary, naming the key', ({ input }) => {
    const error = formatErrorOf(() => decodeText(KEY, input));
    expect(error.key).toBe(KEY);
    expect(error.message).toContain(KEY);
    expect(error.message).toMatch(/binary/);
  });

  it.each([
    { name: 'no bytes', input: bytes() },
    { name: 'whitespace only', input: utf8(' \n\t\r\n ') },
    { name: 'a byte-order mark only', input: bytes(0xef, 0xbb, 0xbf) },
    { name: 'UTF-16 whitespace only', input: utf16('  \n', 'le') },
  ])('refuses $name as empty', ({ input }) => {
    const error = formatErrorOf(() => decodeText(KEY, input));
    expect(error.key).toBe(KEY);
    expect(error.message).toMatch(/empty/);
  });

  it('refuses an article over MAX_ARTICLE_BYTES as too large', () => {
    const error = formatErrorOf(() => decodeText(KEY, new Uint8Array(MAX_ARTICLE_BYTES + 1).fill(0x61)));
    expect(error.key).toBe(KEY);
    expect(error.message).toMatch(/too large/);
  });

  it('accepts an article of exactly MAX_ARTICLE_BYTES', () => {
    const { text } = decodeText(KEY, new Uint8Array(MAX_ARTICLE_BYTES).fill(0x61));
    expect(text).toHaveLength(MAX_ARTICLE_BYTES);
  });
});
