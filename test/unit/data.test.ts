/**
 * The data files (src/lib/data/): CSV text as RFC 4180 has it, the spreadsheet copy, every
 * table from the fixture model read back with csv-parse, datapackage.json against the files,
 * and a table added to the list reaching the package and the index by itself.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Report, ResultsModel } from '../../src/lib/model.ts';
import { csvText, isFormulaCell } from '../../src/lib/data/csv.ts';
import { formatBytes, pandasLine, pandasListsLine } from '../../src/lib/data/describe.ts';
import { dataFilesInMemory, packageMeta, spreadsheetPath, streamDataFiles, UNKNOWN_LICENCE, type DataFileSink } from '../../src/lib/data/publish.ts';
import { readResultsTree } from '../../src/lib/tree/readTree.ts';
import { createHash } from 'node:crypto';
import { Writable } from 'node:stream';
import { cellText, defineTable } from '../../src/lib/data/table.ts';
import { DATA_TABLES } from '../../src/lib/data/tables.ts';
import { parseScoredText } from '../../src/lib/parse/scoredText.ts';
import { buildContent } from '../../src/lib/content/index.ts';
import type { RunData } from '../../src/lib/content/types.ts';
import { fixtureModel } from '../fixtures/model.ts';
import { csvObjects, dataPackageProblems, parseCsv } from '../support/dataFiles.ts';

const text = (name: string) => ({ name, numeric: false });

describe('csvText', () => {
  it('writes RFC 4180: one header, CRLF records, quotes around commas, quotes and line breaks, no BOM', () => {
    const csv = csvText([text('a'), text('b')], [
      ['plain', 'with, comma'],
      ['say "hi"', 'two\nlines'],
      ['a lone\rCR', 'CRLF\r\ninside'],
    ]);
    expect(csv).toBe('a,b\r\nplain,"with, comma"\r\n"say ""hi""","two\nlines"\r\n"a lone\rCR","CRLF\r\ninside"\r\n');
    expect(csv.charCodeAt(0)).not.toBe(0xfeff);
    expect(parseCsv(csv).rows).toEqual([
      ['plain', 'with, comma'],
      ['say "hi"', 'two\nlines'],
      ['a lone\rCR', 'CRLF\r\ninside'],
    ]);
  });

  it('keeps a missing value (empty field) apart from an empty text ("")', () => {
    const csv = csvText([text('a'), text('b'), text('c')], [[undefined, '', ' ']]);
    expect(csv).toBe('a,b,c\r\n,"", \r\n');
    expect(parseCsv(csv).rows).toEqual([[null, '', ' ']]);
  });

  it('leaves formula-like cells alone in the exact file and prefixes text ones with \' in the spreadsheet copy', () => {
    const cols = [text('title'), { name: 'score', numeric: true }];
    const rows = [
      ['=HYPERLINK("http://x.invalid","click")', '-0.5'],
      ['+1', '1e-05'],
      ['-cpu host breaks', '0.1'],
      ['@SUM(A1)', '0.2'],
      ['\tTAB', '0.3'],
      ['\rCR', '0.4'],
      ['\uFF1Dfull-width', '0.5'],
      ['plain - dash inside', '0.6'],
    ];
    const exact = csvText(cols, rows);
    expect(parseCsv(exact).rows).toEqual(rows);
    const copy = parseCsv(csvText(cols, rows, { spreadsheet: true })).rows;
    expect(copy.map((r) => r[0])).toEqual([
      '\'=HYPERLINK("http://x.invalid","click")',
      "'+1",
      "'-cpu host breaks",
      "'@SUM(A1)",
      "'\tTAB",
      "'\rCR",
      "'\uFF1Dfull-width",
      'plain - dash inside',
    ]);
    // Numbers are never formulas: a negative score stays a number.
    expect(copy.map((r) => r[1])).toEqual(rows.map((r) => r[1]));
    expect(rows.flatMap((r) => cols.map((c, i) => isFormulaCell(c, r[i]))).filter(Boolean)).toHaveLength(7);
  });
});

describe('cellText', () => {
  it('spells out integers, computed numbers and booleans, writes lists as JSON, and refuses what would not read back', () => {
    expect(cellText('integer', 12)).toBe('12');
    expect(cellText('number', 0.1 + 0.2)).toBe('0.30000000000000004');
    expect(cellText('number', '1e309')).toBe('1e309');
    expect(cellText('boolean', false)).toBe('false');
    expect(cellText('array', ['a "b"', 'c,d'])).toBe('["a \\"b\\"","c,d"]');
    expect(cellText('string', undefined)).toBeUndefined();
    expect(() => cellText('integer', 0.5)).toThrow(/integer/);
    expect(() => cellText('number', Infinity)).toThrow(/reads back/);
    expect(() => cellText('number', NaN)).toThrow(/reads back/);
  });
});

describe('zero-shot scores as written', () => {
  it('keeps the text of scores a double cannot hold', () => {
    const s = parseScoredText('big: 1e309\ntiny: 1e-400\nplain: 0.50\n\ntext\n');
    expect(s?.scores[0]!.map((x) => x.written)).toEqual(['1e309', '1e-400', '0.50']);
    expect(s?.scores[0]!.map((x) => x.score)).toEqual([Infinity, 0, 0.5]);
  });
});

describe('the data files of the fixture model', () => {
  const model = fixtureModel();
  let data: Awaited<ReturnType<typeof dataFilesInMemory>>;
  beforeAll(async () => {
    data = await dataFilesInMemory(model);
  });
  const file = (p: string) => {
    const t = data.files.get(p);
    if (t === undefined) throw new Error(`no ${p}`);
    return t;
  };
  const allVerdicts = [...model.verdictsByReport.values()].flat();

  it('publishes each table, its per-run parts, the package and the runs’ own count tables', () => {
    const runs = [...model.runs.values()];
    const expected = [
      'data/agreement.csv',
      'data/datapackage.json',
      'data/findings.csv',
      'data/history.csv',
      'data/reports.csv',
      'data/runs.csv',
      'data/scores.csv',
      'data/verdicts.csv',
      ...runs.filter((r) => allVerdicts.some((v) => v.run === r.name)).map((r) => `runs/${r.slug}/verdicts.csv`),
      ...runs.filter((r) => r.categoriesCsv).map((r) => `runs/${r.slug}/categories.csv`),
      ...runs.filter((r) => r.analysisCsv).map((r) => `runs/${r.slug}/analysis.csv`),
    ].sort();
    expect([...data.files.keys()].sort()).toEqual(expected);
  });

  it('gives one verdicts row per run × report, with the label after review and as first filed apart', () => {
    const rows = csvObjects(file('data/verdicts.csv'));
    expect(rows).toHaveLength(allVerdicts.length);
    // deepseek-r1:14b's gitlab/101 was first filed under manual-review (output/) and reviewed as device (reasoning/).
    const moved = allVerdicts.find((v) => v.halves === 'reviewed')!;
    const row = rows.find((r) => r.run === moved.run && `${r.source}/${r.id}` === moved.reportKey)!;
    expect(row).toMatchObject({ label: 'device', first_filed_label: 'manual-review', halves: 'reviewed' });
    expect(JSON.parse(row.paths!)).toEqual(moved.files.map((f) => f.provenance.path));
    expect(JSON.parse(row.blobs!)).toEqual(moved.files.map((f) => f.provenance.blob));
    const zs = rows.find((r) => r.run === 'zero-shot/105' && r.source === 'gitlab' && r.id === '101')!;
    expect(zs).toMatchObject({ task: 'zero-shot', label: 'semantic-x86', top_score: '0.91', top_score_label: 'semantic-x86', first_filed_label: null, halves: null, answer_label: null });
    // The mailing-list id keeps its leading zeros.
    expect(rows.some((r) => r.source === 'mailinglist' && r.id === '00001234')).toBe(true);
  });

  it('splits verdicts into per-run files holding exactly that run’s rows', () => {
    const whole = parseCsv(file('data/verdicts.csv'));
    const verdictsInfo = data.index.tables.find((t) => t.name === 'verdicts')!;
    let total = 0;
    for (const run of model.runs.values()) {
      const part = data.files.get(`runs/${run.slug}/verdicts.csv`);
      const mine = whole.rows.filter((r) => r[2] === run.name);
      if (part === undefined) {
        expect(mine).toEqual([]);
        continue;
      }
      const parsed = parseCsv(part);
      expect(parsed.header).toEqual(whole.header);
      expect(parsed.rows).toEqual(mine);
      total += parsed.rows.length;
    }
    expect(total).toBe(whole.rows.length);
    expect(verdictsInfo.parts!.files.reduce((n, f) => n + f.rows, 0)).toBe(whole.rows.length);
  });

  it('writes every zero-shot score line, its number as the file wrote it (1e309, 1e-400 included)', () => {
    const rows = csvObjects(file('data/scores.csv'));
    const fromRuns = allVerdicts.reduce((n, v) => n + (v.scores ?? []).flat().length, 0);
    const fromSets = model.curatedSets.flatMap((s) => s.members).reduce((n, m) => n + (m.scores ?? []).flat().length, 0);
    expect(rows).toHaveLength(fromRuns + fromSets);
    const ofGitlab101 = rows.filter((r) => r.run === 'zero-shot/105' && r.source === 'gitlab' && r.id === '101');
    expect(ofGitlab101.map((r) => [r.group, r.rank, r.label, r.score])).toEqual([
      ['1', '1', 'semantic-x86', '0.91'],
      ['1', '2', 'TCG-arm', '0.05'],
      ['1', '3', 'other', '0.03'],
      ['1', '4', 'a', '0.005'],
      ['1', '5', 'b', '1e309'],
      ['1', '6', 'c', '1e-400'],
      ['2', '1', 'other', '0.6'],
    ]);
    expect(rows.filter((r) => r.run === 'semantic-bugs').map((r) => r.score)).toEqual(['0.8', '0.2']);
  });

  it('writes reports with GitLab metadata, missing values empty and lists as JSON', () => {
    const rows = csvObjects(file('data/reports.csv'));
    expect(rows).toHaveLength(model.reports.size);
    const g = rows.find((r) => r.source === 'gitlab' && r.id === '101')!;
    expect(g).toMatchObject({
      title: 'QEMU crashes with {braces} and <script>',
      state: 'opened',
      created_at: '2023-01-02T03:04:05Z',
      closed_at: null,
      guest_os: null,
      url: 'https://gitlab.com/qemu-project/qemu/-/issues/101',
      gitlab_labels: '["kind::Bug","target: i386"]',
    });
    expect(rows.find((r) => r.source === 'gitlab' && r.id === '102')!.gitlab_labels).toBe('[]');
    expect(rows.find((r) => r.source === 'launchpad')!.gitlab_labels).toBeNull();
  });

  it('writes every finding and every run', () => {
    expect(csvObjects(file('data/findings.csv')).map((f) => [f.severity, f.path, f.line, f.message])).toEqual(
      model.findings.map((f) => [f.severity, f.path, f.line === undefined ? null : String(f.line), f.message]),
    );
    expect(csvObjects(file('data/runs.csv')).map((r) => r.run)).toEqual([...model.runs.keys()].sort());
  });

  it('publishes the runs’ own categories.csv and analysis.csv as read', () => {
    for (const run of model.runs.values()) {
      if (run.categoriesCsv) expect(file(`runs/${run.slug}/categories.csv`)).toBe(run.categoriesCsv.text);
      if (run.analysisCsv) expect(file(`runs/${run.slug}/analysis.csv`)).toBe(run.analysisCsv.text);
    }
    expect(data.index.runFiles['deepseek-r1-14b']).toEqual({ run: 'deepseek-r1:14b', categories: 'runs/deepseek-r1-14b/categories.csv', analysis: 'runs/deepseek-r1-14b/analysis.csv' });
  });

  it('gives the package a licence as the tree states it, the tree’s commit as version, and when it was made', async () => {
    const model = fixtureModel();
    const none = packageMeta(model, { SOURCE_DATE_EPOCH: '1764806400' });
    expect(none).toEqual({ licence: { title: UNKNOWN_LICENCE }, created: '2025-12-04T00:00:00.000Z' });
    const withFile = { raw: [{ path: 'results/LICENSE', blob: 'x', text: '\nCC BY 4.0\nmore' }] };
    const stated = packageMeta(withFile, { UPSTREAM_COMMIT: ' bf802a572fc3b328dc3f0f2782c6ea9f3b2dd707 ' }, () => new Date(Date.UTC(2026, 0, 2)));
    expect(stated).toEqual({ licence: { title: 'CC BY 4.0', path: 'results/LICENSE' }, version: 'bf802a572fc3b328dc3f0f2782c6ea9f3b2dd707', created: '2026-01-02T00:00:00.000Z' });
    const pkg = JSON.parse((await dataFilesInMemory(model, DATA_TABLES, stated)).files.get('data/datapackage.json')!) as Record<string, unknown>;
    expect(pkg.licenses).toEqual([{ title: 'CC BY 4.0 (the tree\'s results/LICENSE)' }]);
    expect(pkg.version).toBe('bf802a572fc3b328dc3f0f2782c6ea9f3b2dd707');
    expect(pkg.created).toBe('2026-01-02T00:00:00.000Z');
    // A tree read with its history: the version is the commit the pages show.
    const head = { sha: '5aa276ef'.padEnd(40, '0'), parents: [], date: '2025-07-08T10:00:00+02:00', subject: 'review' };
    const withHistory = { raw: [], history: { head } as unknown as NonNullable<ResultsModel['history']> };
    expect(packageMeta(withHistory, { UPSTREAM_COMMIT: 'bf802a572fc3b328dc3f0f2782c6ea9f3b2dd707' }).version).toBe(head.sha);
  });

  it('describes the files in a datapackage.json that holds against them', () => {
    const dir = path.join(tmpdir(), `results-archive-data-unit-${process.pid}`);
    rmSync(dir, { recursive: true, force: true });
    try {
      for (const [p, t] of data.files) {
        if (!p.startsWith('data/')) continue;
        mkdirSync(path.dirname(path.join(dir, p)), { recursive: true });
        writeFileSync(path.join(dir, p), t);
      }
      expect(dataPackageProblems(path.join(dir, 'data'))).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const pkg = JSON.parse(file('data/datapackage.json')) as { resources: { name: string; path: string; schema: { primaryKey?: string[] } }[] };
    expect(pkg.resources.map((r) => r.name)).toEqual(DATA_TABLES.map((t) => t.name));
    expect(pkg.resources.find((r) => r.name === 'verdicts')!.schema.primaryKey).toEqual(['source', 'id', 'run']);
  });

  it('makes no spreadsheet copies when no cell looks like a formula', () => {
    expect([...data.files.keys()].filter((p) => p.includes('.spreadsheet.'))).toEqual([]);
    expect(data.index.tables.every((t) => t.formulaCells === 0 && t.spreadsheet === undefined)).toBe(true);
  });
});

describe('formula-like cells in the model', () => {
  it('are exact in the data file and prefixed in a spreadsheet copy beside it', async () => {
    const base = fixtureModel();
    const hostile: Report = { ...base.reports.get('gitlab/102')!, title: '=HYPERLINK("http://x.invalid","Plain report")' };
    const model: ResultsModel = { ...base, reports: new Map([...base.reports].map(([k, r]) => [k, k === 'gitlab/102' ? hostile : r])) };
    const data = await dataFilesInMemory(model);
    const exact = csvObjects(data.files.get('data/reports.csv')!);
    expect(exact.find((r) => r.id === '102')!.title).toBe(hostile.title);
    const copy = csvObjects(data.files.get(spreadsheetPath('data/reports.csv'))!);
    expect(copy.find((r) => r.id === '102')!.title).toBe(`'${hostile.title}`);
    // Everything else of the copy is the exact file's.
    expect(copy.filter((r) => r.id !== '102')).toEqual(exact.filter((r) => r.id !== '102'));
    const info = data.index.tables.find((t) => t.name === 'reports')!;
    expect(info.formulaCells).toBe(1);
    expect(info.spreadsheet?.path).toBe('data/reports.spreadsheet.csv');
    // The copy is not a resource of the package.
    expect(data.files.get('data/datapackage.json')).not.toContain('spreadsheet');
  });
});

describe('a table added to the list', () => {
  it('gets its CSV, its datapackage resource and its place in the index from the one entry', async () => {
    const extra = defineTable<{ label: string; n: number }>({
      name: 'label-totals',
      title: 'Label totals',
      row: 'a label',
      description: 'How many verdicts carry each label.',
      primaryKey: ['label'],
      rows: (m) => {
        const counts = new Map<string, number>();
        for (const v of [...m.verdictsByReport.values()].flat()) counts.set(v.label, (counts.get(v.label) ?? 0) + 1);
        return [...counts].sort().map(([label, n]) => ({ label, n }));
      },
      fields: [
        { name: 'label', type: 'string', description: 'The label.', value: (r) => r.label },
        { name: 'verdicts', type: 'integer', description: 'Verdicts with it.', value: (r) => r.n },
      ],
    });
    const data = await dataFilesInMemory(fixtureModel(), [...DATA_TABLES, extra]);
    expect(csvObjects(data.files.get('data/label-totals.csv')!).find((r) => r.label === 'semantic-x86')).toEqual({ label: 'semantic-x86', verdicts: '1' });
    const pkg = JSON.parse(data.files.get('data/datapackage.json')!) as { resources: { name: string; path: string }[] };
    expect(pkg.resources.at(-1)).toMatchObject({ name: 'label-totals', path: 'label-totals.csv' });
    expect(data.index.tables.at(-1)).toMatchObject({ name: 'label-totals', path: 'data/label-totals.csv', row: 'a label' });
  });

  it('can be split into parts under data/, and only where an endpoint publishes them', async () => {
    const perTask = (place: (task: string) => string) =>
      defineTable<{ run: string; task: string }>({
        name: 'run-tasks',
        title: 'Run tasks',
        row: 'a run',
        description: 'Each run’s task.',
        rows: (m) => [...m.runs.values()].map((r) => ({ run: r.name, task: r.task })),
        parts: { of: 'task', path: (r) => place(r.task) },
        fields: [
          { name: 'run', type: 'string', description: 'The run.', value: (r) => r.run },
          { name: 'task', type: 'string', description: 'Its task.', value: (r) => r.task },
        ],
      });
    const model = fixtureModel();
    const data = await dataFilesInMemory(model, [perTask((t) => `data/by-task/${t}.csv`)]);
    const tasks = new Set([...model.runs.values()].map((r) => r.task));
    expect([...data.files.keys()].filter((p) => p.startsWith('data/by-task/')).sort()).toEqual([...tasks].map((t) => `data/by-task/${t}.csv`).sort());
    await expect(dataFilesInMemory(model, [perTask((t) => `compare/${t}.csv`)])).rejects.toThrow(/compare\/.*no endpoint publishes it/);
    await expect(dataFilesInMemory(model, [perTask(() => 'data/../x.csv')])).rejects.toThrow(/no endpoint/);
  });

  it('must have a name a URL and a package can carry', async () => {
    const bad = defineTable<never>({ name: 'Bad Name', title: '', row: '', description: '', fields: [], rows: () => [] });
    await expect(dataFilesInMemory(fixtureModel(), [bad])).rejects.toThrow(/Bad Name/);
  });
});

describe('content step', () => {
  it('puts the data files under published/ and gives each run page its downloads', async () => {
    const files = await buildContent(fixtureModel(), { markdown: (s) => s });
    expect(files.has('published/data/verdicts.csv')).toBe(true);
    expect(files.has('data-index.json')).toBe(true);
    const run = JSON.parse(files.get('run-data/deepseek-r1-14b.json')!) as RunData;
    expect(run.downloads).toMatchObject({
      verdicts: { path: 'runs/deepseek-r1-14b/verdicts.csv' },
      categories: 'runs/deepseek-r1-14b/categories.csv',
      analysis: 'runs/deepseek-r1-14b/analysis.csv',
    });
    expect(run.downloads.verdicts!.rows).toBe([...fixtureModel().verdictsByReport.values()].flat().filter((v) => v.run === 'deepseek-r1:14b').length);
  });
});

describe('describing the files', () => {
  it('gives sizes in decimal units', () => {
    expect(formatBytes(999)).toBe('999 B');
    expect(formatBytes(11_404)).toBe('11.4 kB');
    expect(formatBytes(23_456_789)).toBe('23.5 MB');
  });

  it('gives a pandas line that reads texts as text, integers as Int64, dates as dates and lists as JSON', () => {
    const fields = [
      { name: 'id', type: 'string' as const, description: '' },
      { name: 'line', type: 'integer' as const, description: '' },
      { name: 'created_at', type: 'datetime' as const, description: '' },
      { name: 'paths', type: 'array' as const, description: '' },
    ];
    expect(pandasLine({ fields }, 'https://x.invalid/data/t.csv')).toBe(
      'df = pd.read_csv("https://x.invalid/data/t.csv", dtype={"id": "string", "line": "Int64", "paths": "string"}, keep_default_na=False, na_values=[""], parse_dates=["created_at"])',
    );
    expect(pandasListsLine({ fields })).toBe('for c in ["paths"]: df[c] = df[c].map(json.loads, na_action="ignore")');
  });
});

describe('the data files written through streams', () => {
  /** An in-memory sink: what a streamed file's bytes were, and which files were opened. */
  const memorySink = () => {
    const files = new Map<string, string>();
    const opened: string[] = [];
    const sink: DataFileSink = {
      put: (p, t) => {
        if (files.has(p)) throw new Error(`twice: ${p}`);
        files.set(p, t);
      },
      open: (p) => {
        opened.push(p);
        const chunks: Buffer[] = [];
        const stream = new Writable({ write: (c: Buffer, _e, cb) => (chunks.push(Buffer.from(c)), cb()) });
        const bytes = () => Buffer.concat(chunks);
        return {
          stream,
          done: async () => {
            files.set(p, bytes().toString('utf8'));
            return { bytes: bytes().length, sha256: createHash('sha256').update(bytes()).digest('hex') };
          },
        };
      },
    };
    return { sink, files, opened };
  };

  /** Streams the model's data files into memory; checks what holds for any model. */
  const streamed = async (model: ResultsModel) => {
    const { sink, files, opened } = memorySink();
    const out = await streamDataFiles(model, sink, DATA_TABLES, packageMeta(model, {}, () => new Date(0)));
    expect([...out.paths].sort()).toEqual([...files.keys()].sort());
    for (const t of out.index.tables) {
      for (const f of [t, ...(t.parts?.files ?? [])]) {
        const text = files.get(f.path)!;
        expect(Buffer.byteLength(text), f.path).toBe(f.bytes);
        expect(parseCsv(text).rows, f.path).toHaveLength(f.rows);
        // A spreadsheet copy is opened only for a file with a formula-like cell, and has every row:
        // the rows before its first such cell are made again into it.
        expect(opened.includes(spreadsheetPath(f.path)), f.path).toBe(f.formulaCells > 0);
        if (f.spreadsheet) {
          const exact = parseCsv(text).rows;
          const copy = parseCsv(files.get(f.spreadsheet.path)!).rows;
          expect(copy).toHaveLength(exact.length);
          let prefixed = 0;
          copy.forEach((row, i) => row.forEach((cell, j) => {
            const was = exact[i]![j];
            if (cell !== was) {
              expect(cell).toBe(`'${was}`);
              prefixed++;
            }
          }));
          expect(prefixed, f.path).toBe(f.formulaCells);
        }
      }
    }
    return files;
  };

  it('write each file with the size and rows the index gives, and a full spreadsheet copy begun at the first formula-like row', async () => {
    const base = fixtureModel();
    const hostile: Report = { ...base.reports.get('gitlab/102')!, title: '=HYPERLINK("http://x.invalid","Plain report")' };
    const model: ResultsModel = { ...base, reports: new Map([...base.reports].map(([k, r]) => [k, k === 'gitlab/102' ? hostile : r])) };
    const files = await streamed(model);
    // The formula-like row is not the first: the copy had rows to make again.
    expect(csvObjects(files.get('data/reports.csv')!).findIndex((r) => r.id === '102')).toBeGreaterThan(0);
    expect(csvObjects(files.get('data/reports.spreadsheet.csv')!).find((r) => r.id === '102')!.title).toBe(`'${hostile.title}`);
  });

  it('write each file with the size and rows the index gives on the sample tree', async () => {
    const files = await streamed(await readResultsTree('sample', { dumpsDir: 'sample/dumps' }));
    expect(files.size).toBeGreaterThan(10);
  });
});
