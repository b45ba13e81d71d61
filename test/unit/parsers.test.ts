import { describe, expect, it } from 'vitest';
import { parseChangeList } from '../../src/lib/parse/changeList.ts';
import { parseCountsCsv } from '../../src/lib/parse/countsCsv.ts';
import { parseGitlabToml } from '../../src/lib/parse/gitlabToml.ts';
import { parseReasoning } from '../../src/lib/parse/reasoning.ts';
import { classifyResultsPath } from '../../src/lib/parse/resultsPath.ts';
import { describeRun } from '../../src/lib/parse/runName.ts';
import { parseScoredText } from '../../src/lib/parse/scoredText.ts';
import { parseZeroShotReadme } from '../../src/lib/parse/zeroShotReadme.ts';
import { gitBlobId } from '../../src/lib/blob.ts';
import { labelSlug, modelSlug, runSlug } from '../../src/lib/slug.ts';

describe('classifyResultsPath', () => {
  it('reads every layout, names with spaces and colons included', () => {
    expect(classifyResultsPath('results/scraper/gitlab/issues_toml/target_arm/host_x86/accel_KVM/7.toml')).toEqual({ kind: 'gitlab-toml', id: '7', target: 'arm', host: 'x86', accel: 'KVM' });
    expect(classifyResultsPath('results/scraper/gitlab/issues_text/target_arm/host:32bit/accel_TCG/7')).toEqual({ kind: 'gitlab-text', id: '7', target: 'arm', host: '32bit', accel: 'TCG' });
    expect(classifyResultsPath('results/scraper/box64/documentation/12')).toEqual({ kind: 'box64', id: '12', section: 'documentation' });
    expect(classifyResultsPath('results/classifier/mode-deepseek-r1:32b/reasoning/system/5')).toEqual({ kind: 'run-file', run: 'mode-deepseek-r1:32b', half: 'reasoning', label: 'system', id: '5' });
    expect(classifyResultsPath('results/classifier/zero-shot/017/operating system/5')).toEqual({ kind: 'run-file', run: 'zero-shot/017', half: 'flat', label: 'operating system', id: '5' });
    expect(classifyResultsPath('results/classifier/zero-shot/015/016-015')).toEqual({ kind: 'change-list', run: 'zero-shot/015', from: '016', to: '015' });
    expect(classifyResultsPath('results/classifier/zero-shot/105/README.md')).toEqual({ kind: 'run-readme', run: 'zero-shot/105' });
    expect(classifyResultsPath('results/classifier/semantic-bugs/1092')).toEqual({ kind: 'curated', set: 'semantic-bugs', id: '1092' });
    expect(classifyResultsPath('results/classifier/gemma3:12b/categories.csv')).toEqual({ kind: 'run-categories', run: 'gemma3:12b' });
  });
  it('calls anything else unrecognized rather than guessing', () => {
    expect(classifyResultsPath('results/notes.txt').kind).toBe('unrecognized');
    expect(classifyResultsPath('results/classifier/zero-shot/abc/x/1').kind).toBe('unrecognized');
    expect(classifyResultsPath('results/scraper/gitlab/issues_toml/a/b/c/1.toml').kind).toBe('unrecognized');
    expect(classifyResultsPath('other/scraper/launchpad/1').kind).toBe('unrecognized');
  });
});

describe('parseGitlabToml', () => {
  it('turns n/a into missing values and keeps multi-line markdown', () => {
    const meta = parseGitlabToml('id = 9\ntitle = "a { b } <c>"\nstate = "closed"\nclosed_at = "n/a"\nlabels = ["target: arm", "kind::Bug"]\ndescription = """line one\n```c\nint x;\n```\n"""\nhost-os = "n/a"\n');
    expect(meta.id).toBe('9');
    expect(meta.title).toBe('a { b } <c>');
    expect(meta.closedAt).toBeUndefined();
    expect(meta.hostOs).toBeUndefined();
    expect(meta.labels).toEqual(['target: arm', 'kind::Bug']);
    expect(meta.description).toBe('line one\n```c\nint x;\n```\n');
  });
  it('throws on broken TOML with a position', () => {
    expect(() => parseGitlabToml('id = 1\ntitle = "unterminated\n')).toThrow(/^line 2, column \d+: /);
  });
});

describe('parseReasoning', () => {
  it('splits thinking from the answer and takes the last word as the label', () => {
    const r = parseReasoning('<think>\nHmm, maybe user.\n</think>\n\nIt touches devices.\n\n**system**\n');
    expect(r.thinking).toBe('Hmm, maybe user.');
    expect(r.answer).toBe('It touches devices.\n\n**system**');
    expect(r.finalLabel).toBe('system');
    expect(r.thinkingLine).toBe(2);
    expect(r.answerLine).toBe(5);
  });
  it('treats a think block that never closes as all thinking, with no answer', () => {
    const r = parseReasoning('<think>\nx\n\nx\n');
    expect(r).toEqual({ thinking: 'x\n\nx', thinkingLine: 2, answer: '', answerLine: 2 });
  });
  it('handles answers without a think block and CRLF', () => {
    const r = parseReasoning('The answer is:\r\n\r\nruntime\r\n');
    expect(r.thinking).toBeUndefined();
    expect(r.finalLabel).toBe('runtime');
  });
  it('keeps hyphenated labels whole', () => {
    expect(parseReasoning('</think> so: manual-review.').finalLabel).toBe('manual-review');
  });
});

describe('parseScoredText', () => {
  it('reads score groups split by ---- lines, then the text', () => {
    const s = parseScoredText('operating system: 0.922\nKVM: 0.5\n--------------------\nvirtual: 0.989\n\ntitle line\n\nbody {x}\n');
    expect(s?.scores).toEqual([
      [{ label: 'operating system', score: 0.922, written: '0.922' }, { label: 'KVM', score: 0.5, written: '0.5' }],
      [{ label: 'virtual', score: 0.989, written: '0.989' }],
    ]);
    expect(s?.text).toBe('title line\n\nbody {x}\n');
  });
  it('is not fooled by a report whose first line looks like a score', () => {
    expect(parseScoredText('Version: 2.0\nqemu crashes\n')).toBeNull();
    expect(parseScoredText('\n\ntitle\n')).toBeNull();
  });
  it('keeps leading blank lines of the text after the separator', () => {
    expect(parseScoredText('syscall: 0.9\n\n\n\ntitle\n')?.text).toBe('\n\ntitle\n');
  });
});

describe('parseZeroShotReadme', () => {
  it('reads python assignments and the sentence of intent', () => {
    const p = parseZeroShotReadme('## 010\n\n```python\nmulti_label = True \nmodel = "facebook/bart-large-mnli"\ncompare = "Other/model-v2.0"\nnumber_bugs = 89\n```\n\nAdds another model.\n');
    expect(p).toEqual({ model: 'facebook/bart-large-mnli', compareModel: 'Other/model-v2.0', multiLabel: true, numberBugs: 89, intent: 'Adds another model.' });
  });
});

describe('parseChangeList', () => {
  it('reads changes with spaces in labels and flags a wrong header count', () => {
    const c = parseChangeList('3 changes:\n123: kernel -> operating system\ngitlab_semantic_adox: assembly-x86 -> semantic-x86\n');
    expect(c.declared).toBe(3);
    expect(c.changes).toEqual([
      { id: '123', from: 'kernel', to: 'operating system', line: 2 },
      { id: 'gitlab_semantic_adox', from: 'assembly-x86', to: 'semantic-x86', line: 3 },
    ]);
    expect(c.problems.map((p) => p.message)).toEqual(['header declares 3 changes, the list has 2']);
  });
  it('names the line of garbage', () => {
    expect(parseChangeList('1 changes:\nnonsense\n').problems[0]).toMatchObject({ line: 2 });
  });
});

describe('parseCountsCsv', () => {
  it('reads category, count rows with spaces and reports bad rows by line', () => {
    const c = parseCountsCsv('category, count\noperating system, 4\nKVM, x\nvnc, 2\n');
    expect(c.rows).toEqual([{ category: 'operating system', count: 4 }, { category: 'vnc', count: 2 }]);
    expect(c.problems).toHaveLength(1);
    expect(c.problems[0]!.line).toBe(3);
  });
});

describe('describeRun', () => {
  it('reads model and task from the name', () => {
    expect(describeRun('mode-deepseek-r1:32b', ['system', 'user'])).toEqual({ task: 'mode', models: ['deepseek-r1:32b'], thinking: true });
    expect(describeRun('accel-gemma3:12b', ['kvm'])).toMatchObject({ task: 'accel', models: ['gemma3:12b'] });
    expect(describeRun('no-thinking-deepseek-r1:70b', ['instruction', 'syscall'])).toEqual({ task: 'user-mode', models: ['deepseek-r1:70b'], thinking: false });
    expect(describeRun('gemma3:12b', ['boot', 'kvm', 'vnc'])).toMatchObject({ task: 'categories' });
  });
  it('tells the task by the label set, the name only hinting', () => {
    // The corpus's gemma3:27b has no prefix and labels the user-mode set (with one stray label).
    expect(describeRun('gemma3:27b', ['instruction', 'manual-review', 'performance', 'runtime', 'syscall'])).toMatchObject({ task: 'user-mode', models: ['gemma3:27b'] });
    expect(describeRun('deepseek-r1:14b', ['KVM', 'assembly', 'boot', 'manual-review', 'other'])).toMatchObject({ task: 'categories' });
    expect(describeRun('zero-shot-user-mode', ['instruction', 'runtime', 'syscall'])).toMatchObject({ task: 'user-mode', thinking: false });
    // A prefix that the labels contradict is overruled, and said so.
    expect(describeRun('mode-x:1b', ['kvm', 'tcg', 'vmm'])).toEqual({ task: 'accel', models: ['x:1b'], thinking: true, nameSuggests: 'mode' });
    // Labels that name no task leave the name to decide; manual-review alone decides nothing.
    expect(describeRun('accel-x:1b', ['manual-review'])).toMatchObject({ task: 'accel' });
    expect(describeRun('x:1b', ['weird'])).toMatchObject({ task: 'categories' });
    expect(describeRun('zero-shot/010', ['a'], { model: 'm1', compareModel: 'm2' })).toMatchObject({ task: 'zero-shot', models: ['m1', 'm2'] });
    expect(describeRun('zero-shot/013', ['a'])).toMatchObject({ task: 'zero-shot', models: [] });
  });
});

describe('slugs and blob ids', () => {
  it('makes the documented slugs', () => {
    expect(runSlug('mode-deepseek-r1:32b')).toBe('mode-deepseek-r1-32b');
    expect(runSlug('zero-shot/105')).toBe('zero-shot-105');
    expect(modelSlug('facebook/bart-large-mnli')).toBe('facebook-bart-large-mnli');
    expect(labelSlug('operating system')).toBe('operating_system');
    expect(labelSlug('KVM')).not.toBe(labelSlug('kvm'));
  });
  it('computes git blob ids', () => {
    // `printf 'hello\n' | git hash-object --stdin`
    expect(gitBlobId('hello\n')).toBe('ce013625030ba8dba906f756967f9e9ca394464a');
    expect(gitBlobId('')).toBe('e69de29bb2d1d6434b8b29ae775ad8c2e48c5391');
  });
});
