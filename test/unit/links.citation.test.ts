import { describe, expect, it } from 'vitest';
import { lineSpan, plainCitation, quoteLines } from '../../src/lib/links/citation.ts';
import { keepSpaces, lineNumberText } from '../../src/lib/content/text.ts';

describe('plainCitation (copy as plain text)', () => {
  const address = 'https://results.example.org/reports/gitlab/1742/';
  it('quotes selected lines of a run’s reasoning as a mail would: title, run, label, numbered lines, address, commit', () => {
    const text = plainCitation({
      title: 'statx() returns EFAULT',
      key: 'gitlab/1742',
      run: { name: 'deepseek-r1:14b', label: 'syscall', firstFiled: 'manual-review' },
      quote: { of: 'its reasoning', lines: [{ n: 9, text: 'So it is a syscall.' }, { n: 10, text: '' }, { n: 11, text: '  indented' }] },
      address: `${address}#deepseek-r1-14b-L9-L11`,
      commit: '5aa276ef0123',
      more: ['', 'Tree: results/classifier/deepseek-r1:14b/reasoning/syscall/1742, blob 1f7da23dc46a.'],
    });
    expect(text).toBe(
      [
        'statx() returns EFAULT (gitlab/1742)',
        'Run deepseek-r1:14b: syscall (after review; first filed under manual-review), lines 9–11 of its reasoning:',
        '>  9 | So it is a syscall.',
        '> 10 |',
        '> 11 |   indented',
        `${address}#deepseek-r1-14b-L9-L11`,
        'Tree commit 5aa276ef0123',
        '',
        'Tree: results/classifier/deepseek-r1:14b/reasoning/syscall/1742, blob 1f7da23dc46a.',
        '',
      ].join('\n'),
    );
  });

  it('a report with nothing selected: title, id, address; a line of its text: the line', () => {
    expect(plainCitation({ title: 'T', key: 'gitlab/1', address })).toBe(`T\ngitlab/1\n${address}\n`);
    expect(plainCitation({ title: 'T', key: 'gitlab/1', quote: { of: 'the report text', lines: [{ n: 3, text: 'x' }] }, address: `${address}#L3` })).toBe(
      `T\ngitlab/1, line 3 of the report text:\n> 3 | x\n${address}#L3\n`,
    );
  });

  it('a run with nothing selected gives its answer whole, and no commit line without a commit', () => {
    expect(plainCitation({ title: 'T', key: 'gitlab/1', run: { name: 'r', label: 'user' }, answer: 'user', address })).toBe(`T (gitlab/1)\nRun r: user\n\nAnswer:\nuser\n\n${address}\n`);
  });

  it('names spans and quotes lines', () => {
    expect(lineSpan([{ n: 12, text: '' }])).toBe('line 12');
    expect(lineSpan([{ n: 3, text: '' }, { n: 7, text: '' }])).toBe('lines 3–7');
    expect(quoteLines([{ n: 99, text: 'a' }, { n: 100, text: 'b' }])).toEqual(['>  99 | a', '> 100 | b']);
  });
});

describe('numbered lines for text browsers', () => {
  it('keeps leading spaces and runs of spaces as no-break spaces, single spaces as they are', () => {
    expect(keepSpaces('    asm("x");')).toBe('\u00a0\u00a0\u00a0\u00a0asm("x");');
    expect(keepSpaces('a  b c')).toBe('a \u00a0b c');
    expect(keepSpaces('plain words')).toBe('plain words');
    expect(keepSpaces('\ttab')).toBe('\ttab');
  });
  it('right-aligns a line number to its block’s widest', () => {
    expect(lineNumberText(7, 3)).toBe('\u00a0\u00a07 ');
    expect(lineNumberText(4001, 4)).toBe('4001 ');
  });
});
