/**
 * The history on the real corpus, held against the upstream history itself
 * (../shared/history/ as a bare clone): the test reads `git log -M --name-status` with its own
 * few lines of code (no replay, no classification rules of the site) and walks each of today's
 * files back through its renames, then compares with what the built pages' HTML says (DOM
 * queries, test/support/staticDom.ts) and with data/history.csv.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { CORPUS_COMMIT, historyGit, historyRenames } from '../../scripts/lib/history.ts';
import { corpusSite, type BuiltSite } from '../support/builtSite.ts';
import { HISTORY_FEED_PATH, HISTORY_PATH, reportPagePath, runPagePath } from '../../src/lib/paths.ts';
import { idSlug } from '../../src/lib/slug.ts';
import { all, one, readPage, text } from '../support/staticDom.ts';

interface Logged {
  readonly sha: string;
  /** name-status entries: [status, path] or [R…, from, to]. */
  readonly entries: readonly string[][];
}

let site: BuiltSite;
let log: Logged[];
let runs: string[];
let verdicts: Record<string, string>[];
let reports: Record<string, string>[];
let history: Record<string, string>[];
const csv = (rel: string) => parse(readFileSync(path.join(site.dist, rel), 'utf8'), { columns: true }) as Record<string, string>[];

beforeAll(async () => {
  site = corpusSite();
  // Newest first, every commit touching results/ with its renames (git's own rename detection).
  const raw = historyGit(['log', '-M', '--name-status', '-z', '--format=%x01%H', CORPUS_COMMIT, '--', 'results']);
  log = raw.split('\u0001').filter(Boolean).map((chunk) => {
    const [sha, ...fields] = chunk.split('\u0000').map((f) => f.replace(/^\n+/, ''));
    const entries: string[][] = [];
    for (let i = 0; i < fields.length; i++) {
      const status = fields[i]!;
      if (status === '') continue;
      if (/^[RC]/.test(status)) {
        entries.push([status, fields[i + 1]!, fields[i + 2]!]);
        i += 2;
      } else {
        entries.push([status, fields[i + 1]!]);
        i += 1;
      }
    }
    return { sha: sha!.trim(), entries };
  });
  verdicts = csv('data/verdicts.csv');
  reports = csv('data/reports.csv');
  history = csv('data/history.csv');
  runs = csv('data/runs.csv').map((r) => r.run!);
}, 900_000);

/** Per commit (newest first): the path after each change → the change. */
let byPath: Map<string, string[]>[] = [];

/** One file's story, newest first: walks back through renames until the file was added. */
function fileStory(today: string): { sha: string; status: string; from?: string; to: string }[] {
  if (byPath.length !== log.length) byPath = log.map((c) => new Map(c.entries.map((e) => [e.length === 3 ? e[2]! : e[1]!, e])));
  const out: { sha: string; status: string; from?: string; to: string }[] = [];
  let p = today;
  for (let i = 0; i < log.length; i++) {
    const e = byPath[i]!.get(p);
    if (!e) continue;
    const sha = log[i]!.sha;
    if (e[0]!.startsWith('R')) {
      out.push({ sha, status: 'R', from: e[1]!, to: p });
      p = e[1]!;
    } else if (e[0] === 'A' || e[0] === 'M' || e[0]!.startsWith('C')) {
      out.push({ sha, status: e[0]!.startsWith('C') ? 'A' : e[0]!, to: p });
      if (out.at(-1)!.status === 'A') break;
    }
  }
  return out;
}

const labelOf = (p: string) => p.split('/').at(-2)!;
const short = (sha: string) => sha.slice(0, 8);

/** What a report page's history says: `<commit>|<run or ''>|<what>` per change. */
function pageHistory(key: string): Set<string> {
  const [source, id] = [key.slice(0, key.indexOf('/')), key.slice(key.indexOf('/') + 1)];
  const doc = readPage(site.dist, reportPagePath(`${source}/${idSlug(id)}`));
  return new Set(all('#history ol.history-rows > li', doc).flatMap((row) => all('li[data-what]', row).map((c) => `${row.attribs['data-commit']}|${c.attribs['data-run'] ?? ''}|${c.attribs['data-what']}`)));
}

describe('history on the corpus, against the upstream bundle', () => {
  it('shows the 92 reviews as reviews on their reports, with the right commits and labels', () => {
    const reviews = historyRenames().filter((r) => /\/reasoning\/manual-review\/[^/]+$/.test(r.from) && labelOf(r.to) !== 'manual-review');
    expect(reviews).toHaveLength(92);
    const rows = history.filter((h) => h.kind === 'review');
    expect(rows.map((h) => `${h.commit} ${h.run} ${h.id} ${h.to}`).sort()).toEqual(
      reviews.map((r) => `${r.commit} ${r.to.split('/')[2]} ${r.to.split('/').at(-1)} ${labelOf(r.to)}`).sort(),
    );
    const wrong: string[] = [];
    for (const r of reviews) {
      const run = r.to.split('/')[2]!;
      const id = r.to.split('/').at(-1)!;
      const row = verdicts.find((v) => v.run === run && v.id === id)!;
      const key = `${row.source}/${row.id}`;
      const [source, rid] = [row.source!, row.id!];
      const doc = readPage(site.dist, reportPagePath(`${source}/${idSlug(rid)}`));
      const said = all(`#history li[data-commit="${short(r.commit)}"] li[data-what="reviewed"]`, doc)
        .filter((e) => e.attribs['data-run'] === run)
        .map((e) => text(e).replace(/\s+/g, ' '));
      if (!said.some((t) => t.includes(`manual-review → ${labelOf(r.to)}`))) wrong.push(`${key} ${run}: ${JSON.stringify(said)}`);
    }
    expect(wrong).toEqual([]);
  }, 600_000);

  it('gives each of today’s 33 runs the commit its first file arrived in (renames followed)', () => {
    expect(runs).toHaveLength(33);
    // The test's own reading: every file of the run today, walked back to its addition.
    const order = new Map(log.map((c, i) => [c.sha, i]));
    const expected = new Map<string, string>();
    for (const run of runs) {
      let oldest = -1;
      for (const v of verdicts.filter((x) => x.run === run)) {
        for (const p of JSON.parse(v.paths!) as string[]) {
          const added = fileStory(p).at(-1);
          if (added?.status === 'A') oldest = Math.max(oldest, order.get(added.sha)!);
        }
      }
      expected.set(run, short(log[oldest]!.sha));
    }
    // What the README of ../shared/history says, as a check on the check.
    expect(Object.fromEntries(['gemma3:12b', 'mode-deepseek-r1:32b', 'phi4:14b', 'qwen3:32b', 'no-thinking-deepseek-r1:32b', 'no-thinking-deepseek-r1:70b'].map((r) => [r, expected.get(r)]))).toEqual({
      'gemma3:12b': 'd0c85e36', 'mode-deepseek-r1:32b': '40bbb77d', 'phi4:14b': '61361f92', 'qwen3:32b': '61361f92', 'no-thinking-deepseek-r1:32b': '61361f92', 'no-thinking-deepseek-r1:70b': '1a3c4faf',
    });
    const said = new Map<string, string>();
    const slugOf = new Map(csv('data/runs.csv').map((r) => [r.run!, r.slug ?? '']));
    for (const run of runs) {
      const slug = slugOf.get(run)!;
      said.set(run, text(one('#history p a code', readPage(site.dist, runPagePath(slug || run)))));
    }
    expect(Object.fromEntries(said)).toEqual(Object.fromEntries(expected));
  }, 600_000);

  it('a restructure commit changes no verdict: dee4dcba moves 30,000 files, and no run’s label of any report changes', () => {
    const dee = log.find((c) => c.sha.startsWith('dee4dcba'))!;
    const moves = dee.entries.filter((e) => e[0]!.startsWith('R') && e[1]!.startsWith('results/classifier/') && e[2]!.startsWith('results/classifier/'));
    expect(moves.length).toBeGreaterThan(30_000);
    // The test's own reading: every verdict file of the tree before and after (git ls-tree), by run
    // (the names the README of ../shared/history gives), half and id → its label folder.
    const verdictLabels = (rev: string) => {
      const out = new Map<string, string>();
      for (const p of historyGit(['ls-tree', '-r', '--name-only', rev, '--', 'results/classifier']).split('\n')) {
        const s = p.split('/').slice(2);
        let run: string;
        let rest: string[];
        if (/^\d{3}$/.test(s[0] ?? '')) [run, rest] = [`zero-shot/${s[0]}`, s.slice(1)];
        else if (s[0] === 'zero-shot') [run, rest] = [`zero-shot/${s[1]}`, s.slice(2)];
        else [run, rest] = [s[0] === 'deepseek-2' ? 'deepseek-r1:14b' : s[0]!, s.slice(1)];
        if (/^(semantic-bugs|user-mode-bugs|semantic-bugs-usermode)$/.test(run)) continue;
        if (rest.length === 3 && (rest[0] === 'output' || rest[0] === 'reasoning')) out.set(`${run} ${rest[0]} ${rest[2]}`, rest[1]!);
        else if (rest.length === 2) out.set(`${run} flat ${rest[1]}`, rest[0]!);
      }
      return out;
    };
    const before = verdictLabels(`${dee.sha}^`);
    const after = verdictLabels(dee.sha);
    const both = [...after.keys()].filter((k) => before.has(k));
    expect(both.length).toBeGreaterThan(30_000);
    expect(both.filter((k) => before.get(k) !== after.get(k))).toEqual([]);
    const rows = history.filter((h) => h.commit === dee.sha);
    expect(rows.filter((h) => h.kind === 'review' || h.kind === 'relabel')).toEqual([]);
    const restructures = rows.filter((h) => h.kind === 'restructure');
    expect(restructures.filter((h) => h.from !== h.to)).toEqual([]);
    // Every rename of a verdict file the test sees is one restructure row (files of no run layout aside).
    expect(restructures.filter((h) => h.run !== '').length).toBeGreaterThan(30_000);
    // What went and what came are the files only one of the two trees has (deepseek-1 went).
    expect(rows.filter((h) => h.kind === 'disappear' && h.run !== '').length).toBe([...before.keys()].filter((k) => !after.has(k)).length);
    expect(rows.filter((h) => h.kind === 'appear' && h.run !== '').length).toBe([...after.keys()].filter((k) => !before.has(k)).length);
  });

  it('for 20 reports chosen at random (fixed seed), the page’s history is the test’s own reading of git log', () => {
    let seed = 20_250_708;
    const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31);
    const keys = reports.map((r) => `${r.source}/${r.id}`).sort();
    const chosen = new Set<string>();
    while (chosen.size < 20) chosen.add(keys[next() % keys.length]!);
    const ended = new Set(history.map((h) => h.run).filter((r) => r !== '' && !runs.includes(r!)));
    const mismatches: string[] = [];
    for (const key of chosen) {
      const expected = new Set<string>();
      const report = reports.find((r) => `${r.source}/${r.id}` === key)!;
      const files: { path: string; run: string }[] = (JSON.parse(report.paths!) as string[]).map((p) => ({ path: p, run: '' }));
      for (const v of verdicts.filter((x) => `${x.source}/${x.id}` === key)) for (const p of JSON.parse(v.paths!) as string[]) files.push({ path: p, run: v.run! });
      for (const f of files) {
        for (const s of fileStory(f.path)) {
          // Only what happened inside results/ (a file copied in from elsewhere arrives there).
          const what = s.status === 'A' ? 'arrived' : s.status === 'M' ? 'text'
            : !s.from!.startsWith('results/') ? 'arrived'
            : f.run === '' ? 'moved'
            : labelOf(s.from!) === labelOf(s.to) ? 'moved' : labelOf(s.from!) === 'manual-review' ? 'reviewed' : 'relabelled';
          expected.add(`${short(s.sha)}|${f.run}|${what}`);
        }
      }
      const said = [...pageHistory(key)].filter((x) => !ended.has(x.split('|')[1]!));
      const a = [...expected].sort();
      const b = said.sort();
      if (JSON.stringify(a) !== JSON.stringify(b)) mismatches.push(`${key}\n  git:  ${a.join(' ')}\n  page: ${b.join(' ')}`);
    }
    expect(mismatches).toEqual([]);
  }, 600_000);

  it('pages for runs that ended, the log newest first, a valid feed, the tree commit on every page', () => {
    const doc = readPage(site.dist, HISTORY_PATH);
    const first = all('ol.history-log > li > a code', doc).map(text);
    expect(first[0]).toBe(short(log[0]!.sha));
    expect(first).toEqual(log.map((c) => short(c.sha)));
    expect(text(one('#tree-stamp code', doc))).toBe(short(CORPUS_COMMIT));
    expect(all('#ended ~ ul a', doc).map(text)).toContain('deepseek-1');
    const feed = readFileSync(path.join(site.dist, HISTORY_FEED_PATH), 'utf8');
    expect(XMLValidator.validate(feed)).toBe(true);
    const parsed = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === 'entry' }).parse(feed) as { feed: { '@_xmlns': string; entry: unknown[] } };
    expect({ ns: parsed.feed['@_xmlns'], entries: parsed.feed.entry.length }).toEqual({ ns: 'http://www.w3.org/2005/Atom', entries: log.length });
  });
});
