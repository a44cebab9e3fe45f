import { TimelineError } from '../core/errors.ts';
import { parseIsoDate } from '../core/temporal/calendar.ts';
import type { ReferenceDate } from '../core/temporal/reference.ts';

/** A TimeML document (.tml) cannot be read or written: says which one and why. */
export class TimemlFormatError extends TimelineError {
  constructor(name: string, reason: string, options?: { cause?: unknown }) {
    super(`TimeML document ${JSON.stringify(name)}: ${reason}`, options);
    this.name = 'TimemlFormatError';
  }
}

/** A TIMEX3 of a TimeML document, with offsets into the document's stripped TEXT. */
export interface TimemlTimex {
  readonly tid: string;
  readonly type: string;
  readonly value: string;
  readonly mod?: string;
  /** Every attribute as written (decoded), tid/type/value/mod included. */
  readonly attributes: Readonly<Record<string, string>>;
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

/** What `parseTimeml` reads from a .tml file. */
export interface TimemlDocument {
  /** The DCT's TIMEX3 (functionInDocument="CREATION_TIME"): the reference date, never scored. */
  readonly dct: { readonly tid: string; readonly type: string; readonly value: string };
  /** The content of <TEXT> with every tag removed and entities decoded (&amp; -> &). */
  readonly text: string;
  /** The TIMEX3s inside <TEXT>, in document order. */
  readonly timexes: readonly TimemlTimex[];
}

/** What `writeTimeml` puts in a TIMEX3 tag; offsets into the stripped TEXT. */
export interface TimexToWrite {
  readonly type: string;
  readonly value: string;
  readonly mod?: string | undefined;
  readonly start: number;
  readonly end: number;
  /** Defaults to `t1`, `t2`… in document order. */
  readonly tid?: string;
}

const TEXT_RE = /<TEXT>([\s\S]*?)<\/TEXT>/;
const DCT_RE = /<DCT>([\s\S]*?)<\/DCT>/;
const TIMEX_OPEN_RE = /<TIMEX3\b([^>]*?)\/?>/g;
// The corpora use &amp; and &quot; (AQUAINT's "&amp;QL;" slugs, "Standard &amp; Poor's"); XML
// allows the other three predefined entities and character references, so those are read too.
const MARKUP_RE = /<[^>]*>|&(?:#(\d+)|#x([0-9a-fA-F]+)|(amp|lt|gt|quot|apos));/g;
const ATTRIBUTE_RE = /([A-Za-z_:][\w:.-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
const TAG_NAME_RE = /^<(\/?)([A-Za-z_][\w:.-]*)([^>]*?)(\/?)>$/;
const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntities(raw: string): string {
  return raw.replace(MARKUP_RE, (match, decimal?: string, hex?: string, named?: string) => {
    if (match.startsWith('<')) return match;
    if (decimal) return String.fromCodePoint(Number(decimal));
    if (hex) return String.fromCodePoint(Number.parseInt(hex, 16));
    return NAMED_ENTITIES[named as string] ?? match;
  });
}

function readAttributes(source: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const match of source.matchAll(ATTRIBUTE_RE))
    attributes[match[1] as string] = decodeEntities(match[2] ?? match[3] ?? '');
  return attributes;
}

/** One character (or entity) of TEXT as written, and the tags written just before it. */
interface RawText {
  /** Decoded text. */
  readonly text: string;
  /** `pieces[i]` is how decoded character `i` is written in the file (`&` or `&amp;`). */
  readonly pieces: readonly string[];
  /** Raw offsets of TEXT's content in the file. */
  readonly innerStart: number;
  readonly innerEnd: number;
  readonly tags: readonly { readonly at: number; readonly tag: string }[];
}

function readText(source: string, name: string): RawText {
  const match = TEXT_RE.exec(source);
  if (!match) throw new TimemlFormatError(name, 'no <TEXT> element');
  const inner = match[1] as string;
  const innerStart = match.index + '<TEXT>'.length;
  const pieces: string[] = [];
  const tags: { at: number; tag: string }[] = [];
  let text = '';
  let from = 0;
  // One piece per UTF-16 code unit, the unit Timex offsets count in.
  const pushPlain = (plain: string) => {
    for (const unit of plain.split('')) pieces.push(unit);
    text += plain;
  };
  for (const markup of inner.matchAll(MARKUP_RE)) {
    pushPlain(inner.slice(from, markup.index));
    const raw = markup[0];
    if (raw.startsWith('<')) tags.push({ at: text.length, tag: raw });
    else {
      const decoded = decodeEntities(raw);
      for (let unit = 0; unit < decoded.length; unit += 1) pieces.push(unit === 0 ? raw : '');
      text += decoded;
    }
    from = markup.index + raw.length;
  }
  pushPlain(inner.slice(from));
  return { text, pieces, innerStart, innerEnd: innerStart + inner.length, tags };
}

/**
 * Reads a TimeML document: the DCT, the text of <TEXT> without its tags, and the TIMEX3s in it
 * with offsets into that text. The text is exactly the characters between the tags, with the
 * five XML entities decoded (AQUAINT writes `Standard &amp; Poor's`); nothing else is touched.
 *
 * @example parseTimeml(tml).timexes[0] // { tid: 't1', type: 'DATE', value: '2005-10-04', text: 'October 04, 2005', start: 41, end: 57, ... }
 */
export function parseTimeml(source: string, name = 'document'): TimemlDocument {
  const dctElement = DCT_RE.exec(source);
  const dctTimexes = dctElement ? [...(dctElement[1] as string).matchAll(TIMEX_OPEN_RE)] : [];
  const dctAttributes = dctTimexes
    .map((timex) => readAttributes(timex[1] as string))
    .find((attributes) => attributes.functionInDocument === 'CREATION_TIME');
  if (!dctAttributes?.value)
    throw new TimemlFormatError(name, 'no <DCT> TIMEX3 with functionInDocument="CREATION_TIME" and a value');

  const { text, tags } = readText(source, name);
  const timexes: TimemlTimex[] = [];
  const open: { start: number; attributes: Record<string, string> }[] = [];
  for (const { at, tag } of tags) {
    const parts = TAG_NAME_RE.exec(tag);
    if (parts?.[2] !== 'TIMEX3') continue;
    const [, closing, , attributeSource, selfClosing] = parts;
    if (closing) {
      const opened = open.pop();
      if (!opened) throw new TimemlFormatError(name, `</TIMEX3> without <TIMEX3> at text offset ${at}`);
      const { tid, type, value, mod } = opened.attributes;
      if (!type || value === undefined)
        throw new TimemlFormatError(name, `TIMEX3 ${JSON.stringify(tid)} without type or value`);
      timexes.push({
        tid: tid ?? '',
        type,
        value,
        ...(mod === undefined ? {} : { mod }),
        attributes: opened.attributes,
        text: text.slice(opened.start, at),
        start: opened.start,
        end: at,
      });
    } else if (!selfClosing) {
      // Empty (non-consuming) TIMEX3s have no text to find; none occurs in the corpora.
      open.push({ start: at, attributes: readAttributes(attributeSource as string) });
    }
  }
  if (open.length > 0) throw new TimemlFormatError(name, '<TIMEX3> not closed');
  timexes.sort((a, b) => a.start - b.start || b.end - a.end);
  return {
    dct: { tid: dctAttributes.tid ?? 't0', type: dctAttributes.type ?? 'DATE', value: dctAttributes.value },
    text,
    timexes,
  };
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
}

/**
 * Writes `source` back with the content of <TEXT> tagged by `timexes` only: the TEXT's own
 * EVENT, SIGNAL and TIMEX3 tags are dropped, its characters (entities as written) are kept byte
 * for byte, and everything outside TEXT (DOCID, DCT and its TIMEX3, links) is left as it is.
 * Timexes must not overlap: a TIMEX3 cannot straddle another.
 *
 * @example writeTimeml(tml, [{ type: 'DATE', value: '2005-10-12', start: 194, end: 204 }])
 * // '…<TEXT>…held on <TIMEX3 tid="t1" type="DATE" value="2005-10-12">October 12</TIMEX3>.…</TEXT>…'
 */
export function writeTimeml(source: string, timexes: readonly TimexToWrite[], name = 'document'): string {
  const { text, pieces, innerStart, innerEnd } = readText(source, name);
  const sorted = [...timexes].sort((a, b) => a.start - b.start || a.end - b.end);
  const opening = new Map<number, string>();
  const closing = new Set<number>();
  let previousEnd = 0;
  sorted.forEach((timex, index) => {
    if (!(timex.start >= previousEnd && timex.end > timex.start && timex.end <= text.length))
      throw new TimemlFormatError(
        name,
        `cannot write TIMEX3 at ${timex.start}-${timex.end}: empty, out of the text or overlapping another`,
      );
    previousEnd = timex.end;
    const mod = timex.mod ? ` mod="${escapeAttribute(timex.mod)}"` : '';
    const tid = escapeAttribute(timex.tid ?? `t${index + 1}`);
    opening.set(
      timex.start,
      `<TIMEX3 tid="${tid}" type="${escapeAttribute(timex.type)}" value="${escapeAttribute(timex.value)}"${mod}>`,
    );
    closing.add(timex.end);
  });
  let inner = '';
  for (let i = 0; i <= pieces.length; i += 1) {
    if (closing.has(i)) inner += '</TIMEX3>';
    const tag = opening.get(i);
    if (tag) inner += tag;
    inner += pieces[i] ?? '';
  }
  return source.slice(0, innerStart) + inner + source.slice(innerEnd);
}

/**
 * The reference date of a TimeML document: its DCT's day, in UTC (the corpora give no zone).
 *
 * @example referenceDateOf(parseTimeml(source, name), name) // { date: { year: 1998, month: 1, day: 8 }, timezone: 'UTC' }
 */
export function referenceDateOf(document: TimemlDocument, name: string): ReferenceDate {
  const value = document.dct.value;
  const date = parseIsoDate(value.slice(0, 10));
  if (!date) throw new TimemlFormatError(name, `DCT value ${JSON.stringify(value)} is not YYYY-MM-DD…`);
  return { date, timezone: 'UTC' };
}
