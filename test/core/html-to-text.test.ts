import fc from 'fast-check';
import { Parser } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import { htmlToText } from '../../src/core/html-to-text.ts';

const BLOCK = new Set(['p', 'div', 'br', 'li', 'h1', 'time']);
const SKIPPED = new Set(['script', 'nav']);

// The visible text as html-to-text.ts built it before it wrote in pieces: one string, appended
// to and re-read for trailing blanks at every paragraph break (the tags here are a subset).
function referenceText(html: string): string {
  let text = '';
  let skipDepth = 0;
  const breakParagraph = () => {
    text = text.replace(/[ \t]+$/, '');
    if (text !== '' && !text.endsWith('\n\n')) text += text.endsWith('\n') ? '\n' : '\n\n';
  };
  const parser = new Parser(
    {
      onopentag(name) {
        if (SKIPPED.has(name)) skipDepth += 1;
        if (BLOCK.has(name) && skipDepth === 0) breakParagraph();
      },
      ontext(data) {
        if (skipDepth > 0) return;
        const collapsed = data.replace(/\s+/g, ' ');
        text += text === '' || text.endsWith('\n') ? collapsed.trimStart() : collapsed;
      },
      onclosetag(name) {
        if (SKIPPED.has(name)) skipDepth = Math.max(0, skipDepth - 1);
        if (BLOCK.has(name) && skipDepth === 0) breakParagraph();
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  return text.trim();
}

describe('htmlToText', () => {
  it.each([
    { html: '<p>Hello <b>world</b></p>', expected: 'Hello world' },
    { html: '<p>a  \t</p><p>b</p>', expected: 'a\n\nb' },
    { html: 'x<br>y<br><br><br>z', expected: 'x\n\ny\n\nz' },
    { html: '<p> \t </p><p>\t</p>a', expected: 'a' },
    { html: '<p>a<b> </b><i>\t</i></p>b', expected: 'a\n\nb' },
    { html: '<div>&nbsp;a&#9;</div>b', expected: 'a\n\nb' },
    { html: '<p>one</p><nav><p>menu</p></nav><p>two</p>', expected: 'one\n\ntwo' },
  ])('reads $html as $expected', ({ html, expected }) => {
    expect(htmlToText(html).text).toBe(expected);
    expect(referenceText(html)).toBe(expected);
  });

  it('writes the same text as one string appended to would, on random pages', () => {
    const piece = fc.constantFrom(
      '<p>',
      '</p>',
      '<br>',
      '<div>',
      '</div>',
      '<b>',
      '</b>',
      '<nav>',
      '</nav>',
      '<li>',
      ' ',
      '\t',
      '\n',
      '  \t ',
      'a',
      'word ',
      ' x',
      '&#9;',
      '&nbsp;',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), (pieces) => {
        const html = pieces.join('');
        expect(htmlToText(html).text).toBe(referenceText(html));
      }),
      { numRuns: 500 },
    );
  });
});
