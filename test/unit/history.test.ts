/**
 * The history's parser and replay on fixed strings: git log's -z raw format as git prints it,
 * and a small story (a run arrives, a review, a restructure, a run renamed, a run deleted, a
 * report's text changes, a merge, a layout never seen).
 */
import { describe, expect, it } from 'vitest';
import { parseGitLog, type LoggedCommit } from '../../src/lib/history/gitLog.ts';
import { classifyHistoricalPath } from '../../src/lib/history/classify.ts';
import { replayHistory, type ReportResolver } from '../../src/lib/history/replay.ts';

const Z = '0'.repeat(40);
const blob = (n: number) => n.toString(16).padStart(40, 'b');
const sha = (n: number) => n.toString(16).padStart(40, 'c');

/** One commit as `git log --raw -M --no-abbrev -z --format=GIT_LOG_FORMAT` prints it. */
function logged(n: number, parents: number[], subject: string, raw: string[][]): string {
  const header = `\u0001${sha(n)}\u0000${parents.map(sha).join(' ')}\u00002025-07-0${n}T10:00:00+02:00\u0000${subject}\u0000`;
  const lines = raw.map(([meta, ...paths]) => `${meta}\u0000${paths.join('\u0000')}\u0000`);
  return raw.length === 0 ? `${header}\n` : `${header}\u0000\n${lines.join('')}`;
}

describe('parseGitLog', () => {
  it('reads commits, parents, dates, subjects and every change with blobs and renames', () => {
    const text =
      logged(1, [], 'add results', [
        [`:000000 100644 ${Z} ${blob(1)} A`, 'results/classifier/run-a/output/bug/7'],
        [`:000000 100644 ${Z} ${blob(2)} A`, 'results/scraper/launchpad/7 with space'],
      ]) +
      logged(2, [1], 'review: ünïcode; "quotes"', [
        [`:100644 100644 ${blob(1)} ${blob(1)} R100`, 'results/classifier/run-a/output/bug/7', 'results/classifier/run-a/output/fix/7'],
        [`:100644 100644 ${blob(2)} ${blob(3)} M`, 'results/scraper/launchpad/7 with space'],
      ]) +
      logged(3, [2, 1], 'Merge branch x', []);
    const { commits, problems } = parseGitLog(text);
    expect(problems).toEqual([]);
    expect(commits.map((c) => [c.sha, c.parents, c.date, c.subject, c.changes.length])).toEqual([
      [sha(1), [], '2025-07-01T10:00:00+02:00', 'add results', 2],
      [sha(2), [sha(1)], '2025-07-02T10:00:00+02:00', 'review: ünïcode; "quotes"', 2],
      [sha(3), [sha(2), sha(1)], '2025-07-03T10:00:00+02:00', 'Merge branch x', 0],
    ]);
    expect(commits[1]!.changes[0]).toEqual({
      status: 'R', score: 100, oldMode: '100644', newMode: '100644', oldBlob: blob(1), newBlob: blob(1),
      fromPath: 'results/classifier/run-a/output/bug/7', path: 'results/classifier/run-a/output/fix/7',
    });
    expect(commits[1]!.changes[1]).toMatchObject({ status: 'M', oldBlob: blob(2), newBlob: blob(3), path: 'results/scraper/launchpad/7 with space' });
    expect(commits[1]!.changes[1]).not.toHaveProperty('score');
  });

  it('names what it cannot read and keeps the rest', () => {
    const text = logged(1, [], 'ok', [[`:000000 100644 ${Z} ${blob(1)} A`, 'results/scraper/launchpad/1']]) + 'garbage\u0000' + `:bad line\u0000`;
    const { commits, problems } = parseGitLog(text);
    expect(commits).toHaveLength(1);
    expect(commits[0]!.changes).toHaveLength(1);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toContain('garbage');
    expect(problems[1]).toContain(':bad line');
  });

  it('reads real git output: a header, an empty token, then the raw lines', () => {
    // As git 2.39 printed it for 35f097a3 (first two lines), byte for byte but for the blobs.
    const text = `\u0001${sha(9)}\u0000${sha(8)}\u00002025-07-08T16:45:54+02:00\u0000manually review misclassifications\u0000\u0000\n:000000 100644 ${Z} ${blob(5)} A\u0000results/classifier/no-thinking-deepseek-r1:70b/analysis.csv\u0000:100644 100644 ${blob(6)} ${blob(7)} M\u0000results/classifier/no-thinking-deepseek-r1:70b/categories.csv\u0000`;
    const { commits, problems } = parseGitLog(text);
    expect(problems).toEqual([]);
    expect(commits[0]!.changes.map((c) => `${c.status} ${c.path}`)).toEqual([
      'A results/classifier/no-thinking-deepseek-r1:70b/analysis.csv',
      'M results/classifier/no-thinking-deepseek-r1:70b/categories.csv',
    ]);
  });
});

describe('classifyHistoricalPath', () => {
  it('reads the layouts before the restructures as today’s', () => {
    expect(classifyHistoricalPath('results/classifier/105/device/1234')).toEqual({
      info: { kind: 'run-file', run: 'zero-shot/105', half: 'flat', label: 'device', id: '1234' },
      normalized: 'results/classifier/zero-shot/105/device/1234',
    });
    expect(classifyHistoricalPath('results/classifier/semantic-bugs-usermode/test/1245543').info).toEqual({ kind: 'curated', set: 'user-mode-bugs', id: '1245543' });
    expect(classifyHistoricalPath('results/classifier/semantic-bugs/instruction/1612').info).toEqual({ kind: 'curated', set: 'semantic-bugs', id: '1612' });
    expect(classifyHistoricalPath('results/classifier/deepseek-2/reasoning/other/99')).toEqual({
      info: { kind: 'run-file', run: 'deepseek-2', half: 'reasoning', label: 'other', id: '99' },
    });
    expect(classifyHistoricalPath('results/classifier/deepseek-1/output/Documentation](https:/x.org/)./1').info.kind).toBe('unrecognized');
  });
});

const resolver: ReportResolver = {
  reportOfFile: (info) => (info.kind === 'launchpad' ? `launchpad/${info.id}` : undefined),
  reportOfVerdict: (_run, id) => `launchpad/${id}`,
};

function story(): LoggedCommit[] {
  const C = 'results/classifier';
  const text =
    logged(1, [], 'add reports and run-a', [
      [`:000000 100644 ${Z} ${blob(1)} A`, 'results/scraper/launchpad/7'],
      [`:000000 100644 ${Z} ${blob(2)} A`, 'results/scraper/launchpad/8'],
      [`:000000 100644 ${Z} ${blob(3)} A`, `${C}/run-a/output/manual-review/7`],
      [`:000000 100644 ${Z} ${blob(4)} A`, `${C}/run-a/reasoning/manual-review/7`],
      [`:000000 100644 ${Z} ${blob(5)} A`, `${C}/run-a/output/bug/8`],
      [`:000000 100644 ${Z} ${blob(6)} A`, `${C}/run-a/reasoning/bug/8`],
      [`:000000 100644 ${Z} ${blob(7)} A`, `${C}/old-run/x/7`],
      [`:000000 100644 ${Z} ${blob(8)} A`, `${C}/105/other/8`],
    ]) +
    logged(2, [1], 'manually review', [[`:100644 100644 ${blob(4)} ${blob(4)} R100`, `${C}/run-a/reasoning/manual-review/7`, `${C}/run-a/reasoning/fix/7`]]) +
    logged(3, [2], 'restructure results', [
      [`:100644 100644 ${blob(8)} ${blob(8)} R100`, `${C}/105/other/8`, `${C}/zero-shot/105/other/8`],
      [`:100644 100644 ${blob(7)} ${blob(7)} R100`, `${C}/old-run/x/7`, `${C}/new-run/x/7`],
      [`:000000 100644 ${Z} ${blob(9)} A`, `${C}/deepseek-1/output/a](https:/b)./7`],
    ]) +
    logged(4, [3], 'fix a report; relabel', [
      [`:100644 100644 ${blob(1)} ${blob(10)} M`, 'results/scraper/launchpad/7'],
      [`:100644 100644 ${blob(6)} ${blob(6)} R100`, `${C}/run-a/reasoning/bug/8`, `${C}/run-a/reasoning/feature/8`],
    ]) +
    logged(5, [4, 2], 'Merge branch side', [[`:100644 000000 ${blob(7)} ${Z} D`, `${C}/new-run/x/7`]]);
  return [...parseGitLog(text).commits];
}

describe('replayHistory: renames git paired crosswise', () => {
  it('two files with the same bytes moved in one commit are two moves, not a death and a birth', () => {
    const C = 'results/classifier';
    const text =
      logged(1, [], 'add', [
        [`:000000 100644 ${Z} ${blob(1)} A`, `${C}/105/a/1`],
        [`:000000 100644 ${Z} ${blob(1)} A`, `${C}/105/b/2`],
      ]) +
      logged(2, [1], 'restructure results', [
        [`:100644 100644 ${blob(1)} ${blob(1)} R100`, `${C}/105/a/1`, `${C}/zero-shot/105/b/2`],
        [`:100644 100644 ${blob(1)} ${blob(1)} R100`, `${C}/105/b/2`, `${C}/zero-shot/105/a/1`],
      ]);
    const h = replayHistory(parseGitLog(text).commits, resolver, { sha: sha(2), parents: [], date: '', subject: '' });
    expect(h.events.filter((e) => e.commit === sha(2)).map((e) => [e.kind, e.move, e.report, e.from, e.to])).toEqual([
      ['move', 'restructure', 'launchpad/1', 'a', 'a'],
      ['move', 'restructure', 'launchpad/2', 'b', 'b'],
    ]);
  });
});

describe('replayHistory', () => {
  const head = { sha: sha(5), parents: [sha(4), sha(2)], date: '2025-07-05T10:00:00+02:00', subject: 'Merge branch side' };
  const h = replayHistory(story(), resolver, head);
  const on = (n: number) => h.events.filter((e) => e.commit === sha(n)).map((e) => [e.kind, e.move ?? '', e.report, e.run ?? '', e.runThen ?? '', e.half ?? '', e.from ?? '', e.to ?? '']);

  it('a run’s verdicts and the reports appear with their labels', () => {
    expect(on(1)).toEqual([
      ['appear', '', 'launchpad/7', '', '', '', '', ''],
      ['appear', '', 'launchpad/8', '', '', '', '', ''],
      ['appear', '', 'launchpad/7', 'run-a', '', 'output', '', 'manual-review'],
      ['appear', '', 'launchpad/7', 'run-a', '', 'reasoning', '', 'manual-review'],
      ['appear', '', 'launchpad/8', 'run-a', '', 'output', '', 'bug'],
      ['appear', '', 'launchpad/8', 'run-a', '', 'reasoning', '', 'bug'],
      // old-run is renamed in commit 3 and deleted in 5: one history under its last name.
      ['appear', '', 'launchpad/7', 'new-run', 'old-run', 'flat', '', 'x'],
      ['appear', '', 'launchpad/8', 'zero-shot/105', '', 'flat', '', 'other'],
    ]);
  });

  it('a move out of reasoning/manual-review is a review', () => {
    expect(on(2)).toEqual([['move', 'review', 'launchpad/7', 'run-a', '', 'reasoning', 'manual-review', 'fix']]);
  });

  it('a restructure moves paths and changes no verdict; the layout never seen is a finding', () => {
    expect(on(3)).toEqual([
      ['move', 'restructure', 'launchpad/8', 'zero-shot/105', '', 'flat', 'other', 'other'],
      ['move', 'restructure', 'launchpad/7', 'new-run', 'old-run', 'flat', 'x', 'x'],
    ]);
    expect(h.findings.filter((f) => f.message.includes('layout the reader does not know')).map((f) => f.path)).toEqual(['results/classifier/deepseek-1/output/a](https:/b)./7']);
  });

  it('a changed blob is a text change; another label is a relabel', () => {
    expect(on(4)).toEqual([
      ['text', '', 'launchpad/7', '', '', '', '', ''],
      ['move', 'relabel', 'launchpad/8', 'run-a', '', 'reasoning', 'bug', 'feature'],
    ]);
  });

  it('a deleted run’s verdicts disappear, its life ends with its last labels; a merge is a finding', () => {
    expect(on(5)).toEqual([['disappear', '', 'launchpad/7', 'new-run', '', 'flat', 'x', '']]);
    expect(h.runs.get('new-run')).toEqual({
      name: 'new-run', names: ['old-run', 'new-run'], arrived: sha(1), changed: [sha(3), sha(5)], ended: sha(5), lastLabels: { x: 1 }, reports: ['launchpad/7'],
    });
    expect(h.runs.has('old-run')).toBe(false);
    expect(h.runs.get('run-a')).toEqual({ name: 'run-a', names: ['run-a'], arrived: sha(1), changed: [sha(2), sha(4)] });
    expect(h.findings.filter((f) => f.message.includes('is a merge'))).toHaveLength(1);
    expect(h.head).toBe(head);
    expect(h.commits.map((c) => c.subject)).toEqual(['add reports and run-a', 'manually review', 'restructure results', 'fix a report; relabel', 'Merge branch side']);
  });
});
