/**
 * Where a file sits in a results tree decides what it is. This maps a tree path
 * (`results/...`, `/`-separated) to the layout it belongs to, without reading it.
 */

export type PathInfo =
  | { kind: 'gitlab-toml'; id: string; target: string; host: string; accel: string }
  | { kind: 'gitlab-text'; id: string; target: string; host: string; accel: string }
  | { kind: 'gitlab-semantic'; id: string }
  | { kind: 'launchpad'; id: string }
  | { kind: 'launchpad-without-comments'; id: string }
  | { kind: 'mailinglist'; id: string }
  | { kind: 'box64' | 'fex'; id: string; section?: string }
  | { kind: 'run-file'; run: string; half: 'output' | 'reasoning' | 'flat'; label: string; id: string }
  | { kind: 'run-categories' | 'run-analysis' | 'run-readme'; run: string }
  | { kind: 'change-list'; run: string; from: string; to: string }
  | { kind: 'curated'; set: string; id: string }
  | { kind: 'unrecognized' };

export type Layout = PathInfo['kind'];

/** Folder names of the hand-curated sets; they are not runs. */
export const CURATED_SETS = ['semantic-bugs', 'user-mode-bugs'] as const;

const ITERATION = /^\d{3}$/;
const CHANGE_LIST = /^(\d{3})-(\d{3})$/;
// `_` is the rule; the real tree also has `host:32bit`, so `:` is read the same way.
const TARGET = /^target[_:](.+)$/;
const HOST = /^host[_:](.+)$/;
const ACCEL = /^accel[_:](.+)$/;
const UNRECOGNIZED: PathInfo = { kind: 'unrecognized' };

export function classifyResultsPath(treePath: string): PathInfo {
  const parts = treePath.split('/');
  if (parts[0] !== 'results' || parts.some((p) => p.length === 0)) return UNRECOGNIZED;
  const [, top, ...rest] = parts;
  if (top === 'scraper') return classifyScraper(rest);
  if (top === 'classifier') return classifyClassifier(rest);
  return UNRECOGNIZED;
}

function classifyScraper(rest: string[]): PathInfo {
  const [source, ...tail] = rest;
  switch (source) {
    case 'gitlab':
      return classifyGitlab(tail);
    case 'launchpad':
      return tail.length === 1 ? { kind: 'launchpad', id: tail[0]! } : UNRECOGNIZED;
    case 'launchpad-without-comments':
      return tail.length === 1 ? { kind: 'launchpad-without-comments', id: tail[0]! } : UNRECOGNIZED;
    case 'mailinglist':
      return tail.length === 1 ? { kind: 'mailinglist', id: tail[0]! } : UNRECOGNIZED;
    case 'box64':
    case 'fex':
      if (tail.length === 1) return { kind: source, id: tail[0]! };
      if (tail.length === 2) return { kind: source, id: tail[1]!, section: tail[0]! };
      return UNRECOGNIZED;
    default:
      return UNRECOGNIZED;
  }
}

function classifyGitlab(tail: string[]): PathInfo {
  const [kind, ...rest] = tail;
  if (kind === 'semantic_issues' && rest.length === 1) return { kind: 'gitlab-semantic', id: rest[0]! };
  if ((kind !== 'issues_toml' && kind !== 'issues_text') || rest.length !== 4) return UNRECOGNIZED;
  const target = TARGET.exec(rest[0]!)?.[1];
  const host = HOST.exec(rest[1]!)?.[1];
  const accel = ACCEL.exec(rest[2]!)?.[1];
  if (target === undefined || host === undefined || accel === undefined) return UNRECOGNIZED;
  const file = rest[3]!;
  if (kind === 'issues_toml') {
    if (!file.endsWith('.toml')) return UNRECOGNIZED;
    return { kind: 'gitlab-toml', id: file.slice(0, -'.toml'.length), target, host, accel };
  }
  return { kind: 'gitlab-text', id: file, target, host, accel };
}

function classifyClassifier(rest: string[]): PathInfo {
  const [folder, ...tail] = rest;
  if (folder === undefined) return UNRECOGNIZED;
  if ((CURATED_SETS as readonly string[]).includes(folder)) {
    return tail.length === 1 ? { kind: 'curated', set: folder, id: tail[0]! } : UNRECOGNIZED;
  }
  if (folder === 'zero-shot') {
    const [iteration, ...inner] = tail;
    if (iteration === undefined || !ITERATION.test(iteration)) return UNRECOGNIZED;
    return classifyRunFolder(`zero-shot/${iteration}`, inner, true);
  }
  return classifyRunFolder(folder, tail, false);
}

function classifyRunFolder(run: string, inner: string[], isZeroShot: boolean): PathInfo {
  if (inner.length === 1) {
    const file = inner[0]!;
    if (file === 'categories.csv') return { kind: 'run-categories', run };
    if (file === 'analysis.csv') return { kind: 'run-analysis', run };
    if (file === 'README.md') return { kind: 'run-readme', run };
    const change = CHANGE_LIST.exec(file);
    if (change && isZeroShot) return { kind: 'change-list', run, from: change[1]!, to: change[2]! };
    return UNRECOGNIZED;
  }
  if (inner.length === 2) return { kind: 'run-file', run, half: 'flat', label: inner[0]!, id: inner[1]! };
  if (inner.length === 3 && !isZeroShot && (inner[0] === 'output' || inner[0] === 'reasoning')) {
    return { kind: 'run-file', run, half: inner[0], label: inner[1]!, id: inner[2]! };
  }
  return UNRECOGNIZED;
}
