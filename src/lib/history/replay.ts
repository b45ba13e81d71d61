/**
 * Replays parsed `git log --raw -M` commits (oldest first) into history events. Pure: the
 * report each file is about comes from a resolver the caller makes from today's model.
 *
 * A file's path decides what it is, with today's rules plus the older layouts (classify.ts).
 * Runs are followed through renames: when a commit renames a run's files into another run's
 * folder and leaves none behind, the old name is the same run (`deepseek-2` → `deepseek-r1:14b`),
 * so its history is one, not a death and a birth.
 */
import type { Finding } from '../model.ts';
import type { PathInfo } from '../parse/resultsPath.ts';
import { classifyHistoricalPath } from './classify.ts';
import type { LoggedCommit, PathChange } from './gitLog.ts';
import type { Half, HistoryCommit, HistoryEvent, HistoryModel, MoveKind, RunLife } from './types.ts';

export interface ReportResolver {
  /** A scraped report's file (today's layout) → its report key, `undefined` when it is no report file. */
  reportOfFile(info: PathInfo, normalizedPath: string): string | undefined;
  /** A run's file names a classified id → the report key (`unknown/<id>` when none has it). */
  reportOfVerdict(run: string, id: string): string;
  /** Whether today's tree has the path (as anything, raw files included): then it is no unknown layout. */
  todayHas?(path: string): boolean;
}

type RunFile = Extract<PathInfo, { kind: 'run-file' }>;
type Mutable = { -readonly [K in keyof HistoryEvent]: HistoryEvent[K] };

const REVIEW_FROM = 'manual-review';
const ZERO = /^0{40}$/;

/**
 * `head` is the commit the tree is: the newest commit read, which need not touch `results/`
 * (the corpus's `bf802a57` does not).
 */
export function replayHistory(
  commits: readonly LoggedCommit[],
  resolver: ReportResolver,
  head: HistoryCommit,
  earlierFindings: readonly Finding[] = [],
): HistoryModel {
  const findings: Finding[] = [...earlierFindings];
  const events: Mutable[] = [];
  /** Files of each run (by its name then), per half and label, for counts and for noticing a run's end. */
  const runFiles = new Map<string, Map<string, { half: Half; label: string; report: string }>>();
  /** name then → the name it was renamed to. */
  const renamedTo = new Map<string, string>();
  const lives = new Map<string, { names: string[]; arrived: string; changed: string[]; ended?: string; lastLabels?: Record<string, number>; reports?: string[] }>();
  const logged: HistoryCommit[] = [];

  for (const commit of commits) {
    logged.push({ sha: commit.sha, date: commit.date, subject: commit.subject, parents: commit.parents });
    if (commit.parents.length > 1) {
      findings.push({
        path: 'results/',
        severity: 'warning',
        message: `git history: ${commit.sha.slice(0, 8)} ("${commit.subject}") is a merge; it is read as one change against its first parent, and the merged branch's own commits are not listed`,
      });
    }
    const unseen: string[] = [];
    const runPairs = new Map<string, Map<string, number>>();
    const touched = new Set<string>();
    /** Files each run lost in this commit: when a run ends, they are its last files. */
    const dropped = new Map<string, { half: Half; label: string; report: string }[]>();
    const classify = (p: string) => {
      const h = classifyHistoricalPath(p);
      if (h.info.kind === 'unrecognized' && !resolver.todayHas?.(p)) unseen.push(p);
      return { info: h.info, path: h.normalized ?? p };
    };
    const addFile = (info: RunFile, path: string, report: string) => {
      let m = runFiles.get(info.run);
      if (!m) runFiles.set(info.run, (m = new Map()));
      m.set(path, { half: info.half, label: info.label, report });
      if (!lives.has(info.run)) lives.set(info.run, { names: [info.run], arrived: commit.sha, changed: [] });
      touched.add(info.run);
    };
    const dropFile = (info: RunFile, path: string) => {
      const files = runFiles.get(info.run);
      const file = files?.get(path);
      if (file) {
        files!.delete(path);
        let d = dropped.get(info.run);
        if (!d) dropped.set(info.run, (d = []));
        d.push(file);
      }
      touched.add(info.run);
    };
    const verdictEvent = (e: Omit<Mutable, 'commit'>) => {
      (e as Mutable).commit = commit.sha;
      events.push(e as Mutable);
    };

    const firstEvent = events.length;
    for (const change of commit.changes) {
      const after = change.status === 'D' ? undefined : classify(change.path);
      const beforePath = change.status === 'R' ? change.fromPath! : change.status === 'D' || change.status === 'M' || change.status === 'T' ? change.path : undefined;
      const prior = beforePath === undefined ? undefined : change.status === 'R' ? classify(beforePath) : after ?? classify(beforePath);
      const was = prior?.info.kind === 'run-file' ? prior.info : undefined;
      const now = after?.info.kind === 'run-file' ? after.info : undefined;

      if (change.status === 'R' && was && now && was.id === now.id) {
        const report = resolver.reportOfVerdict(now.run, now.id);
        dropFile(was, prior!.path);
        addFile(now, after!.path, report);
        if (was.run !== now.run) bump(runPairs, was.run, now.run);
        const move = moveKind(was, now);
        verdictEvent({
          // The name before the move: a run renamed here shows under its old name once more.
          kind: 'move', report, runThen: was.run, half: now.half, ...(was.half !== now.half ? { fromHalf: was.half } : {}),
          from: was.label, to: now.label, move, path: change.path, fromPath: change.fromPath!,
        });
        if (change.oldBlob !== change.newBlob) verdictEvent({ kind: 'text', report, runThen: now.run, half: now.half, from: now.label, to: now.label, path: change.path });
        continue;
      }
      if (change.status === 'M' || change.status === 'T') {
        if (now) {
          const report = resolver.reportOfVerdict(now.run, now.id);
          addFile(now, after!.path, report);
          verdictEvent({ kind: 'text', report, runThen: now.run, half: now.half, from: now.label, to: now.label, path: change.path });
        } else if (after) {
          const report = resolver.reportOfFile(after.info, after.path);
          if (report !== undefined) verdictEvent({ kind: 'text', report, path: change.path });
        }
        continue;
      }
      // A rename between a report file and a report file (a scraper folder moved).
      if (change.status === 'R' && !was && !now && prior && after) {
        const from = resolver.reportOfFile(prior.info, prior.path);
        const to = resolver.reportOfFile(after.info, after.path);
        if (from !== undefined && from === to) {
          verdictEvent({ kind: 'move', report: to, move: 'restructure', path: change.path, fromPath: change.fromPath! });
          if (change.oldBlob !== change.newBlob) verdictEvent({ kind: 'text', report: to, path: change.path });
          continue;
        }
      }
      // Otherwise: what was there is gone, and what is there now appeared (D, A, C, and renames across kinds).
      if (prior && change.status !== 'C' && !ZERO.test(change.oldBlob)) {
        if (was) {
          const report = resolver.reportOfVerdict(was.run, was.id);
          dropFile(was, prior.path);
          verdictEvent({ kind: 'disappear', report, runThen: was.run, half: was.half, from: was.label, path: beforePath! });
        } else {
          const report = resolver.reportOfFile(prior.info, prior.path);
          if (report !== undefined) verdictEvent({ kind: 'disappear', report, path: beforePath! });
        }
      }
      if (after) {
        if (now) {
          const report = resolver.reportOfVerdict(now.run, now.id);
          addFile(now, after.path, report);
          verdictEvent({ kind: 'appear', report, runThen: now.run, half: now.half, to: now.label, path: change.path });
        } else {
          const report = resolver.reportOfFile(after.info, after.path);
          if (report !== undefined) verdictEvent({ kind: 'appear', report, path: change.path });
        }
      }
    }

    // Runs renamed in this commit: every file moved to one other run, none left behind.
    for (const [from, targets] of runPairs) {
      if ((runFiles.get(from)?.size ?? 0) > 0) continue;
      const [to] = [...targets].sort((a, b) => b[1] - a[1]);
      if (!to) continue;
      renamedTo.set(from, to[0]);
      const old = lives.get(from)!;
      const next = lives.get(to[0])!;
      // The renamed-to run is the same run: it keeps the older arrival and every name.
      lives.set(to[0], { ...old, names: [...old.names, ...next.names.filter((n) => !old.names.includes(n))], changed: [...old.changed, commit.sha] });
      lives.delete(from);
      runFiles.delete(from);
    }
    pairMoves(events, firstEvent, (run) => renamedTo.get(run) ?? run);
    for (const run of touched) {
      const life = lives.get(run);
      if (!life) continue;
      if (life.arrived !== commit.sha && life.changed.at(-1) !== commit.sha) life.changed.push(commit.sha);
      if ((runFiles.get(run)?.size ?? 0) === 0 && !renamedTo.has(run)) {
        const last = dropped.get(run) ?? [];
        life.ended = commit.sha;
        life.lastLabels = labelCounts(last);
        life.reports = [...new Set(last.map((f) => f.report))].sort();
      } else if (life.ended !== undefined) {
        // Files came back under the same name: the run lives again.
        delete life.ended;
        delete life.lastLabels;
        delete life.reports;
      }
    }
    if (unseen.length > 0) {
      findings.push({
        path: unseen[0]!,
        severity: 'warning',
        message: `git history: ${commit.sha.slice(0, 8)} ("${commit.subject}") has ${unseen.length} path${unseen.length === 1 ? '' : 's'} in a layout the reader does not know (e.g. ${unseen.slice(0, 3).map((p) => JSON.stringify(p)).join(', ')}); ${unseen.length === 1 ? 'it is' : 'they are'} left out of the history`,
      });
    }
  }

  const lastName = (name: string): string => {
    let n = name;
    for (let guard = 0; renamedTo.has(n) && guard < 1000; guard++) n = renamedTo.get(n)!;
    return n;
  };
  for (const e of events) {
    if (e.runThen === undefined) continue;
    e.run = lastName(e.runThen);
    if (e.run === e.runThen) delete e.runThen;
  }
  const finalEvents: readonly HistoryEvent[] = events;
  const runs = new Map<string, RunLife>();
  for (const [name, life] of [...lives].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
    runs.set(name, Object.freeze({ name, ...life }));
  }
  return { head, commits: logged, events: finalEvents, runs, findings };
}

/**
 * Git pairs renames by content: files with the same bytes (two ids, one text) can be paired
 * crosswise, and then a verdict seems to go and another to come. Within one commit, a verdict that
 * went and one of the same run (or the run it was renamed to) and id that came are one move.
 */
function pairMoves(events: Mutable[], from: number, runAfter: (run: string) => string): void {
  const key = (e: Mutable, run: string) => `${run}\u0000${e.path.split('/').at(-1)}\u0000${e.report}`;
  const gone = new Map<string, number[]>();
  for (let i = from; i < events.length; i++) {
    const e = events[i]!;
    if (e.kind === 'disappear' && e.runThen !== undefined) push(gone, key(e, runAfter(e.runThen)), i);
  }
  if (gone.size === 0) return;
  const drop = new Set<number>();
  for (let i = from; i < events.length; i++) {
    const a = events[i]!;
    if (a.kind !== 'appear' || a.runThen === undefined) continue;
    const candidates = gone.get(key(a, a.runThen));
    if (!candidates?.length) continue;
    // The same half first (output with output), else any.
    const at = Math.max(0, candidates.findIndex((j) => events[j]!.half === a.half));
    const j = candidates.splice(at, 1)[0]!;
    const d = events[j]!;
    const move = moveKind({ label: d.from!, half: d.half! }, { label: a.to!, half: a.half! });
    events[j] = {
      commit: d.commit, kind: 'move', report: a.report, runThen: d.runThen!, half: a.half!, ...(d.half !== a.half ? { fromHalf: d.half! } : {}),
      from: d.from!, to: a.to!, move, path: a.path, fromPath: d.path,
    };
    drop.add(i);
  }
  if (drop.size === 0) return;
  const kept = events.slice(from).filter((_, k) => !drop.has(from + k));
  events.length = from;
  for (const e of kept) events.push(e);
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const l = m.get(k);
  if (l) l.push(v);
  else m.set(k, [v]);
}

function moveKind(was: Pick<RunFile, 'label' | 'half'>, now: Pick<RunFile, 'label' | 'half'>): MoveKind {
  if (was.label === now.label) return 'restructure';
  if (was.label === REVIEW_FROM && was.half === now.half && now.half !== 'output') return 'review';
  return 'relabel';
}

function bump(pairs: Map<string, Map<string, number>>, from: string, to: string): void {
  let m = pairs.get(from);
  if (!m) pairs.set(from, (m = new Map()));
  m.set(to, (m.get(to) ?? 0) + 1);
}

/** A run's label counts: the reasoning half where there is one (the label after review), else the rest. */
function labelCounts(all: readonly { half: Half; label: string }[]): Record<string, number> {
  const split = all.some((f) => f.half === 'reasoning');
  const counts: Record<string, number> = {};
  for (const f of all) if (!split || f.half === 'reasoning') counts[f.label] = (counts[f.label] ?? 0) + 1;
  return counts;
}
