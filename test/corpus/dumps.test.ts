/**
 * The real page dumps placed in the real results tree (../shared/corpus, unpacked once).
 * Truth is key.tsv and the tree itself; run with `TEST_SUITE=corpus npx vitest run test/corpus/dumps.test.ts`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { gitBlobId } from '../../src/lib/blob.ts';
import {
  buildTreeTextIndex,
  classifyDumpFile,
  flattenForMatch,
  type PlacedDump,
  type TreeFile,
  type TreeTextIndex,
} from '../../src/lib/dumps/index.ts';
import { corpusResultsDir, readDumpKey, sharedDumpsDir, sharedSeedsDir } from '../../scripts/lib/corpus.ts';

function* walk(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(full);
    else yield full;
  }
}

function readTree(resultsDir: string): TreeFile[] {
  const files: TreeFile[] = [];
  for (const full of walk(resultsDir)) {
    const bytes = readFileSync(full);
    files.push({ path: `results/${path.relative(resultsDir, full)}`, text: bytes.toString('utf8'), blob: gitBlobId(bytes) });
  }
  return files;
}

/**
 * Last path segment as a report id (`2893.toml` → `2893`); files about runs name no report:
 * README.md, the CSV counts and zero-shot change lists `<AAA>-<BBB>` (corpus README).
 */
function expectedReportId(treePath: string): string | undefined {
  const last = treePath.split('/').pop()!;
  return /\.csv$|^README|^\d{3}-\d{3}$/.test(last) ? undefined : last.replace(/\.toml$/, '');
}

const key = readDumpKey();
const headerStyles = new Set(['seed', 'w3m', 'lynx', 'blame']);
const SEED_000 = { file: '000_ab1a41e1e374299b.txt', path: 'results/classifier/mode-deepseek-r1:32b/reasoning/system/2469' };
const SEED_003 = { file: '003_ae6c6f2ac99f3186.txt', path: 'results/classifier/mode-deepseek-r1:32b/reasoning/system/1694998' };

let index: TreeTextIndex;
let fileCount = 0;
const placed = new Map<string, PlacedDump>();
const dumpText = (file: string): string => readFileSync(path.join(sharedDumpsDir, file), 'utf8');
const seedText = (file: string): string => readFileSync(path.join(sharedSeedsDir, file), 'utf8');

beforeAll(() => {
  const files = readTree(corpusResultsDir());
  fileCount = files.length;
  const t0 = performance.now();
  index = buildTreeTextIndex(files);
  const ms = performance.now() - t0;
  console.log(`tree text index over ${files.length} files built in ${ms.toFixed(0)} ms`);
  for (const row of key) placed.set(row.dump, classifyDumpFile(row.dump, dumpText(row.dump), index));
});

describe('the real dumps in the real tree', () => {
  it('indexes the whole tree', () => {
    expect(fileCount).toBe(70736);
    for (const row of key) expect(index.get(row.path)?.blob, row.path).toBe(row.blob);
  });

  it.each(key.map((r) => [r.dump, r] as const))('%s resolves to its key path', (dump, row) => {
    const { dump: d, findings } = placed.get(dump)!;
    expect(d.style).toBe(row.style);
    expect(d.status).not.toBe('unplaced');
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
    if (headerStyles.has(row.style)) {
      expect(d.path).toBe(row.path);
      expect(d.candidates).toEqual([row.path]);
    } else {
      expect(d.candidates).toContain(row.path);
      expect(d.path).toBe(d.candidates.length === 1 ? row.path : null);
    }
    expect(d.reportId).toBe(expectedReportId(row.path));
  });

  it('every seed and plain example is exact, with the tree’s bytes', () => {
    for (const row of key.filter((r) => r.style === 'seed' || r.style === 'plain')) {
      const { dump } = placed.get(row.dump)!;
      expect(dump.status, row.dump).toBe('exact');
      expect(dump.blob, row.dump).toBe(row.blob);
      expect(dump.text, row.dump).toBe(index.get(row.path)!.text);
    }
  });

  it('exact browser dumps have the tree’s bytes; approximate ones lost only trailing whitespace', () => {
    for (const row of key.filter((r) => r.style === 'w3m' || r.style === 'lynx' || r.style === 'blame')) {
      const { dump } = placed.get(row.dump)!;
      const tree = index.get(row.path)!;
      if (dump.status === 'exact') {
        expect(dump.text, row.dump).toBe(tree.text);
      } else {
        // Checked against the tree: the recovered lines are the file's lines with their ends trimmed.
        const trimmed = (t: string) => t.replace(/[ \t]+$/gm, '').replace(/\n$/, '');
        expect(trimmed(dump.text), row.dump).toBe(trimmed(tree.text));
        expect(dump.losses.some((l) => l.startsWith('trailing whitespace')), row.dump).toBe(true);
      }
    }
  });

  it('browser dumps are exact whenever the tree file lost at most one or two trailing spaces', () => {
    for (const row of key.filter((r) => r.style === 'w3m' || r.style === 'lynx' || r.style === 'blame')) {
      const tree = index.get(row.path)!.text;
      if (/[\t\u00a0\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]/.test(tree)) continue; // beyond this check
      const trailing = tree.split('\n').map((l) => /[ ]+$/.exec(l)?.[0]).filter((w) => w !== undefined);
      const recoverable =
        trailing.length === 0 ||
        (trailing.length === 1 && (trailing[0] === ' ' || trailing[0] === '  ')) ||
        (trailing.length === 2 && trailing.every((w) => w === ' '));
      if (recoverable) expect(placed.get(row.dump)!.dump.status, row.dump).toBe('exact');
    }
  });

  it('flat dumps are the flattened tree file, placed but approximate', () => {
    for (const row of key.filter((r) => r.style === 'flat')) {
      const { dump } = placed.get(row.dump)!;
      expect(dump.text, row.dump).toBe(flattenForMatch(index.get(row.path)!.text));
      expect(dump.status, row.dump).toBe('approximate');
    }
  });

  it('the seeds: 000 is its shown path, 003 is flat and placed', () => {
    const seed = classifyDumpFile(SEED_000.file, seedText(SEED_000.file), index).dump;
    expect(seed).toMatchObject({ style: 'seed', status: 'exact', path: SEED_000.path, reportId: '2469' });
    expect(seed.blob).toBe(index.get(SEED_000.path)!.blob);
    const flat = classifyDumpFile(SEED_003.file, seedText(SEED_003.file), index).dump;
    expect(flat.style).toBe('flat');
    expect(flat.status).toBe('approximate');
    expect(flat.candidates).toContain(SEED_003.path);
    expect(flat.reportId).toBe('1694998');
  });
});

describe('the real dumps with the tree withheld', () => {
  it('flat and plain dumps are unplaced but returned; header dumps keep path and proof', () => {
    for (const row of key) {
      const { dump } = classifyDumpFile(row.dump, dumpText(row.dump), undefined);
      expect(dump.style, row.dump).toBe(row.style);
      if (row.style === 'flat' || row.style === 'plain') {
        expect(dump.status, row.dump).toBe('unplaced');
        expect(dump.candidates).toEqual([]);
        expect(dump.labelGuess, row.dump).toBeTruthy();
      } else {
        expect(dump.path, row.dump).toBe(row.path);
        expect(dump.status, row.dump).toBe(placed.get(row.dump)!.dump.status);
      }
    }
    const flat = classifyDumpFile(SEED_003.file, seedText(SEED_003.file), undefined).dump;
    expect(flat).toMatchObject({ style: 'flat', status: 'unplaced', labelGuess: 'system' });
  });
});
