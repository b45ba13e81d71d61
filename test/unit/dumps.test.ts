/**
 * Page dumps on hand-made fixtures (test/fixtures/dumps): invented files saved in every style.
 * Expected values come from the fixtures' own originals and cases.json, never from the parser.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { gitBlobId } from '../../src/lib/blob.ts';
import {
  buildTreeTextIndex,
  classifyDumpFile,
  detectDumpStyle,
  DumpError,
  flattenForMatch,
  parseCgitDump,
  parseFlatDump,
  parsePlainDump,
  placeDump,
  type TreeFile,
} from '../../src/lib/dumps/index.ts';

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/dumps');
const cases = JSON.parse(readFileSync(path.join(fixtures, 'cases.json'), 'utf8')) as Record<
  string,
  { path: string; blob: string }
>;
const caseNames = Object.keys(cases);
const headerStyles = ['seed', 'w3m', 'lynx', 'blame'] as const;
const browserStyles = ['w3m', 'lynx', 'blame'] as const;

function read(name: string, file: string): string {
  return readFileSync(path.join(fixtures, name, file), 'utf8');
}

/** Cases whose originals a browser cannot show faithfully: trailing spaces on several lines, control characters. */
const lossy = new Set(['trailing-many', 'control']);

describe('fixtures are what they claim', () => {
  it.each(caseNames)('%s: cases.json blob is the original’s', (name) => {
    expect(gitBlobId(read(name, 'original.txt'))).toBe(cases[name]!.blob);
  });

  it('cover the hazards the brief names', () => {
    const originals = caseNames.map((n) => read(n, 'original.txt'));
    expect(originals).toContain('');
    expect(originals.some((t) => t.length > 0 && !t.endsWith('\n'))).toBe(true);
    expect(originals.some((t) => /^\d+$/m.test(t))).toBe(true);
    expect(originals.some((t) => t.includes('<think>'))).toBe(true);
    expect(originals.some((t) => t.includes('\r\n'))).toBe(true);
    expect(originals.some((t) => t.includes('\t'))).toBe(true);
    expect(originals.some((t) => / $/m.test(t))).toBe(true);
  });
});

describe('detectDumpStyle', () => {
  it.each(caseNames)('%s: header styles are recognised by their chrome', (name) => {
    for (const style of headerStyles) expect(detectDumpStyle(read(name, `${style}.txt`))).toBe(style);
  });

  it.each(caseNames)('%s: flat and plain dumps show no chrome', (name) => {
    expect(detectDumpStyle(read(name, 'flat.txt'))).toBeNull();
    expect(detectDumpStyle(read(name, 'plain.txt'))).toBeNull();
  });

  it('does not take prose about paths and blobs for chrome', () => {
    expect(detectDumpStyle('see path: root/results in the tree\nthe blob: abc (plain) was fine\n')).toBeNull();
    expect(detectDumpStyle('')).toBeNull();
  });
});

describe('parseCgitDump on every header style', () => {
  for (const name of caseNames) {
    for (const style of headerStyles) {
      it(`${name} / ${style}`, () => {
        const original = read(name, 'original.txt');
        const parsed = parseCgitDump(`${name}/${style}.txt`, read(name, `${style}.txt`));
        expect(parsed.style).toBe(style);
        expect(parsed.path).toBe(cases[name]!.path);
        expect(parsed.shownBlob).toBe(cases[name]!.blob);
        const shouldBeExact = style === 'seed' || !lossy.has(name);
        expect(parsed.exact).toBe(shouldBeExact);
        if (shouldBeExact) {
          expect(parsed.text).toBe(original);
          expect(parsed.losses).toEqual([]);
        } else {
          expect(gitBlobId(parsed.text)).not.toBe(cases[name]!.blob);
          expect(parsed.losses.length).toBeGreaterThan(0);
        }
      });
    }
  }

  it.each(browserStyles)('trailing-many / %s: keeps everything but the trailing spaces, and says so', (style) => {
    const parsed = parseCgitDump('t', read('trailing-many', `${style}.txt`));
    expect(parsed.text).toBe(read('trailing-many', 'original.txt').replace(/ +$/gm, ''));
    expect(parsed.losses).toContain('final newline'); // unproven, though the path's prior guessed right
    expect(parsed.losses).toContain('trailing whitespace');
  });

  it('control: w3m shows control characters as spaces, lynx drops them; both say so', () => {
    // box64 issues mostly end without a newline, so that is the guess kept for this one.
    const original = read('control', 'original.txt').replace(/\n$/, '');
    expect(parseCgitDump('c', read('control', 'w3m.txt')).text).toBe(original.replace(/[\x07\x1b]/g, ' '));
    const lynx = parseCgitDump('c', read('control', 'lynx.txt'));
    expect(lynx.text).toBe(original.replace(/[\x07\x1b]/g, ''));
    expect(lynx.losses).toContain('control characters');
  });

  it('wrapped-path: a path w3m wrapped at a space gets its space back', () => {
    const w3m = read('wrapped-path', 'w3m.txt');
    expect(w3m).toMatch(/\/kernel\nvirtual machine\/990014\n/); // the fixture really is wrapped
    const parsed = parseCgitDump('w', w3m);
    expect(parsed.path).toBe('results/classifier/no-thinking-deepseek-r1:70b/reasoning/kernel virtual machine/990014');
    expect(parsed.pathAlternatives).toContain(
      'results/classifier/no-thinking-deepseek-r1:70b/reasoning/kernelvirtual machine/990014',
    );
  });

  it('long-line: rejoins the rows lynx wrapped', () => {
    const lynx = read('long-line', 'lynx.txt');
    const longest = Math.max(...read('long-line', 'original.txt').split('\n').map((l) => l.length));
    expect(Math.max(...lynx.split('\n').map((l) => l.length))).toBeLessThan(longest); // it was wrapped
    expect(parseCgitDump('l', lynx).exact).toBe(true);
  });

  it.each(['wrapped-path', 'long-line'])('%s: lynx at its default 80 columns wraps path and lines', (name) => {
    const page = read(name, 'lynx-80.txt');
    expect(Math.max(...page.split('\n').map((l) => l.length))).toBeLessThanOrEqual(80); // really narrow
    if (name === 'wrapped-path') expect(page).toMatch(/^ {3}path:\n/m);
    const parsed = parseCgitDump(`${name}/lynx-80.txt`, page);
    expect(parsed).toMatchObject({ style: 'lynx', path: cases[name]!.path, exact: true });
    expect(parsed.text).toBe(read(name, 'original.txt'));
  });

  it('a seed saved with CRLF line ends still proves its text', () => {
    const seed = read('think', 'seed.txt').replace(/\n/g, '\r\n');
    const parsed = parseCgitDump('crlf-seed.txt', seed);
    expect(parsed.exact).toBe(true);
    expect(parsed.text).toBe(read('think', 'original.txt'));
  });

  it('a w3m dump saved with CRLF line ends reads the same', () => {
    const parsed = parseCgitDump('crlf-w3m.txt', read('tabs', 'w3m.txt').replace(/\n/g, '\r\n'));
    expect(parsed.exact).toBe(true);
    expect(parsed.text).toBe(read('tabs', 'original.txt'));
  });
});

describe('blame pages beyond one commit and w3m', () => {
  const pages = [
    ['blame-commits', 'results/scraper/gitlab/issues_text/target_a/host_b/accel_c/990015'],
    ['blame-numbers', 'results/classifier/zero-shot/902/other/990016'],
  ] as const;
  for (const [name, treePath] of pages) {
    for (const renderer of ['w3m', 'lynx']) {
      it(`${name} drawn by ${renderer}`, () => {
        const original = read(name, 'original.txt');
        const page = read(name, `${renderer}.txt`);
        expect(detectDumpStyle(page)).toBe('blame');
        const parsed = parseCgitDump(`${name}/${renderer}.txt`, page);
        expect(parsed).toMatchObject({ style: 'blame', path: treePath, shownBlob: gitBlobId(original), exact: true });
        expect(parsed.text).toBe(original);
      });
    }
  }

  it('the fixtures really have three commits, and lines that continue the number column', () => {
    expect(read('blame-commits', 'w3m.txt').match(/^[0-9a-f]{8} \^/gm)).toHaveLength(3);
    expect(read('blame-numbers', 'lynx.txt')).toMatch(/^1\n2\n(\n)+3\n4\n/m);
  });
});

describe('errors name the dump file and line', () => {
  it('no blob line', () => {
    const text = read('think', 'w3m.txt').replace(/^blob: .*$/m, 'blob: (gone)');
    expect(() => parseCgitDump('broken-1.txt', text)).toThrow(DumpError);
    expect(() => parseCgitDump('broken-1.txt', text)).toThrow(/^broken-1\.txt: .*blob/);
  });

  it('no path line above the blob line', () => {
    const text = read('think', 'w3m.txt').replace(/^path: .*$/m, '');
    expect(() => parseCgitDump('broken-2.txt', text)).toThrow(/^broken-2\.txt:7: .*path/);
  });

  it('text inside the line-number column', () => {
    const text = read('think', 'w3m.txt').replace(/^3 <\/think>$/m, '3X</think>');
    expect(() => parseCgitDump('broken-3.txt', text)).toThrow(/^broken-3\.txt:\d+: /);
  });

  it('a seed whose numbers are not 1..n', () => {
    const text = read('number-lines', 'seed.txt').replace(/^3$/m, 'x');
    expect(() => parseCgitDump('broken-4.txt', text)).toThrow(/^broken-4\.txt:6: expected line number 3/);
  });

  it('a flat dump of more than one line', () => {
    expect(() => parseFlatDump('two-lines.txt', 'one\ntwo')).toThrow(/^two-lines\.txt:2: /);
  });
});

describe('flat and plain dumps', () => {
  it.each(caseNames)('%s: the flat fixture is flattenForMatch(original)', (name) => {
    expect(flattenForMatch(read(name, 'original.txt'))).toBe(read(name, 'flat.txt'));
  });

  it('flattenForMatch removes tags, keeps lone angle brackets, collapses whitespace', () => {
    expect(flattenForMatch('<think>\n a < b\t\tand c > d </think>\r\n\n<b>x</b>  ')).toBe('a < b and c > d x');
    expect(flattenForMatch('<-- arrow <3 <br/>end')).toBe('<-- arrow <3 end');
  });

  it('parseFlatDump keeps the one line, drops a saver’s final newline', () => {
    const parsed = parseFlatDump('f.txt', 'a b c\n');
    expect(parsed).toMatchObject({ style: 'flat', path: null, text: 'a b c', exact: false });
    expect(parsed.losses.join(' ')).toMatch(/tags/);
  });

  it('parsePlainDump keeps the bytes as they are', () => {
    const original = read('crlf-after-title', 'original.txt');
    expect(parsePlainDump('p.txt', original)).toMatchObject({ style: 'plain', path: null, text: original });
  });
});

/** A small tree: every case at its path, plus copies that make placing ambiguous. */
function fixtureTree(extra: TreeFile[] = []): TreeFile[] {
  const files = caseNames.map((name) => {
    const text = read(name, 'original.txt');
    return { path: cases[name]!.path, text, blob: gitBlobId(text) };
  });
  const think = read('think', 'original.txt');
  const numbers = read('number-lines', 'original.txt');
  files.push({ path: 'results/classifier/demo-run-2/reasoning/network/990004', text: think, blob: gitBlobId(think) });
  files.push({ path: 'results/classifier/zero-shot/901/other/990777', text: numbers, blob: gitBlobId(numbers) });
  return [...files, ...extra];
}

describe('placing dumps in a tree', () => {
  const index = buildTreeTextIndex(fixtureTree());

  it('the index answers by path, blob and flattened text', () => {
    const think = read('think', 'original.txt');
    expect(index.get(cases.think!.path)).toEqual({ text: think, blob: cases.think!.blob });
    expect(index.get('results/nowhere')).toBeUndefined();
    expect(index.pathsByBlob(cases.think!.blob)).toHaveLength(2);
    expect(index.pathsByFlat(read('think', 'flat.txt'))).toEqual(index.pathsByBlob(cases.think!.blob));
    expect(index.pathsByFlat('no such text')).toEqual([]);
  });

  it('a header dump is placed at its path, exact when proven', () => {
    const { dump, findings } = classifyDumpFile('tabs/lynx.txt', read('tabs', 'lynx.txt'), index);
    expect(dump).toMatchObject({
      style: 'lynx',
      path: cases.tabs!.path,
      candidates: [cases.tabs!.path],
      status: 'exact',
      shownBlob: cases.tabs!.blob,
      blob: cases.tabs!.blob,
      reportId: '990007',
    });
    expect(findings).toEqual([]);
  });

  it('an approximate header dump learns its actual losses from the tree', () => {
    const { dump } = classifyDumpFile('tm/w3m.txt', read('trailing-many', 'w3m.txt'), index);
    expect(dump.status).toBe('approximate');
    expect(dump.losses).toEqual(['trailing whitespace (3 lines)']);
    const control = classifyDumpFile('c/lynx.txt', read('control', 'lynx.txt'), index).dump;
    expect(control.losses).toEqual(['control characters (2 lines)', 'final newline']);
  });

  it('an exact dump that disagrees with the tree is reported', () => {
    const other = 'a different text\n';
    const changed = buildTreeTextIndex(
      fixtureTree().map((f) => (f.path === cases.tabs!.path ? { ...f, text: other, blob: gitBlobId(other) } : f)),
    );
    const { dump, findings } = classifyDumpFile('tabs/w3m.txt', read('tabs', 'w3m.txt'), changed);
    expect(dump.status).toBe('exact');
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ path: 'tabs/w3m.txt', severity: 'error' });
    expect(findings[0]!.message).toContain(gitBlobId(other));
  });

  it('a header dump of a path the tree lacks is kept, with a warning', () => {
    const without = buildTreeTextIndex(fixtureTree().filter((f) => f.path !== cases.tabs!.path));
    const { dump, findings } = classifyDumpFile('tabs/seed.txt', read('tabs', 'seed.txt'), without);
    expect(dump).toMatchObject({ status: 'exact', path: cases.tabs!.path });
    expect(findings.map((f) => f.severity)).toEqual(['warning']);
  });

  it('a plain dump is placed by its blob, every copy a candidate', () => {
    const { dump } = classifyDumpFile('think/plain.txt', read('think', 'plain.txt'), index);
    expect(dump.style).toBe('plain');
    expect(dump.status).toBe('exact');
    expect(dump.candidates).toEqual([cases.think!.path, 'results/classifier/demo-run-2/reasoning/network/990004'].sort());
    expect(dump.path).toBeNull();
    expect(dump.reportId).toBe('990004');
  });

  it('copies under different ids give no report id', () => {
    const { dump } = classifyDumpFile('n/plain.txt', read('number-lines', 'plain.txt'), index);
    expect(dump.candidates).toHaveLength(2);
    expect(dump.reportId).toBeUndefined();
  });

  it('a plain dump with one match gets the path', () => {
    const { dump } = classifyDumpFile('crlf/plain.txt', read('crlf-after-title', 'plain.txt'), index);
    expect(dump).toMatchObject({ status: 'exact', path: cases['crlf-after-title']!.path, reportId: '990005' });
  });

  it('a plain dump whose saver made the line ends CRLF is still exact', () => {
    const saved = read('tabs', 'plain.txt').replace(/\n/g, '\r\n');
    const { dump } = classifyDumpFile('tabs/plain-crlf.txt', saved, index);
    expect(dump).toMatchObject({ style: 'plain', status: 'exact', path: cases.tabs!.path });
    expect(dump.text).toBe(read('tabs', 'original.txt'));
  });

  it('a plain dump whose saver added a BOM and dropped the final newline is still exact', () => {
    const saved = `\ufeff${read('tabs', 'plain.txt').replace(/\n$/, '')}`;
    const { dump } = classifyDumpFile('tabs/plain-bom.txt', saved, index);
    expect(dump).toMatchObject({ style: 'plain', status: 'exact', path: cases.tabs!.path, blob: cases.tabs!.blob });
  });

  it('a plain dump with changed bytes falls back to its flattened text', () => {
    const saved = read('think', 'plain.txt').replace('The packets', 'The   packets');
    const { dump } = classifyDumpFile('think/plain-edited.txt', saved, index);
    expect(dump.status).toBe('approximate');
    expect(dump.candidates).toHaveLength(2);
    expect(dump.losses.join(' ')).toMatch(/no tree file/);
  });

  it('a flat dump is placed by its flattened text, never exact', () => {
    const { dump } = classifyDumpFile('think/flat.txt', read('think', 'flat.txt'), index);
    expect(dump).toMatchObject({ style: 'flat', status: 'approximate', path: null, reportId: '990004' });
    const single = classifyDumpFile('tabs/flat.txt', read('tabs', 'flat.txt'), index).dump;
    expect(single).toMatchObject({ status: 'approximate', path: cases.tabs!.path, candidates: [cases.tabs!.path] });
  });

  it('an empty dump is the empty file when the tree has one', () => {
    const { dump } = classifyDumpFile('empty/plain.txt', '', index);
    expect(dump).toMatchObject({ style: 'plain', status: 'exact', path: cases.empty!.path, blob: cases.empty!.blob });
  });

  it('without a tree, text-only dumps are unplaced but kept, with a label guess', () => {
    const flat = classifyDumpFile('think/flat.txt', read('think', 'flat.txt'), undefined);
    expect(flat.dump).toMatchObject({ style: 'flat', status: 'unplaced', path: null, candidates: [], labelGuess: 'network' });
    expect(flat.dump.text).toBe(read('think', 'flat.txt'));
    expect(flat.findings.map((f) => f.severity)).toEqual(['warning']);
    const plain = classifyDumpFile('think/plain.txt', read('think', 'plain.txt'), undefined);
    expect(plain.dump).toMatchObject({ style: 'plain', status: 'unplaced', labelGuess: 'network' });
  });

  it('a dump nothing in the tree fits stays unplaced', () => {
    const { dump } = classifyDumpFile('x.txt', 'some text\nthat no file has\nfinally **user-mode**.\n', index);
    expect(dump).toMatchObject({ style: 'plain', status: 'unplaced', candidates: [], labelGuess: 'user-mode' });
  });

  it('a page whose body cannot be read is kept raw, with an error finding', () => {
    const broken = read('think', 'w3m.txt').replace(/^3 <\/think>$/m, '3X</think>');
    const { dump, findings } = classifyDumpFile('broken.txt', broken, index);
    expect(dump).toMatchObject({ style: 'unknown', status: 'unplaced', text: broken, path: null });
    expect(findings[0]).toMatchObject({ path: 'broken.txt', severity: 'error' });
    expect(findings[0]!.message).toMatch(/^broken\.txt:\d+: /);
    expect(findings[0]!.line).toBeGreaterThan(7);
  });

  it('placeDump takes a parsed dump directly', () => {
    const parsed = parseCgitDump('seed', read('leading-blank', 'seed.txt'));
    const { dump } = placeDump('seed', parsed, undefined);
    expect(dump).toMatchObject({ status: 'exact', path: cases['leading-blank']!.path, reportId: '990010' });
  });
});
