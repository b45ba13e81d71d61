/**
 * The history's content: what every page says it shows (tree.json), each report's compact
 * history, the log (`/history/`) with each commit's effect in numbers, commit pages, and the
 * runs that ended. Pure: model and history in, JSON shapes out.
 */
import type { ResultsModel } from '../model.ts';
import { hasHistory, type HistoryEvent, type HistoryInput, type HistoryModel, type RunLife } from '../history/types.ts';
import { commitPagePath, endedRunPath, reportPagePath, reportPathStem, runPagePath } from '../paths.ts';
import { runSlug } from '../slug.ts';
import { compare } from '../order.ts';
import { readableTimestamp } from './dates.ts';
import type {
  HistoryChangeRow,
  HistoryCommitPage,
  HistoryIndexData,
  HistoryLogEntry,
  ReportChangeData,
  ReportHistoryRow,
  RunHistoryData,
  TreeStamp,
} from './types.ts';

/** Changes on one commit page: a row is ~340 bytes, so 750 keep a page under the 300 KB page budget. */
export const COMMIT_PAGE_SIZE = 750;

export function treeStamp(history: HistoryInput | undefined, built: string): TreeStamp {
  if (!hasHistory(history)) return { noHistory: history?.reason ?? 'the tree was not read from git', built };
  const h = history.head;
  return { commit: h.sha, short: shortIds(history).get(h.sha)!, date: readableTimestamp(h.date), subject: h.subject, built };
}

/** Short ids: 8 hex digits, more where two commits would share them. */
const shortCache = new WeakMap<HistoryModel, Map<string, string>>();
export function shortIds(history: HistoryModel): Map<string, string> {
  const known = shortCache.get(history);
  if (known) return known;
  const shas = [...new Set([...history.commits.map((c) => c.sha), history.head.sha])];
  const out = new Map<string, string>();
  for (const sha of shas) {
    let n = 8;
    while (n < 40 && shas.some((o) => o !== sha && o.startsWith(sha.slice(0, n)))) n++;
    out.set(sha, sha.slice(0, n));
  }
  shortCache.set(history, out);
  return out;
}

export interface HistoryContext {
  readonly history: HistoryModel;
  readonly short: ReadonlyMap<string, string>;
  readonly commit: ReadonlyMap<string, HistoryModel['commits'][number]>;
  readonly byReport: ReadonlyMap<string, readonly HistoryEvent[]>;
  readonly byCommit: ReadonlyMap<string, readonly HistoryEvent[]>;
  /** Where a run's name leads: today's run page, or its page among the ended runs. */
  readonly runHref: (run: string) => string | undefined;
  readonly reportHref: (key: string) => string | undefined;
}

export function historyContext(model: ResultsModel, history: HistoryModel): HistoryContext {
  const byReport = new Map<string, HistoryEvent[]>();
  const byCommit = new Map<string, HistoryEvent[]>();
  for (const e of history.events) {
    push(byReport, e.report, e);
    push(byCommit, e.commit, e);
  }
  return {
    history,
    short: shortIds(history),
    commit: new Map(history.commits.map((c) => [c.sha, c])),
    byReport,
    byCommit,
    runHref: (run) => {
      const today = model.runs.get(run);
      if (today) return runPagePath(today.slug);
      return history.runs.get(run)?.ended !== undefined ? endedRunPath(runSlug(run)) : undefined;
    },
    reportHref: (key) => {
      const r = model.reports.get(key);
      return r ? reportPagePath(reportPathStem(r)) : undefined;
    },
  };
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const l = m.get(k);
  if (l) l.push(v);
  else m.set(k, [v]);
}

const WHAT: Record<string, ReportChangeData['what']> = { appear: 'arrived', disappear: 'gone', text: 'text' };

/**
 * A report's history, oldest first: per commit, per run (or the report's own files), what
 * changed. A split run's two halves are one line; its label is the reasoning half's (the label
 * after review) where that half changed.
 */
export function reportHistory(ctx: HistoryContext, key: string): ReportHistoryRow[] {
  const events = ctx.byReport.get(key) ?? [];
  const rows: ReportHistoryRow[] = [];
  const byCommit = new Map<string, HistoryEvent[]>();
  for (const e of events) push(byCommit, e.commit, e);
  for (const [sha, list] of byCommit) {
    const c = ctx.commit.get(sha)!;
    const groups = new Map<string, HistoryEvent[]>();
    for (const e of list) push(groups, `${e.run ?? ''}\u0000${e.kind}\u0000${e.move ?? ''}`, e);
    const changes: ReportChangeData[] = [];
    for (const group of groups.values()) {
      const first = group.find((e) => e.half === 'reasoning') ?? group[0]!;
      const what = first.kind === 'move' ? (first.move === 'review' ? 'reviewed' : first.move === 'relabel' ? 'relabelled' : 'moved') : WHAT[first.kind]!;
      const halves = [...new Set(group.map((e) => e.half).filter((h) => h !== undefined))].sort().join('+');
      const change: { -readonly [K in keyof ReportChangeData]: ReportChangeData[K] } = { what, halves };
      if (first.run !== undefined) {
        change.run = first.run;
        const href = ctx.runHref(first.run);
        if (href !== undefined) change.runHref = href;
        if (first.runThen !== undefined) change.runThen = first.runThen;
      }
      if (first.from !== undefined && what !== 'arrived' && what !== 'text') change.from = first.from;
      if (first.to !== undefined && what !== 'gone') change.to = first.to;
      if (what === 'text' && first.to !== undefined) change.to = first.to;
      changes.push(change);
    }
    rows.push({ commit: sha, short: ctx.short.get(sha)!, date: readableTimestamp(c.date), subject: c.subject, href: commitPagePath(ctx.short.get(sha)!), changes });
  }
  return rows;
}

const fmt = (n: number) => n.toLocaleString('en-US');

/** A commit's effect in numbers, one line per kind of effect. */
export function commitEffects(ctx: HistoryContext, sha: string): string[] {
  const events = ctx.byCommit.get(sha) ?? [];
  const lines: string[] = [];
  const verdicts = (kind: string, move?: string) => {
    const perRun = new Map<string, Set<string>>();
    for (const e of events) {
      if (e.run === undefined || e.kind !== kind || (move !== undefined && e.move !== move)) continue;
      const s = perRun.get(e.run) ?? new Set<string>();
      s.add(e.report);
      perRun.set(e.run, s);
    }
    return [...perRun].sort((a, b) => compare(a[0], b[0]));
  };
  for (const [run, reports] of verdicts('appear')) lines.push(`+${fmt(reports.size)} verdict${reports.size === 1 ? '' : 's'}: ${run}`);
  for (const kind of ['review', 'relabel'] as const) {
    for (const [run] of verdicts('move', kind)) {
      const moves = events.filter((e) => e.run === run && e.kind === 'move' && e.move === kind && e.half !== 'output');
      const pairs = new Map<string, Map<string, number>>();
      for (const e of moves) {
        const m = pairs.get(e.from!) ?? new Map<string, number>();
        m.set(e.to!, (m.get(e.to!) ?? 0) + 1);
        pairs.set(e.from!, m);
      }
      const detail = [...pairs]
        .sort((a, b) => compare(a[0], b[0]))
        .map(([from, tos]) => `${from} → ${[...tos].sort((a, b) => compare(a[0], b[0])).map(([to, n]) => `${to} ${fmt(n)}`).join(', ')}`)
        .join('; ');
      lines.push(`${fmt(moves.length)} verdict${moves.length === 1 ? '' : 's'} ${kind === 'review' ? 'reviewed' : 'relabelled'} (${run}): ${detail}`);
    }
  }
  for (const [run, reports] of verdicts('disappear')) {
    const ended = ctx.history.runs.get(run)?.ended === sha;
    lines.push(`−${fmt(reports.size)} verdict${reports.size === 1 ? '' : 's'}: ${run}${ended ? ' (the run was removed)' : ''}`);
  }
  const renamed = new Map<string, string>();
  for (const e of events) if (e.kind === 'move' && e.runThen !== undefined && e.run !== undefined) renamed.set(e.runThen, e.run);
  for (const [from, to] of renamed) lines.push(`run renamed: ${from} → ${to}`);
  const restructured = events.filter((e) => e.kind === 'move' && e.move === 'restructure').length;
  const changedVerdicts = events.some((e) => e.run !== undefined && (e.kind !== 'move' || e.move !== 'restructure') && e.kind !== 'text');
  if (restructured > 0) lines.push(`${fmt(restructured)} file${restructured === 1 ? '' : 's'} moved, ${changedVerdicts ? 'no label changed by the moves' : 'no verdict changed'}`);
  const reportCount = (kind: string) => new Set(events.filter((e) => e.run === undefined && e.kind === kind).map((e) => e.report)).size;
  const added = reportCount('appear');
  if (added > 0) {
    const bySource = new Map<string, number>();
    for (const k of new Set(events.filter((e) => e.run === undefined && e.kind === 'appear').map((e) => e.report))) {
      const s = k.slice(0, k.indexOf('/'));
      bySource.set(s, (bySource.get(s) ?? 0) + 1);
    }
    lines.push(`+${fmt(added)} report${added === 1 ? '' : 's'}: ${[...bySource].sort((a, b) => compare(a[0], b[0])).map(([s, n]) => `${s} ${fmt(n)}`).join(', ')}`);
  }
  const texts = reportCount('text');
  if (texts > 0) lines.push(`${fmt(texts)} report text${texts === 1 ? '' : 's'} changed`);
  const gone = reportCount('disappear');
  if (gone > 0) lines.push(`−${fmt(gone)} report${gone === 1 ? '' : 's'}`);
  const verdictTexts = events.filter((e) => e.run !== undefined && e.kind === 'text').length;
  if (verdictTexts > 0) lines.push(`${fmt(verdictTexts)} verdict file${verdictTexts === 1 ? '' : 's'} edited`);
  if (lines.length === 0) lines.push('no report or verdict changed (other files of the tree only)');
  return lines;
}

function changeRow(ctx: HistoryContext, e: HistoryEvent): HistoryChangeRow {
  const kind = e.kind === 'move' ? (e.move === 'review' ? 'reviewed' : e.move === 'relabel' ? 'relabelled' : 'moved') : WHAT[e.kind]!;
  const href = ctx.reportHref(e.report);
  return {
    kind,
    report: e.report,
    ...(href !== undefined ? { reportHref: href } : {}),
    ...(e.run !== undefined ? { run: e.run } : {}),
    ...(e.runThen !== undefined ? { runThen: e.runThen } : {}),
    ...(e.half !== undefined ? { half: e.half } : {}),
    ...(e.from !== undefined ? { from: e.from } : {}),
    ...(e.to !== undefined ? { to: e.to } : {}),
    path: e.path,
    ...(e.fromPath !== undefined ? { fromPath: e.fromPath } : {}),
  };
}

export interface HistoryFiles {
  readonly index: HistoryIndexData;
  /** `history/commits/<short>/<page>.json` → page. */
  readonly commitPages: ReadonlyMap<string, HistoryCommitPage>;
  /** Ended runs, by slug. */
  readonly endedRuns: ReadonlyMap<string, RunHistoryData>;
}

export function historyFiles(ctx: HistoryContext): HistoryFiles {
  const { history, short } = ctx;
  const entries: HistoryLogEntry[] = [];
  const commitPages = new Map<string, HistoryCommitPage>();
  for (const c of [...history.commits].reverse()) {
    const events = ctx.byCommit.get(c.sha) ?? [];
    const pages = Math.max(1, Math.ceil(events.length / COMMIT_PAGE_SIZE));
    const s = short.get(c.sha)!;
    const entry: HistoryLogEntry = { commit: c.sha, short: s, date: readableTimestamp(c.date), iso: c.date, subject: c.subject, href: commitPagePath(s), effects: commitEffects(ctx, c.sha), changes: events.length, pages };
    entries.push(entry);
    for (let p = 1; p <= pages; p++) {
      commitPages.set(`history/commits/${s}/${p}.json`, {
        entry,
        page: p,
        rows: events.slice((p - 1) * COMMIT_PAGE_SIZE, p * COMMIT_PAGE_SIZE).map((e) => changeRow(ctx, e)),
        ...(p > 1 ? { previous: commitPagePath(s, p - 1) } : {}),
        ...(p < pages ? { next: commitPagePath(s, p + 1) } : {}),
      });
    }
  }
  const endedRuns = new Map<string, RunHistoryData>();
  for (const life of history.runs.values()) {
    if (life.ended === undefined) continue;
    endedRuns.set(runSlug(life.name), runHistory(ctx, life));
  }
  const h = history.head;
  return {
    index: {
      head: { commit: h.sha, short: short.get(h.sha)!, date: readableTimestamp(h.date), iso: h.date, subject: h.subject },
      log: entries,
      ended: [...endedRuns.values()].map((r) => ({ name: r.name, slug: r.slug, href: endedRunPath(r.slug), arrived: r.arrived.date, ended: r.ended!.date })),
    },
    commitPages,
    endedRuns,
  };
}

export function runHistory(ctx: HistoryContext, life: RunLife): RunHistoryData {
  const at = (sha: string) => {
    const c = ctx.commit.get(sha)!;
    const s = ctx.short.get(sha)!;
    return { commit: sha, short: s, date: readableTimestamp(c.date), subject: c.subject, href: commitPagePath(s) };
  };
  const slug = runSlug(life.name);
  return {
    name: life.name,
    slug,
    names: life.names,
    arrived: at(life.arrived),
    changed: life.changed.map((sha) => ({ ...at(sha), what: (ctx.byCommit.get(sha) ?? []).length > 0 ? commitEffects({ ...ctx, byCommit: new Map([[sha, (ctx.byCommit.get(sha) ?? []).filter((e) => e.run === life.name)]]) }, sha).join('; ') : '' })),
    ...(life.ended !== undefined ? { ended: at(life.ended) } : {}),
    ...(life.lastLabels !== undefined ? { lastLabels: Object.entries(life.lastLabels).sort((a, b) => b[1] - a[1] || compare(a[0], b[0])).map(([label, count]) => ({ label, count })) } : {}),
    ...(life.reports !== undefined ? { reports: life.reports.map((key) => ({ key, ...(ctx.reportHref(key) !== undefined ? { href: ctx.reportHref(key)! } : {}) })) } : {}),
  };
}
