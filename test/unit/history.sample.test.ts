/**
 * The history read from a real git repository: the sample tree with six commits of its own
 * (test/support/historyTree.ts), through src/lib/tree/history.ts (git, the cache) and the replay.
 * Every event kind appears; the cache is reused and extended; bad input is a finding.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { appendFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { readResultsTree } from '../../src/lib/tree/readTree.ts';
import { readHistory } from '../../src/lib/tree/history.ts';
import { hasHistory, type HistoryModel } from '../../src/lib/history/types.ts';
import type { ResultsModel } from '../../src/lib/model.ts';
import { EDITED_REPORT, HISTORY_SUBJECTS, makeHistoryTree, REVIEWED } from '../support/historyTree.ts';
import { tempDir } from '../support/tempDirs.ts';

let repo: string;
let shas: string[];
let model: ResultsModel;
let h: HistoryModel;
let cache: string;

beforeAll(async () => {
  repo = path.join(tempDir('history-sample'), 'repo');
  shas = makeHistoryTree(repo);
  model = await readResultsTree(path.join(repo, 'results'));
  cache = tempDir('history-cache');
  const read = readHistory(model, { resultsDir: path.join(repo, 'results'), cacheDir: cache });
  expect(read.source).toBe('git');
  if (!hasHistory(read.history)) throw new Error(`no history: ${read.history.reason}`);
  h = read.history;
}, 120_000);

const at = (n: number) => h.events.filter((e) => e.commit === shas[n - 1]);

describe('the sample’s own history', () => {
  it('reads six commits, the head last, with their subjects', () => {
    expect(h.commits.map((c) => c.subject)).toEqual([...HISTORY_SUBJECTS]);
    expect(h.head.sha).toBe(shas[5]);
    expect(h.findings).toEqual([]);
  });

  it('a run arrives with its labels (qwen3:32b in commit 2)', () => {
    const arrived = at(2).filter((e) => e.kind === 'appear');
    expect(new Set(arrived.map((e) => e.run))).toEqual(new Set(['qwen3:32b']));
    expect(arrived.filter((e) => e.half === 'reasoning').map((e) => `${e.report} ${e.to}`).sort()).toEqual(
      model.verdictsByReport.size > 0 ? [...model.verdictsByReport.values()].flat().filter((v) => v.run === 'qwen3:32b').map((v) => `${v.reportKey} ${v.label}`).sort() : [],
    );
    expect(h.runs.get('qwen3:32b')?.arrived).toBe(shas[1]);
  });

  it('a review in commit 3, with the label today’s reader gives after review', () => {
    expect(at(3).map((e) => [e.kind, e.move, e.run, e.report, e.half, e.from, e.to])).toEqual([
      ['move', 'review', REVIEWED.run, REVIEWED.report, 'reasoning', 'manual-review', REVIEWED.label],
    ]);
    const today = model.verdictsByReport.get(REVIEWED.report)!.find((v) => v.run === REVIEWED.run)!;
    expect(today.label).toBe(REVIEWED.label);
  });

  it('a restructure in commit 4 moves files and changes no label; the renamed run is one history', () => {
    const moves = at(4);
    expect(moves.length).toBeGreaterThan(0);
    expect(moves.every((e) => e.kind === 'move' && e.move === 'restructure' && e.from === e.to)).toBe(true);
    expect(new Set(moves.map((e) => e.run))).toEqual(new Set(['deepseek-r1:14b', 'zero-shot/001']));
    expect(h.runs.get('deepseek-r1:14b')).toMatchObject({ names: ['deepseek-2', 'deepseek-r1:14b'], arrived: shas[0] });
    expect(h.runs.has('deepseek-2')).toBe(false);
    // The old layout `classifier/001` is read as today's zero-shot/001 from the start.
    expect(h.runs.get('zero-shot/001')).toMatchObject({ names: ['zero-shot/001'], arrived: shas[0] });
  });

  it('a report’s text changes in commit 5; a run is deleted in commit 6', () => {
    expect(at(5).map((e) => [e.kind, e.report, e.run])).toEqual([['text', EDITED_REPORT, undefined]]);
    const gone = at(6);
    expect(gone.every((e) => e.kind === 'disappear' && e.run === 'old-run')).toBe(true);
    expect(h.runs.get('old-run')).toMatchObject({ ended: shas[5], lastLabels: { instruction: 1, performance: 1, syscall: 1 } });
  });

  it('reuses the log from its cache, and asks git only for the commits since', () => {
    const again = readHistory(model, { resultsDir: path.join(repo, 'results'), cacheDir: cache });
    expect(again.source).toBe('cache');
    expect(again.history).toEqual(h);
    appendFileSync(path.join(repo, 'results/scraper', EDITED_REPORT), 'one more line\n');
    const git = (...a: string[]) => execFileSync('git', ['-c', 'user.name=T', '-c', 'user.email=t@example.org', ...a], { cwd: repo, env: { ...process.env, GIT_COMMITTER_DATE: '2025-07-07T10:00:00+00:00', GIT_AUTHOR_DATE: '2025-07-07T10:00:00+00:00' } });
    git('commit', '-qam', 'one more line');
    const later = readHistory(model, { resultsDir: path.join(repo, 'results'), cacheDir: cache });
    expect(later.source).toBe('cache+git');
    const full = readHistory(model, { resultsDir: path.join(repo, 'results') });
    expect(later.history).toEqual(full.history);
    expect(hasHistory(later.history) && later.history.commits.at(-1)!.subject).toBe('one more line');
    git('reset', '-q', '--hard', shas[5]!);
  });

  it('says why there is no history, and names bad input as findings', () => {
    const none = readHistory(model, { resultsDir: path.join(repo, 'results'), noEnclosingGit: true });
    expect(none.history).toEqual({ reason: 'the tree is not in a git repository', findings: [] });
    const missing = readHistory(model, { gitDir: path.join(repo, 'nowhere') });
    expect(hasHistory(missing.history)).toBe(false);
    expect(missing.history.findings[0]?.message).toContain('does not exist');
    const shallow = path.join(tempDir('history-shallow'), 'clone');
    execFileSync('git', ['clone', '-q', '--depth', '2', `file://${repo}`, shallow]);
    const cut = readHistory(model, { resultsDir: path.join(shallow, 'results') });
    if (!hasHistory(cut.history)) throw new Error('no history');
    expect(cut.history.findings.map((f) => f.message).join('\n')).toContain('shallow clone');
    expect(cut.history.commits).toHaveLength(2);
  });
});
