import { describe, expect, it } from 'vitest';
import { modelOf } from '../support/memoryTree.ts';

const G = 'results/scraper/gitlab';
const C = 'results/classifier';
const big = 'x'.repeat(99) + '\n';

const tree: Record<string, string> = {
  [`${G}/issues_toml/target_arm/host_x86/accel_KVM/7.toml`]: 'id = 7\ntitle = "Guest hangs on {boot}"\nstate = "opened"\nclosed_at = "n/a"\nlabels = ["target: arm"]\nurl = "https://example.invalid/7"\n',
  [`${G}/issues_text/target_arm/host_x86/accel_KVM/7`]: 'Guest hangs on {boot}\r\nimport x from "y"\r\n<script>alert(1)</script>\r\n',
  [`${G}/issues_toml/target_missing/host_missing/accel_missing/8.toml`]: 'id = 8\ntitle = "broken\n',
  [`${G}/issues_text/target_missing/host_missing/accel_missing/8`]: 'Broken toml issue\nbody\n',
  [`${G}/semantic_issues/gitlab_semantic_bzhi`]: 'BZHI is wrong\ntext\n',
  'results/scraper/launchpad/1234567': 'Title LP\nbody\n\nComment: more\n',
  'results/scraper/launchpad-without-comments/1234567': 'Title LP\nbody\n',
  'results/scraper/mailinglist/01234567': '[Qemu-devel] thread\nhi\n',
  'results/scraper/box64/7': 'box64 issue seven with NUL \u0000 byte and Â\u00a0 mojibake\n',
  'results/scraper/fex/documentation/7': 'fex doc issue\n',
  [`${C}/mode-deepseek-r1:32b/output/system/7`]: 'Guest hangs on {boot}\n',
  [`${C}/mode-deepseek-r1:32b/reasoning/system/7`]: '<think>\nIt is about devices.\n</think>\n\nDevices.\n\nsystem',
  // First filed under manual-review (the answer's last word is cut off), reviewed as user: the
  // reasoning file moved, as in the upstream reviews.
  [`${C}/mode-deepseek-r1:32b/output/manual-review/1234567`]: 'Title LP\nbody\n',
  [`${C}/mode-deepseek-r1:32b/reasoning/user/1234567`]: 'It runs in user space.\n\nus',
  // Halves under two real labels: not a review's shape.
  [`${C}/mode-deepseek-r1:32b/output/system/01234567`]: '[Qemu-devel] thread\nhi\n',
  [`${C}/mode-deepseek-r1:32b/reasoning/user/01234567`]: 'user',
  // One half only.
  [`${C}/mode-deepseek-r1:32b/output/system/8`]: 'Broken toml issue\nbody\n',
  [`${C}/mode-deepseek-r1:32b/categories.csv`]: 'category, count\nsystem, 2\nuser, 5\n',
  [`${C}/gemma3:12b/operating system/7`]: 'Guest hangs on {boot}\n',
  [`${C}/gemma3:12b/vnc/99999`]: 'a report nobody scraped\n',
  [`${C}/zero-shot/017/operating system/01234567`]: 'operating system: 0.9\nKVM: 0.2\n----\nvnc: 0.1\n\n[Qemu-devel] thread\nhi\n',
  [`${C}/zero-shot/017/all/1234567`]: 'all: 0.99\n\n' + big.repeat(1800),
  [`${C}/zero-shot/017/016-017`]: '2 changes:\n01234567: none -> operating system\n',
  [`${C}/zero-shot/017/README.md`]: '## 017\n\n```python\nmulti_label = False\nmodel = "m/one"\nnumber_bugs = 2\n```\n\nTries things.\n',
  [`${C}/semantic-bugs/gitlab_semantic_bzhi`]: 'BZHI is wrong\ntext\n',
  'results/notes/todo.txt': 'a stray file\n',
};

describe('assembleModel', () => {
  const model = modelOf(tree);

  it('accounts for every input: nothing lost, the stray file published raw', () => {
    expect(model.inputs.total).toBe(Object.keys(tree).length);
    expect(Object.values(model.inputs.byLayout).reduce((a, b) => a + b, 0)).toBe(Object.keys(tree).length);
    expect(model.lost).toEqual([]);
    expect(model.unrecognized).toEqual(['results/notes/todo.txt']);
    expect(model.raw.map((r) => r.path)).toEqual(expect.arrayContaining(['results/notes/todo.txt', `${G}/issues_toml/target_missing/host_missing/accel_missing/8.toml`]));
  });

  it('reads GitLab metadata with folders and missing values, and keeps hostile text verbatim', () => {
    const r = model.reports.get('gitlab/7')!;
    expect(r.title).toBe('Guest hangs on {boot}');
    expect(r.gitlab).toMatchObject({ state: 'opened', target: 'arm', host: 'x86', accel: 'KVM', labels: ['target: arm'] });
    expect(r.gitlab!.closedAt).toBeUndefined();
    expect(r.text).toBe('Guest hangs on {boot}\r\nimport x from "y"\r\n<script>alert(1)</script>\r\n');
    expect(r.provenance.map((p) => p.path).sort()).toEqual([`${G}/issues_text/target_arm/host_x86/accel_KVM/7`, `${G}/issues_toml/target_arm/host_x86/accel_KVM/7.toml`]);
  });

  it('builds a broken-TOML issue from its text and reports the file and line', () => {
    expect(model.reports.get('gitlab/8')!.title).toBe('Broken toml issue');
    const f = model.findings.find((x) => x.path.endsWith('8.toml'));
    expect(f).toMatchObject({ severity: 'error', line: 2 });
  });

  it('keys reports by source and id, so colliding ids stay apart', () => {
    expect(model.reports.get('box64/7')!.text).toContain('\u0000');
    expect(model.reports.get('fex/7')!.section).toBe('documentation');
    expect(model.reports.get('launchpad/1234567')!.textWithoutComments).toBe('Title LP\nbody\n');
    expect(model.reports.get('gitlab-semantic/gitlab_semantic_bzhi')).toBeDefined();
  });

  it('reads a split verdict’s label after review from reasoning/, and its first filing from output/', () => {
    const ofRun = (key: string) => model.verdictsByReport.get(key)!.find((x) => x.run === 'mode-deepseek-r1:32b')!;
    const reviewed = ofRun('launchpad/1234567');
    expect(reviewed).toMatchObject({ label: 'user', labels: ['user'], firstFiled: 'manual-review', halves: 'reviewed' });
    expect(reviewed.reasoning?.finalLabel).toBe('us');
    expect(ofRun('gitlab/7')).toMatchObject({ label: 'system', halves: 'same' });
    expect(ofRun('gitlab/7').firstFiled).toBeUndefined();
    const finding = (path: string) => model.findings.filter((f) => f.path === `${C}/mode-deepseek-r1:32b/${path}` && !f.message.includes('last word'));
    expect(finding('reasoning/user/1234567')).toMatchObject([{ severity: 'info', message: expect.stringContaining('first filed under "manual-review" (output/) and reviewed as "user" (reasoning/)') }]);
  });

  it('shows halves of another shape as they are, counts the reasoning/ one, and says so', () => {
    const v = model.verdictsByReport.get('mailinglist/01234567')!.find((x) => x.run === 'mode-deepseek-r1:32b')!;
    expect(v).toMatchObject({ label: 'user', firstFiled: 'system', halves: 'differs' });
    const f = model.findings.find((x) => x.path === `${C}/mode-deepseek-r1:32b/reasoning/user/01234567`)!;
    expect(f.severity).toBe('warning');
    expect(f.message).toContain('"system" in output/ (as first filed) but "user" in reasoning/');
    const one = model.verdictsByReport.get('gitlab/8')!.find((x) => x.run === 'mode-deepseek-r1:32b')!;
    expect(one).toMatchObject({ label: 'system', halves: 'output-only' });
    expect(model.findings.find((x) => x.path === `${C}/mode-deepseek-r1:32b/output/system/8`)!.message).toContain('no reasoning/ file');
    expect(model.runs.get('mode-deepseek-r1:32b')!.labelCounts).toEqual({ system: 2, user: 2 });
  });

  it('splits thinking from the answer', () => {
    const v = model.verdictsByReport.get('gitlab/7')!.find((x) => x.run === 'mode-deepseek-r1:32b')!;
    expect(v.reasoning).toEqual({ thinking: 'It is about devices.', thinkingLine: 2, answer: 'Devices.\n\nsystem', answerLine: 5, finalLabel: 'system' });
    expect(v.files.map((f) => f.half)).toEqual(['output', 'reasoning']);
  });

  it('keeps zero-shot scores in order, the big file whole, and the README parameters', () => {
    const v = model.verdictsByReport.get('mailinglist/01234567')!.find((x) => x.run === 'zero-shot/017')!;
    expect(v.label).toBe('operating system');
    expect(v.scores).toEqual([[{ label: 'operating system', score: 0.9, written: '0.9' }, { label: 'KVM', score: 0.2, written: '0.2' }], [{ label: 'vnc', score: 0.1, written: '0.1' }]]);
    const bigVerdict = model.verdictsByReport.get('launchpad/1234567')!.find((x) => x.run === 'zero-shot/017')!;
    expect(bigVerdict.text!.length).toBe(big.length * 1800);
    const run = model.runs.get('zero-shot/017')!;
    expect(run).toMatchObject({ slug: 'zero-shot-017', layout: 'zero-shot', task: 'zero-shot', models: ['m/one'] });
    expect(run.zeroShot).toMatchObject({ multiLabel: false, numberBugs: 2, intent: 'Tries things.' });
    expect(run.changeLists[0]).toMatchObject({ from: '016', to: '017', declared: 2 });
    expect(model.findings.some((f) => f.path.endsWith('016-017') && /declares 2 changes, the list has 1/.test(f.message))).toBe(true);
  });

  it('turns an id no scraper has into an unknown-source report, never dropping it', () => {
    expect(model.reports.get('unknown/99999')).toBeDefined();
    expect(model.verdictsByReport.get('unknown/99999')![0]!.run).toBe('gemma3:12b');
  });

  it('reports categories.csv counts that disagree with the folders', () => {
    const messages = model.findings.filter((f) => f.path.endsWith('categories.csv')).map((f) => f.message);
    expect(messages).toEqual(['"user": the table says 5; the folders of mode-deepseek-r1:32b hold 2']);
  });

  it('flags NUL bytes and mojibake with the file', () => {
    expect(model.findings.filter((f) => f.path === 'results/scraper/box64/7').map((f) => f.severity).sort()).toEqual(['info', 'warning']);
  });

  it('records curated set membership', () => {
    expect(model.curatedSets).toEqual([{ name: 'semantic-bugs', members: [expect.objectContaining({ id: 'gitlab_semantic_bzhi', reportKey: 'gitlab-semantic/gitlab_semantic_bzhi' })] }]);
  });

  it('is deterministic', () => {
    const again = modelOf(Object.fromEntries(Object.entries(tree).reverse()));
    expect(JSON.stringify([...again.reports.keys()])).toBe(JSON.stringify([...model.reports.keys()]));
    expect(JSON.stringify(again.findings)).toBe(JSON.stringify(model.findings));
  });
});

describe('two inputs that claim one output (issue 24)', () => {
  const T = `${G}/issues_text`;
  const M = `${G}/issues_toml`;
  const twice: Record<string, string> = {
    [`${T}/target_arm/host_x86/accel_TCG/70`]: 'Seventy, arm copy\n',
    [`${T}/target_i386/host_x86/accel_KVM/70`]: 'Seventy, i386 copy\n',
    [`${M}/target_arm/host_x86/accel_TCG/70.toml`]: 'id = 70\ntitle = "Seventy"\n',
    [`${M}/target_arm/host_x86/accel_TCG/71.toml`]: 'id = 71\ntitle = "Seventy-one, arm"\n',
    [`${M}/target_mips/host_x86/accel_TCG/71.toml`]: 'id = 71\ntitle = "Seventy-one, mips"\n',
    [`${T}/target_arm/host_x86/accel_TCG/71`]: 'Seventy-one\n',
    'results/scraper/box64/77': 'root seventy-seven\n',
    'results/scraper/box64/documentation/77': 'documentation seventy-seven\n',
    'results/scraper/box64/documentation-77': 'a real documentation-77\n',
    'results/scraper/launchpad/1234567': 'Title LP\nbody\n',
    [`${C}/flat:1b/kvm/1234567`]: 'kvm copy\n',
    [`${C}/flat:1b/boot/1234567`]: 'boot copy\n',
    [`${C}/flat:1b/tcg/1234567`]: 'tcg copy\n',
    [`${C}/split:1b/output/kvm/1234567`]: 'Title LP\nbody\n',
    [`${C}/split:1b/reasoning/kvm/1234567`]: 'kvm',
    [`${C}/split:1b/reasoning/boot/1234567`]: 'boot',
    [`${C}/split:1b/reasoning/tcg/1234567`]: 'tcg',
    [`${C}/split:1b/vmm/1234567`]: 'a flat file beside the halves\n',
  };
  const model = modelOf(twice);
  const rawPaths = model.raw.map((r) => r.path);
  const said = (path: string, ...parts: string[]) =>
    expect(model.findings.some((f) => f.path === path && parts.every((p) => f.message.includes(p))), `${path}: ${parts.join(' … ')}\n${model.findings.map((f) => `${f.path}: ${f.message}`).join('\n')}`).toBe(true);

  it('keeps every file: the one a page is built from, the others published raw', () => {
    expect(model.lost).toEqual([]);
    expect(model.reports.get('gitlab/70')!.text).toBe('Seventy, arm copy\n');
    expect(model.reports.get('gitlab/71')!.title).toBe('Seventy-one, arm');
    expect(rawPaths).toEqual(
      expect.arrayContaining([
        `${T}/target_i386/host_x86/accel_KVM/70`,
        `${M}/target_mips/host_x86/accel_TCG/71.toml`,
        `${C}/flat:1b/kvm/1234567`,
        `${C}/flat:1b/tcg/1234567`,
        `${C}/split:1b/reasoning/kvm/1234567`,
        `${C}/split:1b/reasoning/tcg/1234567`,
        `${C}/split:1b/vmm/1234567`,
      ]),
    );
    // What the pages show is not published twice.
    for (const p of [`${T}/target_arm/host_x86/accel_TCG/70`, `${C}/flat:1b/boot/1234567`, `${C}/split:1b/reasoning/boot/1234567`, `${C}/split:1b/output/kvm/1234567`]) expect(rawPaths).not.toContain(p);
  });

  it('names every file involved in the finding', () => {
    said(`${T}/target_i386/host_x86/accel_KVM/70`, `${T}/target_arm/host_x86/accel_TCG/70`, 'published raw');
    said(`${M}/target_mips/host_x86/accel_TCG/71.toml`, `${M}/target_arm/host_x86/accel_TCG/71.toml`, 'published raw');
    said(`${C}/flat:1b/kvm/1234567`, '3 labels', `${C}/flat:1b/boot/1234567`, `${C}/flat:1b/kvm/1234567`, `${C}/flat:1b/tcg/1234567`);
    said(`${C}/split:1b/reasoning/kvm/1234567`, '3 labels', `${C}/split:1b/reasoning/boot/1234567`, `${C}/split:1b/reasoning/tcg/1234567`);
    said(`${C}/split:1b/vmm/1234567`, 'flat file beside the split halves', `${C}/split:1b/output/kvm/1234567`, 'published raw');
  });

  it('gives box64 documentation/77 an id of its own when documentation-77 is a real file', () => {
    const texts = [...model.reports.values()].filter((r) => r.source === 'box64').map((r) => [r.id, r.text]);
    expect(Object.fromEntries(texts)).toEqual({
      '77': 'root seventy-seven\n',
      'documentation-77': 'a real documentation-77\n',
      'documentation/77': 'documentation seventy-seven\n',
    });
    said('results/scraper/box64/documentation/77', 'results/scraper/box64/77', 'results/scraper/box64/documentation-77', 'kept as documentation/77');
    said('results/scraper/box64/documentation/77', 'id "documentation/77" is not a plain URL name (the characters "/")');
  });
});
