/**
 * A path as it was at some commit → what it is today's reader would call it. Today's rules
 * (src/lib/parse/resultsPath.ts) plus the layouts the tree had before its restructures
 * (../shared/history/README.md): until `dee4dcba` the zero-shot iterations sat directly under
 * `results/classifier/` (`105`, not `zero-shot/105`), and the curated user-mode set was
 * `semantic-bugs-usermode`, and curated members sat in a folder below their set. Run renames (`deepseek-2` → `deepseek-r1:14b`) are not a layout: the
 * replay follows them from the renames themselves (replay.ts).
 */
import { CURATED_SETS, classifyResultsPath, type PathInfo } from '../parse/resultsPath.ts';

/** Older names of folders that are the same thing today, one path segment each. */
const LEGACY_CURATED: Readonly<Record<string, string>> = { 'semantic-bugs-usermode': 'user-mode-bugs' };
const OLD_ITERATION = /^results\/classifier\/(\d{3})\//;

export interface HistoricalPath {
  readonly info: PathInfo;
  /** The path in today's layout when an older layout was read (`results/classifier/105/x/1` → `…/zero-shot/105/x/1`). */
  readonly normalized?: string;
}

export function classifyHistoricalPath(treePath: string): HistoricalPath {
  const info = classifyResultsPath(treePath);
  const normalized = normalizeLegacy(treePath);
  if (normalized === undefined) return { info };
  return { info: classifyResultsPath(normalized), normalized };
}

function normalizeLegacy(treePath: string): string | undefined {
  const iteration = OLD_ITERATION.exec(treePath);
  if (iteration) return `results/classifier/zero-shot/${treePath.slice('results/classifier/'.length)}`;
  const parts = treePath.split('/');
  if (parts[0] !== 'results' || parts[1] !== 'classifier' || parts[2] === undefined) return undefined;
  const set = LEGACY_CURATED[parts[2]] ?? ((CURATED_SETS as readonly string[]).includes(parts[2]) ? parts[2] : undefined);
  // A curated set's members once sat in a folder below it (`semantic-bugs/instruction/1612`,
  // `semantic-bugs-usermode/test/1245543`); today they sit in the set's folder.
  if (set !== undefined && parts.length === 5) return ['results', 'classifier', set, parts[4]!].join('/');
  if (set !== undefined && set !== parts[2]) return ['results', 'classifier', set, ...parts.slice(3)].join('/');
  return undefined;
}
