import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Finding, ResultsModel, Verdict } from '../../src/lib/model.ts';
import { gitBlobId } from '../../src/lib/blob.ts';
import { parseChangeList } from '../../src/lib/parse/changeList.ts';
import { parseCountsCsv } from '../../src/lib/parse/countsCsv.ts';
import { parseGitlabToml } from '../../src/lib/parse/gitlabToml.ts';
import { parseReasoning } from '../../src/lib/parse/reasoning.ts';
import { classifyResultsPath } from '../../src/lib/parse/resultsPath.ts';
import { parseZeroShotReadme } from '../../src/lib/parse/zeroShotReadme.ts';
import { readResultsTree } from '../../src/lib/tree/readTree.ts';
import { copyBytes, copyId, idOfPath, copyPath, planIds, scaleChangeList, scaleCounts, scaledFiles, scaleReadme } from '../../scripts/lib/scale.ts';
import { writeScaledTree } from '../../scripts/scaleTree.ts';
import { nameOfProcess, parseStat } from '../../scripts/lib/processTree.ts';
import { pagefindFileKind, scaleBudgetMisses } from '../../scripts/lib/scaleBench.ts';

const b = (s: string) => Buffer.from(s, 'utf8');
const s = (u: Uint8Array) => Buffer.from(u).toString('utf8');

describe('scale: new ids', () => {
  it('pads ids of digits to the widest and puts the copy number first; other ids get -k<n>', () => {
    const plan = planIds(['2417', '1638427', '07215546', 'gitlab_semantic_pdep'], 3);
    expect(plan.width).toBe(8);
    expect(copyId('2417', 1, plan)).toBe('100002417');
    expect(copyId('07215546', 2, plan)).toBe('207215546');
    expect(copyId('1638427', 1, plan)).toBe('101638427');
    expect(copyId('gitlab_semantic_pdep', 2, plan)).toBe('gitlab_semantic_pdep-k2');
  });

  it('refuses a plan under which a copy would take an id the tree has or another copy has', () => {
    expect(() => planIds(['a', 'a-k1'], 2)).toThrow(/an id the tree has/);
    // `0017` and `17` pad alike: their copies would be one id.
    expect(() => planIds(['0017', '17'], 2)).toThrow(/as copy 1 of/);
    expect(() => planIds(['0017', '17'], 1)).not.toThrow();
  });

  it('renames the file under its folder (a TOML keeps its extension)', () => {
    const plan = { width: 4 };
    const toml = 'results/scraper/gitlab/issues_toml/target_arm/host_x86/accel_TCG/2417.toml';
    expect(copyPath(toml, classifyResultsPath(toml), 2, plan)).toBe('results/scraper/gitlab/issues_toml/target_arm/host_x86/accel_TCG/22417.toml');
    const run = 'results/classifier/zero-shot/017/operating system/0380';
    expect(copyPath(run, classifyResultsPath(run), 1, plan)).toBe('results/classifier/zero-shot/017/operating system/10380');
    const counts = 'results/classifier/gemma3:12b/categories.csv';
    expect(copyPath(counts, classifyResultsPath(counts), 1, plan)).toBeUndefined();
  });
});

describe('scale: copies read as the original under the new id', () => {
  const plan = { width: 4 };
  const info = (p: string) => classifyResultsPath(p);

  it('a TOML names the new id, in the form it had, and still parses', () => {
    const p = 'results/scraper/gitlab/issues_toml/target_arm/host_x86/accel_TCG/2417.toml';
    const text = 'id = 2417\ntitle = "x"\nlabels = []\n';
    const copy = s(copyBytes(b(text), info(p), 1, plan));
    expect(parseGitlabToml(copy).id).toBe('12417');
    expect(parseGitlabToml(copy).title).toBe('x');
    expect(copy).not.toBe(text);
    const quoted = s(copyBytes(b('id = "abc"\ntitle = "y"'), info(p.replace('2417', 'abc')), 3, plan));
    expect(parseGitlabToml(quoted).id).toBe('abc-k3');
  });

  it('a reasoning file keeps its label word and its thinking; a marker follows <think>', () => {
    const p = 'results/classifier/qwen3:32b/reasoning/syscall/2417';
    const text = 'echo\n<think>\nhmm\n</think>\n\nIt is **syscall**.\n';
    const copy = s(copyBytes(b(text), info(p), 1, plan));
    expect(copy).not.toBe(text);
    const [r0, r1] = [parseReasoning(text), parseReasoning(copy)];
    expect(r1.finalLabel).toBe('syscall');
    expect(r1.answer).toBe(r0.answer);
    expect(r1.preamble).toBe(r0.preamble);
    expect(r1.thinking).toContain('hmm');
    const bare = s(copyBytes(b('The answer is runtime'), info(p), 1, plan));
    expect(parseReasoning(bare)).toEqual(parseReasoning('The answer is runtime'));
    expect(bare).not.toBe('The answer is runtime');
    // An empty answer stays empty: no label word appears.
    const empty = copyBytes(b('\n'), info(p), 2, plan);
    expect(parseReasoning(s(empty)).answer).toBe('');
    expect(parseReasoning(s(empty)).finalLabel).toBeUndefined();
    expect(empty.equals(copyBytes(b('\n'), info(p), 1, plan))).toBe(false);
  });

  it('a report text keeps its first line (its title); bytes that are not UTF-8 stay as they were', () => {
    const p = 'results/scraper/launchpad/1638427';
    const bytes = Buffer.concat([b('Title line\nbody '), Buffer.from([0xff, 0xfe]), b(' end')]);
    const copy = copyBytes(bytes, info(p), 2, plan);
    expect(copy.subarray(0, bytes.length).equals(bytes)).toBe(true);
    expect(s(copy).split('\n')[0]).toBe('Title line');
    expect(copy.length).toBeGreaterThan(bytes.length);
  });

  it('count tables, change lists and a README scale by K', () => {
    const counts = scaleCounts(b('category, count\ntcg, 2\nvmm, 1\n'), 3);
    expect(parseCountsCsv(s(counts)).rows).toEqual([{ category: 'tcg', count: 6 }, { category: 'vmm', count: 3 }]);
    const list = parseChangeList(s(scaleChangeList(b('2 changes:\n0380: other -> boot\nabc: a -> b c\n'), 2, plan)));
    expect(list.declared).toBe(4);
    expect(list.changes.map((c) => `${c.id}:${c.from}>${c.to}`)).toEqual(['0380:other>boot', 'abc:a>b c', '10380:other>boot', 'abc-k1:a>b c']);
    expect(list.problems).toEqual([]);
    expect(parseZeroShotReadme(s(scaleReadme(b('## 001\n\n```python\nnumber_bugs = 4\n```\n'), 3))).numberBugs).toBe(12);
  });

  it('K = 1 is the tree itself: every file a link to its original', () => {
    expect([...scaledFiles('results/classifier/gemma3:12b/categories.csv', b('category, count\nx, 1\n'), 1, plan)]).toEqual([['results/classifier/gemma3:12b/categories.csv', 'link']]);
  });
});

describe('the sample tree twice (K = 2), read by the project reader', () => {
  let dir: string;
  /** Read without the page dumps folder: dumps are not copied, and they add files to the originals only. */
  let one: ResultsModel;
  let two: ResultsModel;
  let twoWithDumps: ResultsModel;
  let oneWithDumps: ResultsModel;
  let plan: { width: number };
  /** A copy's id back to its original's, in any text (paths, messages). */
  let unmap: (text: string) => string;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'scale-test-'));
    const stats = writeScaledTree('sample', path.join(dir, 'k2'), 2);
    plan = stats.plan;
    one = await readResultsTree('sample');
    two = await readResultsTree(path.join(dir, 'k2'));
    oneWithDumps = await readResultsTree('sample', { dumpsDir: 'sample/dumps' });
    twoWithDumps = await readResultsTree(path.join(dir, 'k2'), { dumpsDir: 'sample/dumps' });
    const back = new Map<string, string>();
    for (const r of one.reports.values()) back.set(copyId(r.id, 1, plan), r.id);
    const pattern = new RegExp([...back.keys()].sort((x, y) => y.length - x.length).map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g');
    unmap = (text) => text.replace(pattern, (m) => back.get(m)!);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('has exactly twice the reports and the verdicts, and loses nothing (with the page dumps too)', () => {
    expect(one.reports.size).toBeGreaterThan(10);
    const count = (m: ResultsModel) => [...m.verdictsByReport.values()].reduce((n, l) => n + l.length, 0);
    for (const [a, b] of [[one, two], [oneWithDumps, twoWithDumps]] as const) {
      expect(b.reports.size).toBe(2 * a.reports.size);
      expect(count(b)).toBe(2 * count(a));
      expect(b.lost).toEqual([]);
      expect(b.unrecognized).toEqual(a.unrecognized);
      expect(b.raw.map((r) => r.path)).toEqual(a.raw.map((r) => r.path));
      expect(b.dumps.map((d) => [d.file, d.status, d.path])).toEqual(a.dumps.map((d) => [d.file, d.status, d.path]));
      expect([...b.runs.keys()]).toEqual([...a.runs.keys()]);
    }
    expect(twoWithDumps.dumps.length).toBeGreaterThan(5);
  });

  it('has each report under its own key and a copy with the same title, source and text plus a marker', () => {
    for (const r of one.reports.values()) {
      const key = `${r.source}/${copyId(r.id, 1, plan)}`;
      expect(two.reports.get(r.key), r.key).toEqual(r);
      const c = two.reports.get(key)!;
      expect(c, key).toBeDefined();
      expect(c.title).toBe(r.source === 'unknown' ? r.title.replace(r.id, copyId(r.id, 1, plan)) : r.title);
      expect(c.source).toBe(r.source);
      if (r.text !== undefined) {
        expect(c.text!.startsWith(r.text.endsWith('\n') ? r.text : `${r.text}\n`), key).toBe(true);
        expect(c.text).not.toBe(r.text);
      }
      expect(c.gitlab === undefined ? undefined : { ...c.gitlab }).toEqual(r.gitlab);
      // Never byte-identical: every file of the copy has a blob of its own.
      const blobs = new Set(r.provenance.map((p) => p.blob));
      for (const p of c.provenance) expect(blobs.has(p.blob), p.path).toBe(false);
    }
  });

  it('gives every copy the original verdicts of every run: label, labels, halves, final label', () => {
    const shape = (v: Verdict) => ({ run: v.run, label: v.label, labels: v.labels, halves: v.halves, firstFiled: v.firstFiled, final: v.reasoning?.finalLabel, scores: v.scores, files: v.files.filter((f) => f.provenance.via === 'tree').length });
    for (const [key, list] of one.verdictsByReport) {
      const r = one.reports.get(key)!;
      const copies = two.verdictsByReport.get(`${r.source}/${copyId(r.id, 1, plan)}`) ?? [];
      expect(copies.map(shape), key).toEqual(list.map(shape));
      expect(two.verdictsByReport.get(key)).toEqual(list);
    }
    for (const [name, run] of one.runs) {
      const scaled = two.runs.get(name)!;
      expect(scaled.labelCounts, name).toEqual(Object.fromEntries(Object.entries(run.labelCounts).map(([l, n]) => [l, 2 * n])));
      expect(scaled.categoriesCsv?.rows, name).toEqual(run.categoriesCsv?.rows.map((row) => ({ ...row, count: 2 * row.count })));
      expect(scaled.analysisCsv?.rows, name).toEqual(run.analysisCsv?.rows.map((row) => ({ ...row, count: 2 * row.count })));
      expect(scaled.zeroShot?.numberBugs, name).toBe(run.zeroShot?.numberBugs === undefined ? undefined : 2 * run.zeroShot.numberBugs);
      expect(scaled.changeLists.map((c) => [c.from, c.to, c.declared, c.changes.length]), name).toEqual(
        run.changeLists.map((c) => [c.from, c.to, c.declared === undefined ? undefined : 2 * c.declared, 2 * c.changes.length]),
      );
    }
    expect(two.curatedSets.map((c) => [c.name, c.members.length])).toEqual(one.curatedSets.map((c) => [c.name, 2 * c.members.length]));
  });

  it('says of the copies what it says of the originals, and of the tables the same with the counts doubled', () => {
    const isTable = (f: Finding) => /\/(categories|analysis)\.csv$|\/\d{3}-\d{3}$/.test(f.path);
    const ofOneReport = (f: Finding) => idOfPath(classifyResultsPath(f.path)) !== undefined;
    const key = (f: Finding) => `${f.path} ${f.line ?? ''} ${f.severity} ${f.message}`;
    const doubled = (f: Finding) => key({ ...f, message: f.message.replace(/\b(says|hold|declares|has|the) (\d+)\b/g, (_m, w: string, n: string) => `${w} ${2 * Number(n)}`) });
    const expected = one.findings.flatMap((f) => (isTable(f) ? [doubled(f)] : ofOneReport(f) ? [key(f), key(f)] : [key(f)])).sort();
    const got = two.findings.map((f) => (isTable(f) ? key(f) : unmap(key(f)))).sort();
    expect(expected.length).toBeGreaterThan(15);
    expect(got).toEqual(expected);
    expect(two.findings.some((f) => /is both/.test(f.message))).toBe(false);
  });

  it('keeps the originals byte for byte', () => {
    const p = 'classifier/qwen3:32b/reasoning/syscall/1742';
    expect(gitBlobId(readFileSync(path.join(dir, 'k2/results', p)))).toBe(gitBlobId(readFileSync(path.join('sample/results', p))));
  });
});

describe('the process sampler', () => {
  it('reads CPU ticks from a stat line whose name holds spaces and parentheses', () => {
    const line = '4242 (node (a) b) S 1 4242 4242 0 -1 4194304 100 0 0 0 1234 567 89 10 20 0 11 0 999 0 0';
    expect(parseStat(line)).toEqual({ utime: 1234, stime: 567, cutime: 89, cstime: 10 });
  });

  it('names the build steps by their command lines', () => {
    const argv = (...a: string[]) => `${a.join('\0')}\0`;
    expect(nameOfProcess(argv('/x/node_modules/@pagefind/linux-x64/bin/pagefind_extended', '--service'))).toBe('Pagefind');
    expect(nameOfProcess(argv('/x/node', 'scripts/write-content.ts', '--results', 'r'))).toBe('content writer');
    expect(nameOfProcess(argv('/x/node', 'scripts/search-index.ts', 'c'))).toBe('search index (node)');
    expect(nameOfProcess(argv('node', '/x/node_modules/.bin/astro', 'build', '--silent'))).toBe('Astro');
    expect(nameOfProcess(argv('nice', '-n', '10', '/x/astro', 'build'))).toBe('Astro');
    expect(nameOfProcess(argv('/x/node', '/x/tsx/dist/cli.mjs', 'scripts/build.ts'))).toBe('build driver');
  });
});

describe('the scale bench’s first search, by kind of file', () => {
  it('names each file of a bundle or a shard by what it is', () => {
    const kinds = [
      'pagefind.js',
      'wasm.en.pagefind',
      'pagefind-entry.json',
      'shard-2/pagefind-entry.json',
      'pagefind.en_1a2b3c.pf_meta',
      'shard-1/pagefind.en_9f.pf_meta',
      'index/en_abc.pf_index',
      'shard-3/index/en_abc.pf_index',
      'filter/en_abc.pf_filter',
      'fragment/en_abc.pf_fragment',
      'shards.json',
    ].map(pagefindFileKind);
    expect(kinds).toEqual([
      'script and wasm',
      'script and wasm',
      'entry files',
      'entry files',
      'page lists',
      'page lists',
      'index chunks',
      'index chunks',
      'filter chunks',
      'fragments',
      'shard list',
    ]);
  });
});

describe('the scale bench’s budgets', () => {
  const run = (K: number, cpuSeconds: number, peakTotalMB: number, firstSearchKvmBytes: number | null) => ({
    K,
    cpuSeconds,
    memory: { peakTotalMB, atPeak: {}, byName: [] },
    firstSearchKvmBytes,
  });
  const budgets = { scalePeakMemoryMB: 6144, scaleCpuPerK: 1.15, scaleFirstSearchKvmKB: 660 };

  it('passes a K = 4 run within every budget (4.6× the CPU of K = 1 is the limit)', () => {
    expect(scaleBudgetMisses(run(4, 460, 6144, 660 * 1024), { cpuSeconds: 100 }, budgets)).toEqual([]);
  });

  it('names each budget a K = 4 run misses', () => {
    const misses = scaleBudgetMisses(run(4, 461, 6145, 660 * 1024 + 1), { cpuSeconds: 100 }, budgets);
    expect(misses).toHaveLength(3);
    expect(misses[0]).toMatch(/^peak memory 6145 MB/);
    expect(misses[1]).toMatch(/^CPU 461 s is 4\.61×/);
    expect(misses[2]).toMatch(/^first search `kvm` 660 KB/);
  });

  it('holds memory to its budget up to K = 4 only, and the first search at K = 4 only', () => {
    expect(scaleBudgetMisses(run(6, 600, 9000, 2_000_000), { cpuSeconds: 100 }, budgets)).toEqual([]);
    expect(scaleBudgetMisses(run(2, 200, 7000, 2_000_000), null, budgets)).toEqual(['peak memory 7000 MB (budget 6144 MB)']);
  });

  it('counts an unmeasured first search at K = 4 as a miss, and compares CPU only with a K = 1 run', () => {
    expect(scaleBudgetMisses(run(4, 10_000, 1000, null), null, budgets)).toEqual(['the first search was not measured']);
  });
});
