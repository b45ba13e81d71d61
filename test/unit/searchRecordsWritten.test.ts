/**
 * The records the content writer hands the search index as it makes each report
 * (`write-content --search-records`) are the records made from the written content, page for
 * page and byte for byte, and it says when all are there.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { runWriteContent } from '../../scripts/write-content.ts';
import { REPORT_RECORDS_READY, reportRecords } from '../../scripts/search-index.ts';
import { filesBelow } from '../../src/lib/files.ts';
import { tempDir } from '../support/tempDirs.ts';

const work = tempDir('records');
const content = path.join(work, 'content');
const records = path.join(work, 'records');
const printed: string[] = [];

beforeAll(async () => {
  const log = vi.spyOn(console, 'log').mockImplementation((line: unknown) => void printed.push(String(line)));
  try {
    await runWriteContent({ results: 'sample/results', dumps: 'sample/dumps', notes: 'sample/notes', out: content, cacheDir: path.join(work, 'render'), searchRecords: records });
  } finally {
    log.mockRestore();
  }
}, 120_000);


describe('report records written by the content writer', () => {
  it('are the records of the written content, one file per report page, byte for byte', () => {
    const expected = [...reportRecords(content)];
    expect(expected.length).toBeGreaterThan(10);
    const written = filesBelow(records).map((rel) => `/${rel.replace(/index\.html$/, '')}`).sort();
    expect(written).toEqual(expected.map((r) => r.url).sort());
    for (const r of expected) expect(readFileSync(path.join(records, r.url, 'index.html'), 'utf8'), r.url).toBe(r.html);
  });

  it('says once that they are all there', () => {
    expect(printed.filter((l) => l === REPORT_RECORDS_READY)).toHaveLength(1);
  });
});

describe('a noted report record', () => {
  it('carries the note and the noted filter, whichever step made it', () => {
    const file = readFileSync(path.join(records, 'reports/launchpad/1873340/index.html'), 'utf8');
    expect(file).toContain('why this verdict needed a reviewer');
    expect(file).toContain('<span data-pagefind-filter="noted">has a note</span>');
    const unnoted = readFileSync(path.join(records, 'reports/gitlab/1742/index.html'), 'utf8');
    expect(unnoted).not.toContain('data-pagefind-filter="noted"');
  });
});
