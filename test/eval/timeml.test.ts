import { describe, expect, it } from 'vitest';
import { parseTimeml, TimemlFormatError, writeTimeml } from '../../src/eval/timeml.ts';

// Hand-made in the shape of the TempEval-3 files: DCT outside TEXT, EVENT/SIGNAL/TIMEX3 inside,
// an entity in the text, CRLF line ends and links after TEXT.
const TML = [
  '<?xml version="1.0" ?>',
  '<TimeML>',
  '<DOCID>sample</DOCID>',
  '<DCT>CAIRO, <TIMEX3 tid="t0" type="DATE" value="1998-02-13" temporalFunction="false" functionInDocument="CREATION_TIME">Feb. 13</TIMEX3> (AP)</DCT>',
  '<TEXT>',
  'Standard &amp; Poor\'s <EVENT eid="e1" class="OCCURRENCE">fell</EVENT> <TIMEX3 tid="t1" type="DATE" value="1998-02-12" mod="END">late Thursday</TIMEX3>,',
  '<SIGNAL sid="s1">after</SIGNAL> <TIMEX3 tid="t2" type="DURATION" value="P2W">two weeks</TIMEX3> of "gains".',
  '</TEXT>',
  '<TLINK lid="l1" relType="BEFORE" eventInstanceID="ei1" relatedToTime="t1"/>',
  '</TimeML>',
  '',
].join('\r\n');

const TEXT = '\r\nStandard & Poor\'s fell late Thursday,\r\nafter two weeks of "gains".\r\n';

describe('parseTimeml', () => {
  const document = parseTimeml(TML, 'sample');

  it('reads the DCT as the reference, not as a timex of the text', () => {
    expect(document.dct).toEqual({ tid: 't0', type: 'DATE', value: '1998-02-13' });
    expect(document.timexes.map((timex) => timex.tid)).toEqual(['t1', 't2']);
  });

  it('strips every tag of TEXT, keeps the blanks and decodes entities', () => {
    expect(document.text).toBe(TEXT);
  });

  it('gives offsets into the stripped text and the attributes as written', () => {
    for (const timex of document.timexes)
      expect(document.text.slice(timex.start, timex.end)).toBe(timex.text);
    expect(document.timexes[0]).toMatchObject({
      type: 'DATE',
      value: '1998-02-12',
      mod: 'END',
      text: 'late Thursday',
    });
    expect(document.timexes[1]).toMatchObject({ type: 'DURATION', value: 'P2W', text: 'two weeks' });
    expect(document.timexes[1]?.mod).toBeUndefined();
    expect(document.timexes[0]?.attributes).toEqual({
      tid: 't1',
      type: 'DATE',
      value: '1998-02-12',
      mod: 'END',
    });
  });

  it('refuses a document without a creation time', () => {
    expect(() => parseTimeml(TML.replace('CREATION_TIME', 'NONE'), 'x')).toThrow(TimemlFormatError);
  });

  it('refuses a TIMEX3 that is not closed', () => {
    expect(() => parseTimeml(TML.replace('two weeks</TIMEX3>', 'two weeks'), 'x')).toThrow(TimemlFormatError);
  });
});

describe('writeTimeml', () => {
  const document = parseTimeml(TML, 'sample');
  const [before, after] = TML.split(/<TEXT>[\s\S]*<\/TEXT>/) as [string, string];

  it('round-trips the gold timexes: same text, same timexes, only TIMEX3 tags left in TEXT', () => {
    const written = writeTimeml(TML, document.timexes);
    const again = parseTimeml(written, 'sample');
    expect(again.text).toBe(document.text);
    expect(again.dct).toEqual(document.dct);
    expect(
      again.timexes.map(({ type, value, mod, start, end, text }) => ({ type, value, mod, start, end, text })),
    ).toEqual(
      document.timexes.map(({ type, value, mod, start, end, text }) => ({
        type,
        value,
        mod,
        start,
        end,
        text,
      })),
    );
    expect(written).not.toMatch(/<(EVENT|SIGNAL)\b/);
  });

  it('leaves everything outside TEXT and every character of TEXT byte-identical', () => {
    const written = writeTimeml(TML, [{ type: 'DATE', value: 'PAST_REF', start: 0, end: 3 }]);
    expect(written.startsWith(before)).toBe(true);
    expect(written.endsWith(after)).toBe(true);
    const inner = written.slice(
      before.length + '<TEXT>'.length,
      written.length - after.length - '</TEXT>'.length,
    );
    expect(inner.replace(/<[^>]*>/g, '')).toBe(
      TML.slice(TML.indexOf('<TEXT>') + 6, TML.indexOf('</TEXT>')).replace(/<[^>]*>/g, ''),
    );
    expect(inner).toContain('&amp;');
  });

  it('writes our attributes, escaped, with tids in text order', () => {
    const start = TEXT.indexOf('Thursday');
    const written = writeTimeml(TML, [
      { type: 'DURATION', value: 'P2W', start: TEXT.indexOf('two'), end: TEXT.indexOf(' of') },
      { type: 'DATE', value: 'a"b', mod: 'END', start, end: start + 'Thursday'.length },
    ]);
    expect(written).toContain(
      'late <TIMEX3 tid="t1" type="DATE" value="a&quot;b" mod="END">Thursday</TIMEX3>,',
    );
    expect(written).toContain('<TIMEX3 tid="t2" type="DURATION" value="P2W">two weeks</TIMEX3> of');
    expect(parseTimeml(written).timexes[0]?.value).toBe('a"b');
  });

  it('refuses overlapping or empty timexes', () => {
    const overlapping = [
      { type: 'DATE', value: 'X', start: 5, end: 10 },
      { type: 'DATE', value: 'Y', start: 8, end: 12 },
    ];
    expect(() => writeTimeml(TML, overlapping)).toThrow(TimemlFormatError);
    expect(() => writeTimeml(TML, [{ type: 'DATE', value: 'X', start: 5, end: 5 }])).toThrow(
      TimemlFormatError,
    );
  });
});
