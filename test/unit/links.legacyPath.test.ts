import { describe, expect, it } from 'vitest';
import {
  isShortLinkShape,
  looksLikeLegacyLink,
  parseUpstreamIssue,
  parseLegacyLink,
  parseLegacyLinkParts,
  resolveLink,
  resolveShortLink,
  resolveTreePath,
  type UpstreamIssue,
} from '../../src/lib/links/legacyPath.ts';
import { buildPathIndex } from '../../src/lib/links/pathIndex.ts';
import { linksModel } from '../support/linksTree.ts';

const REASONING = 'results/classifier/mode-deepseek-r1:32b/reasoning/system/2469';
const ZS = 'results/classifier/zero-shot/017/operating system/02364653';
const CGIT = 'https://git.example.org/cgit/emulator-bug-study';
const GH = 'https://github.com/ckrinitsin/emulator-bug-study';

describe('parseLegacyLink: every form people paste', () => {
  const forms: [string, string][] = [
    [`${CGIT}/tree/${REASONING}`, REASONING],
    [`${CGIT}/blob/${REASONING}`, REASONING],
    [`${CGIT}/plain/${REASONING}?h=main`, REASONING],
    [`${CGIT}/blame/${REASONING}?h=main`, REASONING],
    [`${CGIT}/log/${REASONING}`, REASONING],
    [`${CGIT}/tree/${REASONING}?id=bf802a572fc3b328dc3f0f2782c6ea9f3b2dd707`, REASONING],
    [`${GH}/blob/main/${REASONING}`, REASONING],
    [`${GH}/blob/bf802a572fc3b328dc3f0f2782c6ea9f3b2dd707/${REASONING}?plain=1`, REASONING],
    [`${GH}/tree/main/results/classifier/mode-deepseek-r1:32b`, 'results/classifier/mode-deepseek-r1:32b'],
    [`${GH}/raw/main/${REASONING}`, REASONING],
    [`https://raw.githubusercontent.com/ckrinitsin/emulator-bug-study/main/${REASONING}`, REASONING],
    [`https://raw.githubusercontent.com/ckrinitsin/emulator-bug-study/refs/heads/main/${REASONING}`, REASONING],
    [REASONING, REASONING],
    [`/${REASONING}/`, REASONING],
    [`git.example.org/cgit/emulator-bug-study/tree/${REASONING}`, REASONING],
    [`/archive/tree/${REASONING}`, REASONING],
    [`tree/${REASONING}///`, REASONING],
    [`  <${GH}/blob/main/${REASONING}>  `, REASONING],
    ['results', 'results'],
  ];
  it.each(forms)('%s', (input, want) => {
    expect(parseLegacyLink(input)).toBe(want);
  });

  it('decodes percent-encoding, and takes spaces and colons as they are', () => {
    const encoded = 'results/classifier/zero-shot/017/operating%20system/02364653';
    expect(parseLegacyLink(`${CGIT}/tree/${encoded}?h=main`)).toBe(ZS);
    expect(parseLegacyLink(`${CGIT}/tree/${ZS}`)).toBe(ZS);
    expect(parseLegacyLink(`${GH}/blob/main/results/classifier/mode-deepseek-r1%3A32b/reasoning/system/2469`)).toBe(REASONING);
    expect(parseLegacyLink(`${GH}/blob/main/results/classifier/mode-deepseek-r1%3a32b/reasoning/system/2469`)).toBe(REASONING);
    // Encoded twice (a link pasted through another link).
    expect(parseLegacyLink('results/classifier/zero-shot/017/operating%2520system/02364653')).toBe(ZS);
    // Malformed sequences are kept, the good ones decoded.
    expect(parseLegacyLink('results/classifier/x%ZZ/operating%20system/1')).toBe('results/classifier/x%ZZ/operating system/1');
  });

  it('keeps the line of a cgit `#n12` or GitHub `#L12` anchor', () => {
    expect(parseLegacyLink(`${CGIT}/tree/${REASONING}?h=main#n12`)).toBe(`${REASONING}#L12`);
    expect(parseLegacyLink(`${CGIT}/blame/${REASONING}#n3`)).toBe(`${REASONING}#L3`);
    expect(parseLegacyLink(`${GH}/blob/main/${REASONING}#L7`)).toBe(`${REASONING}#L7`);
    expect(parseLegacyLink(`${GH}/blob/main/${REASONING}#L7-L9`)).toBe(`${REASONING}#L7`);
    expect(parseLegacyLink(`${GH}/blob/main/${REASONING}#L7C2-L9C4`)).toBe(`${REASONING}#L7`);
    expect(parseLegacyLinkParts(`${CGIT}/tree/${ZS}#n1`)).toEqual({ path: ZS, line: 1 });
    // Not a line anchor: dropped, the path kept.
    expect(parseLegacyLink(`${GH}/blob/main/${REASONING}#readme`)).toBe(REASONING);
    expect(parseLegacyLink(`${GH}/blob/main/${REASONING}#L0`)).toBe(REASONING);
  });

  it("reads this site's own `/tree/?path=` links", () => {
    expect(parseLegacyLink(`https://archive.example/tree/?path=${encodeURIComponent(ZS)}`)).toBe(ZS);
    expect(parseLegacyLink('/tree/?path=results/classifier/zero-shot/017/operating+system/02364653')).toBe(ZS);
    expect(parseLegacyLink(`/tree/?path=${encodeURIComponent(`${GH}/blob/main/${REASONING}#L4`)}`)).toBe(`${REASONING}#L4`);
    expect(parseLegacyLink(`/tree/?path=${encodeURIComponent(REASONING)}#n5`)).toBe(`${REASONING}#L5`);
    expect(parseLegacyLink('/tree/?path=hello')).toBeNull();
  });

  it('returns null for what is not a results-tree link', () => {
    for (const input of [
      '',
      '   ',
      'hello world',
      'https://github.com/ckrinitsin/emulator-bug-study',
      `${GH}/blob/main/README.md`,
      'results.txt',
      'my-results/classifier/x',
      'results/unrelated/file',
      '/reports/gitlab/2469/',
      '/2469',
    ]) {
      expect(parseLegacyLink(input), input).toBeNull();
    }
  });
});

describe('resolveTreePath', () => {
  const index = buildPathIndex(linksModel());
  const resolve = (p: string) => resolveTreePath(p, index);

  it('scraper files → the report page, with the line where the page numbers lines', () => {
    expect(resolve('results/scraper/gitlab/issues_text/target_arm/host_x86/accel_KVM/2469')).toEqual({ url: 'reports/gitlab/2469/' });
    expect(resolve('results/scraper/gitlab/issues_text/target_arm/host_x86/accel_KVM/2469#L2')).toEqual({ url: 'reports/gitlab/2469/#L2', line: 2 });
    // The TOML's lines are not shown as such: the report, without a line anchor.
    expect(resolve('results/scraper/gitlab/issues_toml/target_arm/host_x86/accel_KVM/2469.toml#L3')).toEqual({ url: 'reports/gitlab/2469/', line: 3 });
    expect(resolve('results/scraper/gitlab/semantic_issues/gitlab_semantic_bzhi')).toEqual({ url: 'reports/gitlab-semantic/gitlab_semantic_bzhi/' });
    expect(resolve('results/scraper/launchpad/1694998#L4')).toEqual({ url: 'reports/launchpad/1694998/#L4', line: 4 });
    expect(resolve('results/scraper/launchpad-without-comments/1694998')).toEqual({ url: 'reports/launchpad/1694998/' });
    expect(resolve('results/scraper/launchpad-without-comments/1694998#L2')).toEqual({ url: 'reports/launchpad/1694998/#without-comments-L2', line: 2 });
    expect(resolve('results/scraper/mailinglist/02364653')).toEqual({ url: 'reports/mailinglist/02364653/' });
    expect(resolve('results/scraper/box64/2469')).toEqual({ url: 'reports/box64/2469/' });
    expect(resolve('results/scraper/box64/documentation/12#L1')).toEqual({ url: 'reports/box64/12/#L1', line: 1 });
    expect(resolve('results/scraper/fex/4686')).toEqual({ url: 'reports/fex/4686/' });
  });

  it('a box64 id filed twice: each file lands on the report the reader made of it', () => {
    expect(resolve('results/scraper/box64/9')).toEqual({ url: 'reports/box64/9/' });
    expect(resolve('results/scraper/box64/documentation/9')).toEqual({ url: 'reports/box64/documentation-9/' });
  });

  it('classifier run files → the report, at the run’s verdict (reasoning lines kept)', () => {
    expect(resolve(REASONING)).toEqual({ url: 'reports/gitlab/2469/#mode-deepseek-r1-32b' });
    expect(resolve(`${REASONING}#L12`)).toEqual({ url: 'reports/gitlab/2469/#mode-deepseek-r1-32b-L12', line: 12 });
    // The output file is the classified text: the verdict section, the line only reported.
    expect(resolve('results/classifier/mode-deepseek-r1:32b/output/system/2469#L2')).toEqual({ url: 'reports/gitlab/2469/#mode-deepseek-r1-32b', line: 2 });
    expect(resolve('results/classifier/gemma3:12b/operating system/1694998')).toEqual({ url: 'reports/launchpad/1694998/#gemma3-12b' });
    expect(resolve(ZS)).toEqual({ url: 'reports/mailinglist/02364653/#zero-shot-017' });
    expect(resolve('results/classifier/gemma3:12b/vnc/99999')).toEqual({ url: 'reports/unknown/99999/#gemma3-12b' });
  });

  it('the pre-restructure `zero-shot-user-mode/output/<label>/<id>` form', () => {
    expect(resolve('results/classifier/zero-shot-user-mode/output/runtime/1694998')).toEqual({ url: 'reports/launchpad/1694998/#zero-shot-user-mode' });
    expect(resolve('results/classifier/zero-shot-user-mode/runtime/1694998')).toEqual({ url: 'reports/launchpad/1694998/#zero-shot-user-mode' });
  });

  it("a run's tables, README and change lists → the run page", () => {
    expect(resolve('results/classifier/mode-deepseek-r1:32b/categories.csv')).toEqual({ url: 'runs/mode-deepseek-r1-32b/' });
    expect(resolve('results/classifier/zero-shot/017/analysis.csv')).toEqual({ url: 'runs/zero-shot-017/' });
    expect(resolve('results/classifier/zero-shot/017/README.md')).toEqual({ url: 'runs/zero-shot-017/' });
    expect(resolve('results/classifier/zero-shot/017/016-017')).toEqual({ url: 'runs/zero-shot-017/' });
  });

  it('curated set files → the report', () => {
    expect(resolve('results/classifier/semantic-bugs/gitlab_semantic_bzhi')).toEqual({ url: 'reports/gitlab-semantic/gitlab_semantic_bzhi/' });
    expect(resolve('results/classifier/user-mode-bugs/1694998')).toEqual({ url: 'reports/launchpad/1694998/' });
  });

  it('folders → the run page, a listing or home', () => {
    expect(resolve('results/classifier/zero-shot/017')).toEqual({ url: 'runs/zero-shot-017/' });
    expect(resolve('results/classifier/zero-shot/017/operating system')).toEqual({ url: 'runs/zero-shot-017/' });
    expect(resolve('results/classifier/mode-deepseek-r1:32b')).toEqual({ url: 'runs/mode-deepseek-r1-32b/' });
    expect(resolve('results/classifier/mode-deepseek-r1:32b/reasoning')).toEqual({ url: 'runs/mode-deepseek-r1-32b/' });
    expect(resolve('results/classifier/mode-deepseek-r1:32b/output/system')).toEqual({ url: 'runs/mode-deepseek-r1-32b/' });
    expect(resolve('results/classifier/gemma3:12b/operating system')).toEqual({ url: 'runs/gemma3-12b/' });
    expect(resolve('results/classifier/zero-shot')).toEqual({ url: 'runs/' });
    expect(resolve('results/classifier')).toEqual({ url: 'runs/' });
    expect(resolve('results/classifier/semantic-bugs')).toEqual({ url: '' });
    expect(resolve('results')).toEqual({ url: '' });
    expect(resolve('results/scraper')).toEqual({ url: 'reports/' });
    expect(resolve('results/scraper/launchpad')).toEqual({ url: 'reports/launchpad/' });
    expect(resolve('results/scraper/launchpad-without-comments')).toEqual({ url: 'reports/launchpad/' });
    expect(resolve('results/scraper/gitlab/issues_toml/target_arm/host_x86')).toEqual({ url: 'reports/gitlab/' });
    expect(resolve('results/scraper/gitlab/semantic_issues')).toEqual({ url: 'reports/gitlab-semantic/' });
    expect(resolve('results/scraper/box64/documentation')).toEqual({ url: 'reports/box64/' });
    expect(resolve('results/scraper/fex')).toEqual({ url: 'reports/fex/' });
  });

  it('null for what the archive does not have', () => {
    expect(resolve('results/scraper/launchpad/1')).toBeNull();
    expect(resolve('results/scraper/box64/123456')).toBeNull();
    expect(resolve('results/classifier/llama:7b/output/x/2469')).toBeNull();
    expect(resolve('results/classifier/llama:7b/categories.csv')).toBeNull();
    expect(resolve('results/classifier/zero-shot/999')).toBeNull();
    expect(resolve('results/classifier/semantic-bugs/nope')).toBeNull();
    expect(resolve('results/scraper/nowhere/1')).toBeNull();
    expect(resolve('results/notes/todo.txt')).toBeNull();
    expect(resolve('not/a/tree/path')).toBeNull();
  });

  it('a file of a known run whose id the archive lacks → the run page', () => {
    expect(resolve('results/classifier/mode-deepseek-r1:32b/output/system/123')).toEqual({ url: 'runs/mode-deepseek-r1-32b/' });
  });

  it('end to end: a pasted cgit link with a line anchor', () => {
    expect(resolveLink(`${CGIT}/tree/${REASONING}?h=main#n12`, index)).toEqual({
      kind: 'page',
      url: 'reports/gitlab/2469/#mode-deepseek-r1-32b-L12',
      line: 12,
    });
    expect(resolveLink(`${GH}/blob/main/results/classifier/zero-shot/017/operating%20system/02364653`, index)).toEqual({
      kind: 'page',
      url: 'reports/mailinglist/02364653/#zero-shot-017',
    });
  });
});

describe('short links', () => {
  const index = buildPathIndex(linksModel());

  it('an id one QEMU source has → its report, even when box64 shares it', () => {
    expect(resolveShortLink('/2469', index)).toEqual({ kind: 'report', url: 'reports/gitlab/2469/', others: ['reports/box64/2469/'] });
    expect(resolveShortLink('/1694998', index)).toEqual({ kind: 'report', url: 'reports/launchpad/1694998/', others: [] });
    expect(resolveShortLink('1694998/', index)).toEqual({ kind: 'report', url: 'reports/launchpad/1694998/', others: [] });
    expect(resolveShortLink('/gitlab_semantic_bzhi', index)).toEqual({ kind: 'report', url: 'reports/gitlab-semantic/gitlab_semantic_bzhi/', others: [] });
    expect(resolveShortLink('/02364653', index)).toEqual({ kind: 'report', url: 'reports/mailinglist/02364653/', others: [] });
  });

  it('leading zeros are optional', () => {
    expect(resolveShortLink('/2364653', index)).toEqual({ kind: 'report', url: 'reports/mailinglist/02364653/', others: [] });
  });

  it('an id two QEMU sources have is ambiguous: offered, not picked', () => {
    expect(resolveShortLink('/77', index)).toEqual({ kind: 'choices', urls: ['reports/gitlab/77/', 'reports/launchpad/77/'] });
    expect(resolveLink('/77', index)).toEqual({ kind: 'choices', urls: ['reports/gitlab/77/', 'reports/launchpad/77/'] });
  });

  it('an id only box64/fex have is offered, never redirected to', () => {
    expect(resolveShortLink('/4686', index)).toEqual({ kind: 'choices', urls: ['reports/fex/4686/'] });
    expect(resolveShortLink('/9', index)).toEqual({ kind: 'choices', urls: ['reports/box64/9/'] });
  });

  it('with an explicit source', () => {
    expect(resolveShortLink('/box64/2469', index)).toEqual({ kind: 'report', url: 'reports/box64/2469/', others: [] });
    expect(resolveShortLink('/launchpad/1694998/', index)).toEqual({ kind: 'report', url: 'reports/launchpad/1694998/', others: [] });
    expect(resolveShortLink('/fex/2469', index)).toBeNull();
  });

  it('null for unknown ids and other shapes', () => {
    expect(resolveShortLink('/31337', index)).toBeNull();
    expect(resolveShortLink('/search', index)).toBeNull();
    expect(resolveShortLink('/reports/gitlab/2469/', index)).toBeNull();
    expect(resolveShortLink('/a b', index)).toBeNull();
    expect(resolveShortLink('', index)).toBeNull();
    expect(isShortLinkShape('/reports/gitlab/2469/')).toBe(false);
    expect(isShortLinkShape('/2469')).toBe(true);
  });

  it('looksLikeLegacyLink decides whether the 404 page fetches the index', () => {
    expect(looksLikeLegacyLink('2469')).toBe(true);
    expect(looksLikeLegacyLink(`tree/${REASONING}`)).toBe(true);
    expect(looksLikeLegacyLink('reports/gitlab/999999/')).toBe(false);
    expect(looksLikeLegacyLink('runs/nope/label/x/')).toBe(false);
  });
});

describe('upstream issue URLs: the archived report of a GitLab issue, Launchpad bug, box64/FEX issue', () => {
  const index = buildPathIndex(linksModel());
  const page = (url: string) => ({ kind: 'page', url });

  it('reads every form of the trackers’ URLs, with or without scheme, host or trailing parts', () => {
    const forms: [string, UpstreamIssue | null][] = [
      ['https://gitlab.com/qemu-project/qemu/-/issues/2469', { source: 'gitlab', number: '2469' }],
      ['https://gitlab.com/qemu-project/qemu/issues/2469#note_12345', { source: 'gitlab', number: '2469' }],
      ['gitlab.com/qemu-project/qemu/-/work_items/2469', { source: 'gitlab', number: '2469' }],
      ['https://bugs.launchpad.net/qemu/+bug/1694998', { source: 'launchpad', number: '1694998' }],
      ['https://bugs.launchpad.net/qemu/+bug/1694998/comments/3', { source: 'launchpad', number: '1694998' }],
      ['https://bugs.launchpad.net/bugs/1694998', { source: 'launchpad', number: '1694998' }],
      ['https://launchpad.net/bugs/1694998', { source: 'launchpad', number: '1694998' }],
      ['https://bugs.launchpad.net/ubuntu/+source/qemu/+bug/1694998', { source: 'launchpad', number: '1694998' }],
      ['https://github.com/ptitSeb/box64/issues/2469', { source: 'box64', number: '2469' }],
      ['https://github.com/ptitseb/box64/issues/2469#issuecomment-1', { source: 'box64', number: '2469' }],
      ['https://github.com/FEX-Emu/FEX/issues/4686', { source: 'fex', number: '4686' }],
      // The 404 page sees the path of a link whose host was rewritten onto the archive's.
      ['qemu-project/qemu/-/issues/2469', { source: 'gitlab', number: '2469' }],
      ['/qemu/+bug/1694998', { source: 'launchpad', number: '1694998' }],
      ['ptitSeb/box64/issues/9', { source: 'box64', number: '9' }],
      ['https://gitlab.com/qemu-project/qemu/-/merge_requests/2469', null],
      ['https://github.com/ptitSeb/box64/pull/2469', null],
      ['https://example.org/qemu-project/qemu/-/issues/2469', null],
      ['https://github.com/qemu-project/qemu/-/issues/2469', null],
      ['https://gitlab.com/other/project/-/issues/2469', null],
    ];
    for (const [input, want] of forms) expect(parseUpstreamIssue(input), input).toEqual(want);
  });

  it('lands on the report, the renamed box64 file, or offers both box64 files of one number', () => {
    expect(resolveLink('https://gitlab.com/qemu-project/qemu/-/issues/2469', index)).toEqual(page('reports/gitlab/2469/'));
    expect(resolveLink('https://bugs.launchpad.net/qemu/+bug/1694998', index)).toEqual(page('reports/launchpad/1694998/'));
    expect(resolveLink('https://github.com/FEX-Emu/FEX/issues/4686', index)).toEqual(page('reports/fex/4686/'));
    // box64 2469 shares its number with GitLab 2469: the URL says which tracker.
    expect(resolveLink('https://github.com/ptitSeb/box64/issues/2469', index)).toEqual(page('reports/box64/2469/'));
    // box64/documentation/12: a section file under its plain id.
    expect(resolveLink('https://github.com/ptitSeb/box64/issues/12', index)).toEqual(page('reports/box64/12/'));
    // box64/9 and box64/documentation/9 (renamed documentation-9) are both issue 9 by file name.
    expect(resolveLink('https://github.com/ptitSeb/box64/issues/9', index)).toEqual({ kind: 'choices', urls: ['reports/box64/9/', 'reports/box64/documentation-9/'] });
    expect(resolveLink('https://gitlab.com/qemu-project/qemu/-/issues/999999', index)).toBeNull();
    expect(looksLikeLegacyLink('https://github.com/FEX-Emu/FEX/issues/4686')).toBe(true);
  });
});
