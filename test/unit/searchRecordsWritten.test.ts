/**
 * The records the content writer hands the search index as it makes each report
 * (`write-content --search-records`): one per report page, each holding what its report's data
 * says (title, key, source, every run's verdict as filters), and it says when all are there.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { runWriteContent } from '../../scripts/write-content.ts';
import { escape, unescape } from 'html-escaper';
import { REPORT_RECORDS_READY } from '../../scripts/search-index.ts';
import { REPORT_INPUTS_FILE } from '../../src/lib/content/layout.ts';
import { visibleLine } from '../../src/lib/content/text.ts';
import type { ReportData } from '../../src/lib/content/types.ts';
import { reportPagePath } from '../../src/lib/paths.ts';
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
  it('are one page per report page, each with its title, key, source and every verdict as filters', () => {
    // The report pages, as the content writer lists them (report-inputs.json), not as the records say.
    const stems = Object.keys(JSON.parse(readFileSync(path.join(content, REPORT_INPUTS_FILE), 'utf8')) as Record<string, string>).sort();
    expect(stems.length).toBeGreaterThan(10);
    const written = filesBelow(records).map((rel) => rel.replace(/^reports\//, '').replace(/\/index\.html$/, '')).sort();
    expect(written).toEqual(stems.map((stem) => reportPagePath(stem).replace(/^reports\//, '').replace(/\/$/, '')).sort());
    const filters = (html: string, name: string) => [...html.matchAll(new RegExp(`data-pagefind-filter="${name}">([^<]*)<`, 'g'))].map((m) => unescape(m[1]!));
    for (const stem of stems) {
      const data = JSON.parse(readFileSync(path.join(content, 'report-data', `${stem}.json`), 'utf8')) as ReportData;
      const html = readFileSync(path.join(records, reportPagePath(stem), 'index.html'), 'utf8');
      expect(html, stem).toContain('data-pagefind-body');
      expect(unescape(/<h1>([^<]*)<\/h1>/.exec(html)?.[1] ?? ''), stem).toBe(visibleLine(data.title));
      expect(html, stem).toContain(`<code>${escape(data.key)}</code>`);
      expect(filters(html, 'kind'), stem).toEqual(['report']);
      expect(filters(html, 'source'), stem).toEqual([data.source]);
      expect(filters(html, 'run').sort(), stem).toEqual(data.verdicts.map((v) => v.run).sort());
      expect(filters(html, 'verdict').sort(), stem).toEqual(data.verdicts.map((v) => `${v.run} → ${v.label}`).sort());
    }
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
