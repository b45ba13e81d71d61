/** Display helpers: control characters made visible (never dropped), CRLF, blank-line runs. */
import { describe, expect, it } from 'vitest';
import { BLANK_RUN_MIN, displayLines, displayNote, displayRows, displayStats, foldRows, groupDigits, rowSpan, sameText } from '../../src/lib/content/text.ts';

describe('display', () => {
  it('shows NUL as ␀ and other controls as control pictures, keeping tabs', () => {
    expect(displayLines('a\u0000b\tc\u001b[0m\u0007\u007f')).toEqual(['a\u2400b\tc\u241b[0m\u2407\u2421']);
  });

  it('strips CRLF line ends but shows a lone CR', () => {
    expect(displayLines('one\r\ntwo\r\n')).toEqual(['one', 'two']);
    expect(displayLines('a\rb\n')).toEqual(['a\u240db']);
    expect(displayLines('no final newline')).toEqual(['no final newline']);
    expect(displayLines('')).toEqual([]);
    expect(displayLines('\n')).toEqual(['']);
  });

  it('counts what it changed and says so', () => {
    const s = displayStats('x\u0000\u0000\r\ny\u001b\rz');
    expect(s).toEqual({ nul: 2, control: 2, crlf: 1, finalNewline: false });
    expect(displayNote(s)).toBe(
      'This text has 2 NUL bytes shown as ␀; 2 other control characters shown as visible symbols (␛, ␍, …); 1 CRLF line end (shown as plain line breaks).',
    );
    expect(displayNote(displayStats('plain\n'))).toBeUndefined();
  });

  it('collapses long runs of blank lines into one row with the right numbers', () => {
    const text = `a\n${'\n'.repeat(BLANK_RUN_MIN + 5)}b\n\n\nc\n`;
    const rows = displayRows(text);
    expect(rows[0]).toEqual({ n: 1, text: 'a' });
    expect(rows[1]).toEqual({ gapFrom: 2, gapTo: BLANK_RUN_MIN + 6 });
    expect(rows[2]).toEqual({ n: BLANK_RUN_MIN + 7, text: 'b' });
    expect(rows.slice(3)).toEqual([
      { n: BLANK_RUN_MIN + 8, text: '' },
      { n: BLANK_RUN_MIN + 9, text: '' },
      { n: BLANK_RUN_MIN + 10, text: 'c' },
    ]);
  });

  it('compares texts up to whitespace', () => {
    expect(sameText('a  b\r\nc\n', 'a b c')).toBe(true);
    expect(sameText('a b', 'a c')).toBe(false);
    expect(sameText(undefined, 'a')).toBe(false);
  });
});

describe('very long texts', () => {
  it('anchor the first lines and keep the rest complete in one block', () => {
    const text = Array.from({ length: 10 }, (_, i) => `x${i + 1}`).join('\n') + '\n';
    const rows = displayRows(text, 4);
    expect(rows.slice(0, 4)).toEqual([1, 2, 3, 4].map((n) => ({ n, text: `x${n}` })));
    expect(rows[4]).toEqual({ restFrom: 5, restTo: 10, text: 'x5\nx6\nx7\nx8\nx9\nx10' });
    expect(rows.length).toBe(5);
  });
});

describe('folding long texts', () => {
  it('folds nothing up to the limit, then keeps the first rows and folds the rest', () => {
    const rows = Array.from({ length: 10 }, (_, i) => i);
    expect(foldRows(rows, 10, 3)).toEqual({ shown: rows, folded: [] });
    expect(foldRows(rows, 9, 3)).toEqual({ shown: [0, 1, 2], folded: [3, 4, 5, 6, 7, 8, 9] });
  });

  it('names the file lines a row stands for, and groups digits the same everywhere', () => {
    expect(rowSpan({ n: 7, text: 'x' })).toEqual([7, 7]);
    expect(rowSpan({ gapFrom: 3, gapTo: 30 })).toEqual([3, 30]);
    expect(rowSpan({ restFrom: 4001, restTo: 77000, text: '' })).toEqual([4001, 77000]);
    expect([0, 999, 1000, 5417, 1234567].map(groupDigits)).toEqual(['0', '999', '1,000', '5,417', '1,234,567']);
  });
});
