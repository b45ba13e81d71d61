/**
 * Every figure a built site shows, held against the data files. Pages mark their figures with
 * `data-fig="<kind>"` (and `data-run`, `data-label`, `data-task`, …; attributes of the nearest
 * `data-fig-row` ancestor apply too). This module reads every page that has such marks (their
 * HTML as a DOM: what a reader without scripts sees), computes each figure itself
 * from `data/verdicts.csv` and `data/runs.csv`, and returns every disagreement with both numbers
 * and both places. It uses none of the site's code: the definitions are written out again here,
 * as the pages state them, so a page and its data file can only agree by both being right.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Browser } from 'playwright-core';
import { DomUtils, parseDocument } from 'htmlparser2';
import { filesBelow } from '../../src/lib/files.ts';

export interface ShownFigure {
  readonly page: string;
  readonly kind: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly text: string;
}

export interface ShownRow {
  readonly page: string;
  readonly kind: string;
  readonly attrs: Readonly<Record<string, string>>;
}

export interface FigureCheck {
  /** Figures compared, by kind. */
  readonly checked: Readonly<Record<string, number>>;
  /** Figures no rule here reads (must stay empty: a new kind needs its rule). */
  readonly unknown: readonly ShownFigure[];
  readonly mismatches: readonly string[];
  readonly pages: number;
}

interface VerdictRow {
  readonly key: string;
  readonly run: string;
  readonly label: string;
  readonly labels: readonly string[];
  readonly firstFiled: string;
  readonly halves: string;
}

/** What the data files say, computed here from their rows. */
export class DataFigures {
  readonly runBySlug = new Map<string, { name: string; task: string }>();
  readonly rows: VerdictRow[] = [];
  /** run name → report key → label after review, case-folded (a run's first row for a report). */
  readonly labelOf = new Map<string, Map<string, string>>();
  /** reports.csv rows per source; findings.csv rows. */
  readonly reportsBySource = new Map<string, number>();
  readonly findings: number;

  constructor(dist: string) {
    const read = (f: string) => parse(readFileSync(path.join(dist, 'data', f), 'utf8'), { columns: true }) as Record<string, string>[];
    for (const r of read('runs.csv')) this.runBySlug.set(r.slug!, { name: r.run!, task: r.task! });
    for (const r of read('reports.csv')) this.reportsBySource.set(r.source!, (this.reportsBySource.get(r.source!) ?? 0) + 1);
    this.findings = read('findings.csv').length;
    for (const r of read('verdicts.csv')) {
      const row = { key: `${r.source}/${r.id}`, run: r.run!, label: r.label!, labels: JSON.parse(r.labels || '[]') as string[], firstFiled: r.first_filed_label ?? '', halves: r.halves ?? '' };
      this.rows.push(row);
      const m = this.labelOf.get(row.run) ?? new Map<string, string>();
      if (!m.has(row.key)) m.set(row.key, row.label.toLowerCase());
      this.labelOf.set(row.run, m);
    }
  }

  runName(slug: string): string {
    const r = this.runBySlug.get(slug);
    if (!r) throw new Error(`runs.csv has no run with slug ${slug}`);
    return r.name;
  }

  runsOfTask(task: string): string[] {
    return [...this.runBySlug.values()].filter((r) => r.task === task).map((r) => r.name);
  }

  /** report key → the labels (case-folded) the task's runs gave it, one per run that labelled it. */
  taskLabels(task: string): Map<string, string[]> {
    const out = new Map<string, string[]>();
    for (const run of this.runsOfTask(task)) {
      for (const [key, label] of this.labelOf.get(run) ?? []) out.set(key, [...(out.get(key) ?? []), label]);
    }
    return out;
  }

  /** The task's reports by how the runs stand: every definition as the task page states it. */
  taskStanding(task: string) {
    const runs = this.runsOfTask(task).length;
    const labels = this.taskLabels(task);
    const keys = [...labels.keys()];
    const distinct = (k: string) => new Set(labels.get(k)).size;
    const common = keys.filter((k) => labels.get(k)!.length === runs);
    return {
      reports: keys.length,
      common: common.length,
      unanimous: common.filter((k) => distinct(k) === 1),
      oneLabelNotAll: keys.filter((k) => labels.get(k)!.length > 1 && labels.get(k)!.length < runs && distinct(k) === 1).length,
      contested: keys.filter((k) => distinct(k) > 1),
      labels,
      runs,
    };
  }

  pair(aSlug: string, bSlug: string) {
    const a = this.labelOf.get(this.runName(aSlug)) ?? new Map<string, string>();
    const b = this.labelOf.get(this.runName(bSlug)) ?? new Map<string, string>();
    const both = [...a.keys()].filter((k) => b.has(k));
    const cells = new Map<string, number>();
    for (const k of both) cells.set(`${a.get(k)}\0${b.get(k)}`, (cells.get(`${a.get(k)}\0${b.get(k)}`) ?? 0) + 1);
    const n = both.length;
    const same = both.filter((k) => a.get(k) === b.get(k)).length;
    // κ = (p_o − p_e) / (1 − p_e), p_e from each run's own label shares (Cohen 1960).
    const share = (m: Map<string, string>) => {
      const s = new Map<string, number>();
      for (const k of both) s.set(m.get(k)!, (s.get(m.get(k)!) ?? 0) + 1 / n);
      return s;
    };
    const sa = share(a);
    const sb = share(b);
    const pe = [...sa].reduce((s, [l, p]) => s + p * (sb.get(l) ?? 0), 0);
    const po = n ? same / n : null;
    const kappa = po === null || 1 - pe <= 1e-12 ? null : (po - pe) / (1 - pe);
    return { n, onlyA: a.size - n, onlyB: b.size - n, agreement: po, kappa, cells };
  }

  /** Fleiss (1971) over the reports every run of the task labelled. */
  fleiss(task: string): number | null {
    const { labels, runs } = this.taskStanding(task);
    const rows = [...labels.values()].filter((l) => l.length === runs);
    if (rows.length === 0 || runs < 2) return null;
    const cats = new Map<string, number>();
    let pBar = 0;
    for (const l of rows) {
      const c = new Map<string, number>();
      for (const x of l) c.set(x, (c.get(x) ?? 0) + 1);
      pBar += ([...c.values()].reduce((s, v) => s + v * v, 0) - runs) / (runs * (runs - 1));
      for (const [x, v] of c) cats.set(x, (cats.get(x) ?? 0) + v);
    }
    pBar /= rows.length;
    const pe = [...cats.values()].reduce((s, v) => s + (v / (rows.length * runs)) ** 2, 0);
    return 1 - pe <= 1e-12 ? null : (pBar - pe) / (1 - pe);
  }

  /** Krippendorff (2011), nominal: α = 1 − D_o / D_e from the coincidence matrix, units with ≥ 2 values. */
  alpha(task: string): number | null {
    const units = [...this.taskLabels(task).values()].filter((l) => l.length >= 2);
    const o = new Map<string, number>();
    const nc = new Map<string, number>();
    let total = 0;
    for (const u of units) {
      const m = u.length;
      for (let i = 0; i < m; i++) {
        for (let j = 0; j < m; j++) {
          if (i === j) continue;
          const key = `${u[i]}\0${u[j]}`;
          o.set(key, (o.get(key) ?? 0) + 1 / (m - 1));
        }
        nc.set(u[i]!, (nc.get(u[i]!) ?? 0) + 1);
      }
      total += m;
    }
    if (total < 2) return null;
    let disagreeObserved = 0;
    for (const [key, v] of o) {
      const [c, k] = key.split('\0');
      if (c !== k) disagreeObserved += v;
    }
    let disagreeExpected = 0;
    for (const [c, x] of nc) for (const [k, y] of nc) if (c !== k) disagreeExpected += x * y;
    if (disagreeExpected === 0) return null;
    return 1 - ((total - 1) * disagreeObserved) / disagreeExpected;
  }
}

/** How the pages write figures: integers, `76.2 %`, `0.492`, `undefined`. */
const stat = (x: number | null) => (x === null ? 'undefined' : (Math.abs(x) < 0.0005 ? 0 : x).toFixed(3));
const percent = (x: number | null) => (x === null ? 'undefined' : `${(x * 100).toFixed(1)} %`);

/** Reads every marked figure and row of every page that has any (JavaScript off). */
type Element = ReturnType<typeof DomUtils.findAll>[number];

/**
 * Every marked figure and row of the built pages, read from their HTML as a DOM (htmlparser2,
 * entities decoded): what a reader without scripts sees, for every page, without a browser's
 * page load per page (over a thousand pages on the corpus).
 */
export function readShownFigures(dist: string): { figures: ShownFigure[]; rows: ShownRow[]; pages: number } {
  const figures: ShownFigure[] = [];
  const rows: ShownRow[] = [];
  let pages = 0;
  for (const file of filesBelow(dist).filter((f) => f.endsWith('.html'))) {
    const html = readFileSync(path.join(dist, file), 'utf8');
    if (!html.includes('data-fig')) continue;
    pages++;
    const doc = parseDocument(html);
    const data = (el: Element) => Object.fromEntries(Object.entries(el.attribs).filter(([name]) => name.startsWith('data-') && name !== 'data-fig' && name !== 'data-fig-row').map(([name, value]) => [name.slice(5), value]));
    const rowOf = (el: Element): Element | undefined => {
      for (let at: Element['parent'] = el; at !== null; at = at.parent) if ('attribs' in at && at.attribs['data-fig-row'] !== undefined) return at;
      return undefined;
    };
    for (const el of DomUtils.findAll((e) => e.attribs['data-fig'] !== undefined, doc.children)) {
      const row = rowOf(el);
      figures.push({ page: file, kind: el.attribs['data-fig']!, attrs: { ...(row ? { ...data(row), row: row.attribs['data-fig-row']! } : {}), ...data(el) }, text: DomUtils.textContent(el).trim() });
    }
    for (const el of DomUtils.findAll((e) => e.attribs['data-fig-row'] !== undefined, doc.children)) rows.push({ page: file, kind: el.attribs['data-fig-row']!, attrs: data(el) });
  }
  return { figures, rows, pages };
}

/** Holds every shown figure against the data files' own numbers. */
export function checkFigures(data: DataFigures, shown: { figures: readonly ShownFigure[]; rows: readonly ShownRow[]; pages: number }): FigureCheck {
  const checked: Record<string, number> = {};
  const unknown: ShownFigure[] = [];
  const mismatches: string[] = [];
  const standing = new Map<string, ReturnType<DataFigures['taskStanding']>>();
  const taskOf = (t: string) => {
    if (!standing.has(t)) standing.set(t, data.taskStanding(t));
    return standing.get(t)!;
  };
  const pairs = new Map<string, ReturnType<DataFigures['pair']>>();
  const pairOf = (a: string, b: string) => {
    if (!pairs.has(`${a}/${b}`)) pairs.set(`${a}/${b}`, data.pair(a, b));
    return pairs.get(`${a}/${b}`)!;
  };
  const contestedRank = new Map<string, Map<string, { rank: number; distinct: number; top: number; runs: number }>>();
  const rankOf = (task: string) => {
    if (!contestedRank.has(task)) {
      const { contested, labels } = taskOf(task);
      const info = contested.map((k) => {
        const c = new Map<string, number>();
        for (const l of labels.get(k)!) c.set(l, (c.get(l) ?? 0) + 1);
        return { key: k, distinct: c.size, top: Math.max(...c.values()), runs: labels.get(k)!.length };
      });
      // Standard competition ranking: 1 + the reports strictly more contested.
      const more = (x: (typeof info)[number], y: (typeof info)[number]) => x.distinct > y.distinct || (x.distinct === y.distinct && x.top * y.runs < y.top * x.runs);
      contestedRank.set(task, new Map(info.map((x) => [x.key, { rank: 1 + info.filter((y) => more(y, x)).length, distinct: x.distinct, top: x.top, runs: x.runs }])));
    }
    return contestedRank.get(task)!;
  };

  const expectOf = (f: ShownFigure): { value: string; source: string } | undefined => {
    const a = f.attrs;
    const runRows = (slug: string) => data.rows.filter((r) => r.run === data.runName(slug));
    switch (f.kind) {
      case 'run-total':
        return { value: String(runRows(a.run!).length), source: `verdicts.csv rows with run=${data.runName(a.run!)}` };
      case 'run-label':
        return { value: String(runRows(a.run!).filter((r) => r.labels.includes(a.label!)).length), source: `verdicts.csv rows with run=${data.runName(a.run!)} and ${a.label} in labels` };
      case 'run-first-filed':
        return {
          value: String(runRows(a.run!).filter((r) => r.halves !== 'reasoning-only' && (r.firstFiled || r.label) === a.label).length),
          source: `verdicts.csv rows with run=${data.runName(a.run!)}, first_filed_label (else label) = ${a.label}, halves ≠ reasoning-only`,
        };
      case 'source-reports':
        return { value: String(data.reportsBySource.get(a.source!) ?? 0), source: `reports.csv rows with source=${a.source}` };
      case 'findings':
        return { value: String(data.findings), source: 'findings.csv rows' };
      case 'run-label-moved-in':
        return { value: String(runRows(a.run!).filter((r) => r.labels.includes(a.label!) && r.firstFiled !== '' && r.firstFiled !== r.label).length), source: `verdicts.csv rows with run=${data.runName(a.run!)}, ${a.label} in labels, first_filed_label another` };
      case 'run-label-moved-out':
        return { value: String(runRows(a.run!).filter((r) => r.firstFiled === a.label && r.label !== a.label).length), source: `verdicts.csv rows with run=${data.runName(a.run!)}, first_filed_label=${a.label}, label another` };
      case 'run-reviewed':
        return { value: String(runRows(a.run!).filter((r) => r.halves === 'reviewed').length), source: `verdicts.csv rows with run=${data.runName(a.run!)} and halves=reviewed` };
      case 'reviewer-verdicts':
        return { value: String(data.rows.filter((r) => r.halves === 'reviewed').length), source: 'verdicts.csv rows with halves=reviewed' };
      case 'reviewer-reports':
        return { value: String(new Set(data.rows.filter((r) => r.halves === 'reviewed').map((r) => r.key)).size), source: 'distinct reports of verdicts.csv rows with halves=reviewed' };
      case 'task-reports':
        return { value: String(taskOf(a.task!).reports), source: `reports any ${a.task} run labelled in verdicts.csv` };
      case 'task-common':
        return { value: String(taskOf(a.task!).common), source: `reports every ${a.task} run labelled in verdicts.csv` };
      case 'task-unanimous':
        return { value: String(taskOf(a.task!).unanimous.length), source: `reports every ${a.task} run labelled alike in verdicts.csv` };
      case 'task-one-label-not-all':
        return { value: String(taskOf(a.task!).oneLabelNotAll), source: `reports some but not all ${a.task} runs labelled, alike, in verdicts.csv` };
      case 'task-contested':
        return { value: String(taskOf(a.task!).contested.length), source: `reports with two or more labels among the ${a.task} runs in verdicts.csv` };
      case 'task-fleiss':
        return { value: stat(data.fleiss(a.task!)), source: `Fleiss' κ computed from verdicts.csv (${a.task})` };
      case 'task-alpha':
        return { value: stat(data.alpha(a.task!)), source: `Krippendorff's α computed from verdicts.csv (${a.task})` };
      case 'contested-rank':
      case 'contested-distinct':
      case 'contested-top':
      case 'contested-runs': {
        const r = rankOf(a.task!).get(a.report!);
        const field = f.kind.slice('contested-'.length) as 'rank' | 'distinct' | 'top' | 'runs';
        return { value: r ? String(r[field]) : 'not contested', source: `${a.report} among the ${a.task} runs in verdicts.csv` };
      }
      case 'pair-n':
      case 'pair-only-a':
      case 'pair-only-b':
      case 'pair-agreement':
      case 'pair-kappa': {
        const p = pairOf(a['run-a']!, a['run-b']!);
        const value = { 'pair-n': String(p.n), 'pair-only-a': String(p.onlyA), 'pair-only-b': String(p.onlyB), 'pair-agreement': percent(p.agreement), 'pair-kappa': stat(p.kappa) }[f.kind];
        return { value, source: `verdicts.csv rows of ${data.runName(a['run-a']!)} and ${data.runName(a['run-b']!)}` };
      }
      case 'cell': {
        const p = pairOf(a['run-a']!, a['run-b']!);
        return { value: String(p.cells.get(`${a['label-a']}\0${a['label-b']}`) ?? 0), source: `verdicts.csv: reports ${data.runName(a['run-a']!)} labelled ${a['label-a']} and ${data.runName(a['run-b']!)} ${a['label-b']}` };
      }
      default:
        return undefined;
    }
  };

  for (const f of shown.figures) {
    const e = expectOf(f);
    if (!e) {
      unknown.push(f);
      continue;
    }
    checked[f.kind] = (checked[f.kind] ?? 0) + 1;
    if (e.value !== f.text) {
      const where = Object.entries(f.attrs).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(' ');
      mismatches.push(`${f.page} [${f.kind} ${where}] shows ${JSON.stringify(f.text)}; ${e.source} give ${JSON.stringify(e.value)}`);
    }
  }

  // Lists: every unanimous and every contested report of a task is reachable, and nothing else.
  for (const kind of ['unanimous', 'contested'] as const) {
    const listed = new Map<string, Set<string>>();
    for (const r of shown.rows.filter((x) => x.kind === kind && x.page.includes(`/${kind}/`))) {
      const s = listed.get(r.attrs.task!) ?? new Set<string>();
      s.add(r.attrs.report!);
      listed.set(r.attrs.task!, s);
    }
    for (const [task, keys] of listed) {
      const expected = new Set(kind === 'unanimous' ? taskOf(task).unanimous : taskOf(task).contested);
      checked[`${kind}-list`] = (checked[`${kind}-list`] ?? 0) + keys.size;
      const missing = [...expected].filter((k) => !keys.has(k));
      const extra = [...keys].filter((k) => !expected.has(k));
      if (missing.length || extra.length) {
        mismatches.push(`tasks/${task}/${kind}/ lists ${keys.size} reports; verdicts.csv gives ${expected.size} (missing ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? '…' : ''}; not ${kind} ${extra.slice(0, 5).join(', ')})`);
      }
    }
  }
  return { checked, unknown, mismatches, pages: shown.pages };
}

/** Search filter counts over reports only (`kind: report`), as the search page shows them with no query. */
export async function searchFacetCounts(browser: Browser, siteUrl: string): Promise<Record<string, Record<string, number>>> {
  const page = await browser.newPage();
  try {
    await page.goto(`${siteUrl}search/`);
    // A string, not a function: the test runner rewrites `import()` in functions it compiles.
    const base = new URL(siteUrl).pathname;
    return (await page.evaluate(`(async () => {
      const pf = await import(${JSON.stringify(`${base}pagefind/pagefind.js`)});
      await pf.init();
      await pf.filters(); // loads every filter's index, as the search page does before counting
      return (await pf.search(null, { filters: { kind: 'report' } })).filters;
    })()`)) as Record<string, Record<string, number>>;
  } finally {
    await page.close();
  }
}

/** Search filter counts against the data files: runs, agreement within a task, the reviewer. */
export function checkFacetCounts(data: DataFigures, counts: Record<string, Record<string, number>>): { checked: number; mismatches: string[] } {
  const mismatches: string[] = [];
  let checked = 0;
  const expect = (filter: string, value: string, n: number, source: string) => {
    checked++;
    const shown = counts[filter]?.[value] ?? 0;
    if (shown !== n) mismatches.push(`search filter ${filter} = ${JSON.stringify(value)} counts ${shown} reports; ${source} give ${n}`);
  };
  // Names written out by the site where they are not plain are left to the pages' own tests.
  const plain = (s: string) => /^[\x21-\x7e]+( [\x21-\x7e]+)*$/.test(s);
  for (const { name } of data.runBySlug.values()) {
    if (plain(name)) expect('run', name, data.labelOf.get(name)?.size ?? 0, `distinct reports of verdicts.csv rows with run=${name}`);
  }
  const tasks = new Set([...data.runBySlug.values()].map((r) => r.task).filter((t) => t !== 'zero-shot'));
  for (const task of tasks) {
    if (data.runsOfTask(task).length < 2) continue;
    const s = data.taskStanding(task);
    expect('agreement', `${task}: unanimous`, s.unanimous.length, `reports every ${task} run labelled alike in verdicts.csv`);
    expect('agreement', `${task}: contested`, s.contested.length, `reports with two or more labels among the ${task} runs in verdicts.csv`);
    expect('agreement', `${task}: one label, not every run`, s.oneLabelNotAll, `reports some but not all ${task} runs labelled, alike, in verdicts.csv`);
  }
  const reviewed = data.rows.filter((r) => r.halves === 'reviewed');
  expect('reviewer', 'changed by the reviewer', new Set(reviewed.map((r) => r.key)).size, 'distinct reports of verdicts.csv rows with halves=reviewed');
  for (const run of new Set(reviewed.map((r) => r.run))) {
    if (plain(run)) expect('reviewer', `changed in ${run}`, new Set(reviewed.filter((r) => r.run === run).map((r) => r.key)).size, `distinct reports of verdicts.csv rows with run=${run}, halves=reviewed`);
  }
  return { checked, mismatches };
}
