/**
 * Search records (src/lib/content/searchRecords.ts) on the cases the sample tree lacks: texts long
 * enough to be shown without line numbers, a reasoning part that starts further down its file,
 * control characters and markup in a title. test/site/search.test.ts holds every sample page
 * against its record.
 */
import { describe, expect, it } from 'vitest';
import { reportRecord } from '../../src/lib/content/searchRecords.ts';
import type { ReportData, VerdictData } from '../../src/lib/content/types.ts';

const verdict = (over: Partial<VerdictData>): VerdictData => ({
  run: 'mode-deepseek-r1:32b',
  runSlug: 'mode-deepseek-r1-32b',
  task: 'mode',
  models: ['deepseek-r1:32b'],
  modelSlugs: ['deepseek-r1-32b'],
  label: 'user',
  labels: ['user'],
  textStatus: 'none',
  files: [],
  ...over,
});

const report = (over: Partial<ReportData>): ReportData => ({
  key: 'gitlab/1',
  source: 'gitlab',
  id: '1',
  title: 'A title',
  markdown: [],
  texts: [{ kind: 'text', heading: 'Report text', text: 'the report\n', provenance: [] }],
  notes: [],
  table: [],
  verdicts: [],
  curated: [],
  agreement: [],
  ...over,
});

describe('reportRecord', () => {
  it('is the page of the report, with its filters, sorts and meta', () => {
    const r = reportRecord('gitlab/1', report({ verdicts: [verdict({ answer: 'user\n' })] }));
    expect(r.url).toBe('/reports/gitlab/1/');
    expect(r.html).toContain('<main data-pagefind-body>');
    expect(r.html).toContain('<span data-pagefind-filter="run">mode-deepseek-r1:32b</span>');
    expect(r.html).toContain('<span data-pagefind-filter="verdict">mode-deepseek-r1:32b → user</span>');
    expect(r.html).toContain('<span data-pagefind-sort="id">#0000000001</span>');
    expect(r.html).toContain('<span data-pagefind-meta="key">gitlab/1</span>');
    // The sort values as meta too: the search page merges sorted hits of several shards by them.
    expect(r.html).toContain('<span data-pagefind-meta="sort-id">#0000000001</span>');
    expect(r.html).toContain('<h2 id="mode-deepseek-r1-32b">mode-deepseek-r1:32b: user</h2>');
  });

  it('gives a very long thinking with its file line numbers, the rest as one block, at half weight', () => {
    const thinking = Array.from({ length: 4100 }, (_, i) => `thought ${i + 1}`).join('\n');
    const r = reportRecord('gitlab/1', report({ verdicts: [verdict({ thinking, thinkingLine: 3, answer: 'user', answerLine: 4105 })] }));
    expect(r.html).toContain('<details data-pagefind-weight="0.5"><summary>Thinking (4100 lines)</summary>');
    expect(r.html).toContain('… lines 4003–4102 follow without line numbers (a very long text) …</em>\nthought 4001\nthought 4002\n');
    expect(r.html).toContain('thought 4100\n</pre>');
  });

  it('collapses long blank runs as the page does, and numbers them from the part’s first file line', () => {
    const answer = `first\n${'\n'.repeat(25)}last\n`;
    const r = reportRecord('gitlab/1', report({ verdicts: [verdict({ answer, answerLine: 10 })] }));
    expect(r.html).toContain('first\n<em>… lines 11–35: 25 blank lines, collapsed here …</em>\nlast\n');
  });

  it('shows control characters and markup in corpus text as text', () => {
    const r = reportRecord('gitlab/1', report({ title: 'NUL\u0000 and <script>alert(1)</script>', texts: [{ kind: 'text', heading: 'Report text', text: 'x\u001b[0m <img src=x>\n', provenance: [] }] }));
    expect(r.html).toContain('<h1>NUL␀ and &lt;script&gt;alert(1)&lt;/script&gt;</h1>');
    expect(r.html).toContain('x␛[0m &lt;img src=x&gt;');
    expect(r.html).not.toContain('<script');
    expect(r.html).not.toContain('<img');
    expect(r.html).toContain('1 other control character shown as visible symbols');
  });

  it('leaves out what repeats on every verdict and Launchpad’s text without comments', () => {
    const r = reportRecord(
      'launchpad/1',
      report({
        source: 'launchpad',
        key: 'launchpad/1',
        texts: [
          { kind: 'text', heading: 'Report text', text: 'with comments\n', provenance: [] },
          { kind: 'without-comments', heading: 'Without comments', text: 'without\n', provenance: [] },
        ],
        verdicts: [verdict({ textStatus: 'same', scores: [[{ label: 'user', score: 0.9, written: '0.9' }]] })],
        agreement: [{ task: 'mode', runs: 1, labels: [{ label: 'user', runs: 1 }], summary: 'Mode: 1 run, says user.' }],
      }),
    );
    expect(r.html).toContain('with comments');
    expect(r.html).not.toContain('without');
    expect(r.html).not.toContain('says user');
    expect(r.html).not.toContain('identical to the report text');
    expect(r.html).not.toContain('0.9');
  });
});
