/**
 * The sample tree with a small git history of its own, made at test time (never committed):
 * six commits that end at exactly `sample/results` and hold every kind of history event.
 *
 *   1 add reports and first results   reports, runs (deepseek-r1:14b as `deepseek-2`, the zero-shot
 *                                     iterations in the old layout `classifier/001`), `old-run`, and
 *                                     one answer under reasoning/manual-review; a report's first text
 *   2 add qwen3:32b results           a run arrives
 *   3 manually review                 reasoning/manual-review/1873340 → reasoning/runtime/1873340
 *   4 restructure results             `classifier/001` → `classifier/zero-shot/001`, `deepseek-2` → `deepseek-r1:14b`
 *   5 fix a report                    launchpad/1905562's text changes
 *   6 remove old-run                  a run is deleted
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { repoRoot } from './builtSite.ts';

export const HISTORY_SUBJECTS = [
  'add reports and first results',
  'add qwen3:32b results',
  'manually review misclassifications',
  'restructure results',
  'fix a report',
  'remove old-run',
] as const;

export const REVIEWED = { run: 'no-thinking-deepseek-r1:32b', id: '1873340', report: 'launchpad/1873340', label: 'runtime' } as const;
export const EDITED_REPORT = 'launchpad/1905562';

/** Makes the repository in `dir` (emptied first); returns the commit ids, oldest first. */
export function makeHistoryTree(dir: string): string[] {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const results = path.join(dir, 'results');
  const C = path.join(results, 'classifier');
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8', env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_SYSTEM: '/dev/null' } });
  const shas: string[] = [];
  const commit = (n: number) => {
    git('add', '-A');
    const date = `2025-07-0${n}T10:00:00+00:00`;
    execFileSync('git', ['-c', 'user.name=Tester', '-c', 'user.email=t@example.org', 'commit', '-q', '-m', HISTORY_SUBJECTS[n - 1]!], {
      cwd: dir,
      env: { ...process.env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_SYSTEM: '/dev/null' },
    });
    shas.push(git('rev-parse', 'HEAD').trim());
  };
  git('init', '-q', '-b', 'main');
  cpSync(path.join(repoRoot, 'sample/results'), results, { recursive: true });
  // 1: the state before everything that follows.
  rmSync(path.join(C, 'qwen3:32b'), { recursive: true });
  mkdirSync(path.join(C, REVIEWED.run, 'reasoning/manual-review'), { recursive: true });
  renameSync(path.join(C, REVIEWED.run, 'reasoning', REVIEWED.label, REVIEWED.id), path.join(C, REVIEWED.run, 'reasoning/manual-review', REVIEWED.id));
  renameSync(path.join(C, 'zero-shot/001'), path.join(C, '001'));
  renameSync(path.join(C, 'deepseek-r1:14b'), path.join(C, 'deepseek-2'));
  cpSync(path.join(C, 'gemma3:27b'), path.join(C, 'old-run'), { recursive: true });
  const edited = path.join(results, 'scraper', EDITED_REPORT);
  const finalText = readFileSync(edited, 'utf8');
  writeFileSync(edited, finalText.replace(/\n/, '\n(first version)\n'));
  commit(1);
  cpSync(path.join(repoRoot, 'sample/results/classifier/qwen3:32b'), path.join(C, 'qwen3:32b'), { recursive: true });
  commit(2);
  mkdirSync(path.join(C, REVIEWED.run, 'reasoning', REVIEWED.label), { recursive: true });
  git('mv', `results/classifier/${REVIEWED.run}/reasoning/manual-review/${REVIEWED.id}`, `results/classifier/${REVIEWED.run}/reasoning/${REVIEWED.label}/${REVIEWED.id}`);
  rmSync(path.join(C, REVIEWED.run, 'reasoning/manual-review'), { recursive: true });
  commit(3);
  git('mv', 'results/classifier/001', 'results/classifier/zero-shot/001');
  git('mv', 'results/classifier/deepseek-2', 'results/classifier/deepseek-r1:14b');
  commit(4);
  writeFileSync(edited, finalText);
  commit(5);
  git('rm', '-q', '-r', 'results/classifier/old-run');
  commit(6);
  return shas;
}

/**
 * The history repository at a path named by its last commit (in the temp folder), made once and
 * kept: a site built from it is then one shared build (`buildSiteOnce` keys an outside tree by its
 * path), where a fresh temporary path made it again on every run. The commits have fixed dates, so
 * the last commit names the whole repository. Returns the folder and the commit ids.
 */
export function sharedHistoryTree(): { readonly dir: string; readonly shas: string[] } {
  const made = mkdtempSync(path.join(tmpdir(), 'results-archive-history-new-'));
  const shas = makeHistoryTree(made);
  const dir = path.join(tmpdir(), `results-archive-history-${shas.at(-1)!.slice(0, 16)}`);
  if (existsSync(path.join(dir, '.git'))) {
    rmSync(made, { recursive: true, force: true });
  } else {
    // A folder without .git is what a run that stopped midway left.
    rmSync(dir, { recursive: true, force: true });
    try {
      renameSync(made, dir);
    } catch (e) {
      // Another run put the same repository there first.
      rmSync(made, { recursive: true, force: true });
      if (!existsSync(path.join(dir, '.git'))) throw e;
    }
  }
  return { dir, shas };
}
