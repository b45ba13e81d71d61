/**
 * "Nothing lost": for every input file, the text it contributed appears on the page that claims
 * it. Page text is the HTML with tags, line-number links and collapsed-gap notes removed and
 * entities decoded; both sides are compared with whitespace normalised and control characters
 * shown the way the site shows them.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { filesBelow } from '../../src/lib/files.ts';
import { reportPagePath, safeId } from '../../src/lib/paths.ts';
import { normalizeWs, visibleLine } from '../../src/lib/content/text.ts';
import type { ResultsModel, Score } from '../../src/lib/model.ts';

export interface Loss {
  readonly path: string;
  readonly page: string;
  readonly what: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}

export const normalize = normalizeWs;

/** What a reader sees of a page, as one whitespace-normalised string. */
export function pageText(html: string): string {
  const body = html
    .replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, ' ')
    // A line's number (text for text browsers, src/components/LineRows.astro) is not the file's text.
    .replace(/<a class="ln"[^>]*>(?:<span class="n">[^<]*<\/span>|[^<])*<\/a>/g, '')
    .replace(/<em>… lines [^<]*<\/em>/g, ' ')
    // The fold of a long text says which lines it holds (src/components/Lines.astro).
    .replace(/<summary[^>]*>Show lines [^<]*<\/summary>/g, ' ')
    .replace(/<[^>]+>/g, ' ');
  return normalize(decodeEntities(body));
}

/** The text as the site displays it (control characters made visible, CRLF ends dropped). */
export function displayed(text: string): string {
  return normalize(text.split('\n').map((l) => visibleLine(l.replace(/\r$/, ''))).join('\n'));
}

class PageReader {
  private readonly cache = new Map<string, string | null>();
  constructor(private readonly dist: string) {}
  text(rel: string): string | null {
    if (!this.cache.has(rel)) {
      const file = path.join(this.dist, rel);
      this.cache.set(rel, existsSync(file) ? pageText(readFileSync(file, 'utf8')) : null);
      if (this.cache.size > 64) this.cache.delete(this.cache.keys().next().value!);
    }
    return this.cache.get(rel)!;
  }
}

function reportPage(key: string): string {
  const i = key.indexOf('/');
  return `${reportPagePath(`${key.slice(0, i)}/${safeId(key.slice(i + 1))}`)}index.html`;
}

function scoreTexts(groups: readonly (readonly Score[])[]): string[] {
  return groups.flat().map((s) => normalize(`${s.label} ${s.score}`));
}

/** Every place a page fails to show what its input files hold. */
export function findLosses(model: ResultsModel, dist: string): Loss[] {
  const pages = new PageReader(dist);
  const losses: Loss[] = [];
  const expect = (inputPath: string, page: string, what: string, needle: string) => {
    if (needle.length === 0) return;
    const text = pages.text(page);
    if (text === null) losses.push({ path: inputPath, page, what: `${what}: page missing` });
    else if (!text.includes(needle)) losses.push({ path: inputPath, page, what });
  };

  for (const report of model.reports.values()) {
    const page = reportPage(report.key);
    const where = report.provenance[0]?.path ?? report.key;
    expect(where, page, 'title', displayed(report.title));
    if (report.text !== undefined) expect(where, page, 'report text', displayed(report.text));
    if (report.textWithoutComments !== undefined) expect(where, page, 'text without comments', displayed(report.textWithoutComments));
    if (report.gitlab) {
      for (const label of report.gitlab.labels) expect(where, page, `GitLab label ${label}`, normalize(label));
      if (report.gitlab.url) expect(where, page, 'GitLab url', report.gitlab.url);
    }
  }
  for (const [key, verdicts] of model.verdictsByReport) {
    const page = reportPage(key);
    for (const v of verdicts) {
      const where = v.files[0]!.provenance.path;
      expect(where, page, `${v.run}: label`, normalize(v.label));
      if (v.firstFiled) expect(where, page, `${v.run}: label as first filed`, normalize(v.firstFiled));
      if (v.text !== undefined) expect(where, page, `${v.run}: classified text`, displayed(v.text));
      for (const s of scoreTexts(v.scores ?? [])) expect(where, page, `${v.run}: score ${s}`, s);
      if (v.reasoning?.thinking) expect(where, page, `${v.run}: thinking`, displayed(v.reasoning.thinking));
      if (v.reasoning?.answer) expect(where, page, `${v.run}: answer`, displayed(v.reasoning.answer));
    }
  }
  for (const set of model.curatedSets) {
    for (const m of set.members) {
      const page = reportPage(m.reportKey);
      expect(m.provenance.path, page, `${set.name} copy`, displayed(m.text));
      for (const s of scoreTexts(m.scores ?? [])) expect(m.provenance.path, page, `${set.name} score ${s}`, s);
    }
  }
  for (const run of model.runs.values()) {
    const page = `runs/${encodeURIComponent(run.slug)}/index.html`;
    for (const table of [run.categoriesCsv, run.analysisCsv]) {
      if (!table) continue;
      expect(table.provenance.path, page, 'table file named', table.provenance.path);
      for (const row of table.rows) expect(table.provenance.path, page, `row ${row.category}`, normalize(`${row.category} ${row.count}`));
    }
    if (run.readme) expect(run.readme.provenance.path, page, 'README intent', normalize(run.zeroShot?.intent ?? ''));
    for (const list of run.changeLists) {
      const dir = path.join(dist, 'changes', encodeURIComponent(run.slug), `${list.from}-${list.to}`);
      const listPages = filesBelow(dir).filter((f) => f.endsWith('.html')).map((f) => path.relative(dist, path.join(dir, f)));
      // One table row per change: report (key or id), title, from, to.
      const rows = listPages.flatMap((p) => readFileSync(path.join(dist, p), 'utf8').split('<tr').map((row) => pageText(`<tr${row.split('</tr>')[0]}`)));
      if (listPages.length === 0) losses.push({ path: list.provenance.path, page: path.relative(dist, dir), what: 'change list pages missing' });
      for (const c of list.changes) {
        const id = normalize(c.id);
        const move = normalize(`${c.from} ${c.to}`);
        if (!rows.some((r) => (r.startsWith(`${id} `) || r.includes(`/${id} `)) && r.endsWith(move))) {
          losses.push({ path: list.provenance.path, page: path.relative(dist, dir), what: `change ${c.id}: ${c.from} -> ${c.to}` });
        }
      }
    }
  }
  for (const raw of model.raw) {
    const found = filesBelow(path.join(dist, 'raw')).some((f) => readFileSync(path.join(dist, 'raw', f), 'utf8') === raw.text);
    if (!found) losses.push({ path: raw.path, page: 'raw/', what: 'raw file not published' });
  }
  const buildReport = 'build-report/index.html';
  for (const d of model.dumps) {
    expect(d.file, buildReport, 'dump listed', normalize(d.file));
    if (d.status === 'unplaced') expect(d.file, buildReport, 'unplaced dump text', displayed(d.text).slice(0, 2000));
  }
  return losses;
}
