/**
 * Reads the results tree's git history: the one place that runs git for it. What git prints is
 * parsed by src/lib/history/gitLog.ts and replayed by src/lib/history/replay.ts.
 *
 * Where: `RESULTS_GIT` (a repository, bare or not, whose `results/` the tree is; `RESULTS_GIT_REV`
 * picks the commit, HEAD by default), else the git repository the tree sits in. None: no history,
 * and the site says so.
 *
 * Incremental: the parsed log is kept in `<cacheDir>/<head>-<prefix hash>.json`; a later build
 * whose head descends from a cached one asks git only for the commits since.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Finding, ResultsModel, Source } from '../model.ts';
import type { PathInfo } from '../parse/resultsPath.ts';
import { GIT_LOG_ARGS, parseGitLog, type LoggedCommit, type PathChange } from '../history/gitLog.ts';
import { replayHistory, type ReportResolver } from '../history/replay.ts';
import type { HistoryCommit, HistoryInput } from '../history/types.ts';

export interface HistoryOptions {
  /** The results folder (`…/results`) or the folder holding it. */
  readonly resultsDir?: string;
  /** `RESULTS_GIT`. */
  readonly gitDir?: string;
  /** `RESULTS_GIT_REV`. */
  readonly rev?: string;
  readonly cacheDir?: string;
  /** Do not look for a repository around the tree (the embedded sample: this project's repository is not its history). */
  readonly noEnclosingGit?: boolean;
}

export interface HistoryRead {
  readonly history: HistoryInput;
  /** How the log was had: from the cache alone, the cache plus new commits, or git in full. */
  readonly source: 'cache' | 'cache+git' | 'git' | 'none';
  readonly ms: number;
  /** Of `ms`, the replay (the rest is git or the cache). */
  readonly replayMs?: number;
}

function git(args: readonly string[], cwd?: string): string {
  return execFileSync('git', args, { encoding: 'utf8', maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'pipe'], ...(cwd ? { cwd } : {}) });
}

export function readHistory(model: ResultsModel, options: HistoryOptions): HistoryRead {
  const t0 = performance.now();
  const done = (history: HistoryInput, source: HistoryRead['source']): HistoryRead => ({ history, source, ms: Math.round(performance.now() - t0) });
  const findings: Finding[] = [];
  let repo: string[];
  let prefix = '';
  if (options.gitDir !== undefined && options.gitDir !== '') {
    if (!existsSync(options.gitDir)) {
      return done({ reason: `RESULTS_GIT ${options.gitDir} does not exist`, findings: [{ path: options.gitDir, severity: 'error', message: `RESULTS_GIT ${options.gitDir} does not exist; the site has no history` }] }, 'none');
    }
    repo = ['--git-dir', resolveGitDir(options.gitDir)];
  } else {
    if (options.resultsDir === undefined || options.noEnclosingGit) return done({ reason: 'the tree is not in a git repository', findings: [] }, 'none');
    const results = path.basename(options.resultsDir) === 'results' ? options.resultsDir : path.join(options.resultsDir, 'results');
    try {
      const top = git(['rev-parse', '--show-toplevel'], results).trim();
      prefix = path.relative(top, path.dirname(path.resolve(results))).split(path.sep).filter(Boolean).map((s) => `${s}/`).join('');
      repo = ['-C', top];
    } catch {
      return done({ reason: 'the tree is not in a git repository (set RESULTS_GIT to read one)', findings: [] }, 'none');
    }
  }
  const rev = options.rev !== undefined && options.rev !== '' ? options.rev : 'HEAD';
  let head: HistoryCommit;
  try {
    const [sha, parents, date, subject] = git([...repo, 'log', '-1', '--format=%H%x00%P%x00%cI%x00%s', rev, '--']).replace(/\n$/, '').split('\u0000');
    head = { sha: sha!, parents: parents!.split(' ').filter(Boolean), date: date!, subject: subject! };
  } catch (e) {
    const message = e instanceof Error ? e.message.split('\n')[0]! : String(e);
    return done({ reason: `git could not read ${rev}`, findings: [{ path: repo.at(-1)!, severity: 'error', message: `git history: ${rev} could not be read (${message}); the site has no history` }] }, 'none');
  }
  if (git([...repo, 'rev-parse', '--is-shallow-repository']).trim() === 'true') {
    findings.push({ path: repo.at(-1)!, severity: 'warning', message: 'git history: the repository is a shallow clone; the history starts at its oldest commit, and what came before is not shown' });
  }

  const cacheDir = options.cacheDir;
  const key = createHash('sha1').update(`${repo.at(-1)}\0${prefix}`).digest('hex').slice(0, 12);
  let commits: LoggedCommit[] | undefined;
  let source: HistoryRead['source'] = 'git';
  const cached = cacheDir !== undefined ? readCached(cacheDir, key, head.sha, (sha) => isAncestor(repo, sha, head.sha)) : undefined;
  const pathspec = `${prefix}results`;
  const logOf = (range: string): LoggedCommit[] => {
    const parsed = parseGitLog(git([...repo, ...GIT_LOG_ARGS, range, '--', pathspec]));
    for (const p of parsed.problems) findings.push({ path: pathspec, severity: 'warning', message: `git history: ${p}` });
    return parsed.commits.map((c) => (prefix === '' ? c : { ...c, changes: c.changes.map((ch) => ({ ...ch, path: ch.path.slice(prefix.length), ...(ch.fromPath !== undefined ? { fromPath: ch.fromPath.slice(prefix.length) } : {}) })) }));
  };
  if (cached?.head === head.sha) {
    commits = cached.commits;
    source = 'cache';
  } else if (cached) {
    commits = [...cached.commits, ...logOf(`${cached.head}..${head.sha}`)];
    source = 'cache+git';
  } else {
    commits = logOf(head.sha);
  }
  if (cacheDir !== undefined && source !== 'cache') writeCached(cacheDir, key, head.sha, commits);
  if (commits.length === 0) return done({ reason: `no commit of ${head.sha.slice(0, 8)}'s history touches ${pathspec}/`, findings }, source);
  const tLog = performance.now();
  const replayed = replayHistory(commits, reportResolver(model), head, findings);
  return { ...done(replayed, source), replayMs: Math.round(performance.now() - tLog) };
}

/** A `.git` folder, a bare repository, or a work tree holding `.git`. */
function resolveGitDir(dir: string): string {
  const dotGit = path.join(dir, '.git');
  return existsSync(dotGit) ? dotGit : dir;
}

function isAncestor(repo: readonly string[], older: string, newer: string): boolean {
  try {
    execFileSync('git', [...repo, 'merge-base', '--is-ancestor', older, newer], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

interface CacheFile {
  readonly head: string;
  readonly commits: LoggedCommit[];
}

/** On disk a change is an array (`[status+score, oldBlob, newBlob, path, fromPath?]`): half the bytes of objects, and parsed faster. */
type PackedChange = [string, string, string, string] | [string, string, string, string, string];
type PackedCommit = [string, string[], string, string, PackedChange[]];

function pack(commits: readonly LoggedCommit[]): PackedCommit[] {
  return commits.map((c) => [c.sha, [...c.parents], c.date, c.subject, c.changes.map((ch): PackedChange => {
    const head = `${ch.status}${ch.score ?? ''}`;
    return ch.fromPath !== undefined ? [head, ch.oldBlob, ch.newBlob, ch.path, ch.fromPath] : [head, ch.oldBlob, ch.newBlob, ch.path];
  })]);
}

function unpack(packed: readonly PackedCommit[]): LoggedCommit[] {
  return packed.map(([sha, parents, date, subject, changes]) => ({
    sha, parents, date, subject,
    changes: changes.map(([head, oldBlob, newBlob, p, fromPath]) => ({
      status: head[0] as PathChange['status'],
      ...(head.length > 1 ? { score: Number(head.slice(1)) } : {}),
      // Modes are not kept: the replay does not read them.
      oldMode: '', newMode: '', oldBlob, newBlob, path: p,
      ...(fromPath !== undefined ? { fromPath } : {}),
    })),
  }));
}

/** The cached log for `head`, or the newest cached one that is an ancestor of it. */
function readCached(dir: string, key: string, head: string, ancestor: (sha: string) => boolean): CacheFile | undefined {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith(`-${key}.json`));
  } catch {
    return undefined;
  }
  const exact = names.find((n) => n.startsWith(`${head}-`));
  const byAge = names.map((n) => ({ n, t: statSync(path.join(dir, n)).mtimeMs })).sort((a, b) => b.t - a.t).map((x) => x.n);
  for (const name of exact ? [exact] : byAge) {
    const sha = name.slice(0, 40);
    if (name !== exact && !ancestor(sha)) continue;
    try {
      const file = JSON.parse(readFileSync(path.join(dir, name), 'utf8')) as { head: string; commits: PackedCommit[] };
      if (file.head === sha && Array.isArray(file.commits)) return { head: sha, commits: unpack(file.commits) };
    } catch {
      // A damaged cache file is read again from git.
    }
  }
  return undefined;
}

function writeCached(dir: string, key: string, head: string, commits: readonly LoggedCommit[]): void {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${head}-${key}.json`);
  writeFileSync(`${file}.tmp-${process.pid}`, JSON.stringify({ head, commits: pack(commits) }));
  renameSync(`${file}.tmp-${process.pid}`, file);
}

const QEMU_SOURCES: readonly Source[] = ['gitlab', 'launchpad', 'mailinglist', 'gitlab-semantic'];

/** Which report a file is about, answered from today's model (paths it read, ids its verdicts name). */
export function reportResolver(model: ResultsModel): ReportResolver {
  const byPath = new Map<string, string>();
  const byId = new Map<string, string>();
  for (const report of model.reports.values()) {
    for (const p of report.provenance) byPath.set(p.path, report.key);
  }
  for (const verdicts of model.verdictsByReport.values()) {
    for (const v of verdicts) if (!byId.has(v.id)) byId.set(v.id, v.reportKey);
  }
  // Files today's reader keeps as something else than a report or verdict (raw files, page dumps in the tree).
  const raw = new Set([...model.raw.map((r) => r.path), ...model.unrecognized, ...model.dumps.map((d) => d.file)]);
  return {
    todayHas: (p: string) => raw.has(p) || byPath.has(p),
    reportOfFile(info: PathInfo, normalizedPath: string) {
      const known = byPath.get(normalizedPath);
      if (known !== undefined) return known;
      switch (info.kind) {
        case 'gitlab-toml':
        case 'gitlab-text':
          return `gitlab/${info.id}`;
        case 'gitlab-semantic':
          return `gitlab-semantic/${info.id}`;
        case 'launchpad':
        case 'launchpad-without-comments':
          return `launchpad/${info.id}`;
        case 'mailinglist':
          return `mailinglist/${info.id}`;
        case 'box64':
        case 'fex':
          return `${info.kind}/${info.id}`;
        default:
          return undefined;
      }
    },
    reportOfVerdict(_run: string, id: string) {
      const known = byId.get(id);
      if (known !== undefined) return known;
      for (const s of QEMU_SOURCES) if (model.reports.has(`${s}/${id}`)) return `${s}/${id}`;
      return `unknown/${id}`;
    },
  };
}
