/**
 * Hostile input, one class at a time, on the pure parts: the URL rule for names, CSV and TOML
 * that do not parse or say more than the page shows, reasoning before `<think>`, look-alike names,
 * titles and large texts, ambiguous one-line dumps, and the reader on a tree with symlinks and a
 * FIFO (made here; they cannot be committed).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { gitBlobId } from '../../src/lib/blob.ts';
import { cutTitle, textBeginning, LARGE_TEXT_SHOWN, TITLE_MAX_CHARS, visibleName } from '../../src/lib/content/text.ts';
import { buildTreeTextIndex, classifyDumpFile } from '../../src/lib/dumps/index.ts';
import { isKnownUpstreamUrl } from '../../src/lib/links/original.ts';
import { parseCountsCsv } from '../../src/lib/parse/countsCsv.ts';
import { parseGitlabToml } from '../../src/lib/parse/gitlabToml.ts';
import { parseReasoning } from '../../src/lib/parse/reasoning.ts';
import { assignSegments, describeOddities, idSlug, labelSlug, modelSlug, nameSegment, plainSegment, runSlug, siteNameUse } from '../../src/lib/slug.ts';
import { rawAddresses, rawSlugs } from '../../src/lib/rawSlugs.ts';
import { buildDataFiles } from '../../src/lib/data/publish.ts';
import { fixtureModel } from '../fixtures/model.ts';
import { impossibleTimestamp, isTimestamp, readableTimestamp } from '../../src/lib/content/dates.ts';
import { createMarkdownRenderer } from '../../src/lib/content/markdown.ts';
import { reportHeading } from '../../src/lib/content/text.ts';
import { modelOf } from '../support/memoryTree.ts';
import { readResultsTree } from '../../src/lib/tree/readTree.ts';
import { checkLinks, describeBrokenLinks, scanHtml } from '../../scripts/linkcheck.ts';
import { reportData } from '../../src/lib/content/report.ts';

const URL_SAFE = /^[A-Za-z0-9._~-]+$/;

describe('the URL rule for names', () => {
  it('keeps the URLs of plain names', () => {
    expect(runSlug('mode-deepseek-r1:32b')).toBe('mode-deepseek-r1-32b');
    expect(runSlug('zero-shot/105')).toBe('zero-shot-105');
    expect(modelSlug('MoritzLaurer/deberta-v3-large-zeroshot-v2.0')).toBe('moritzlaurer-deberta-v3-large-zeroshot-v2.0');
    expect(labelSlug('operating system')).toBe('operating_system');
    expect(labelSlug('TCG-arm')).toBe('TCG-arm');
    expect(labelSlug('KVM')).not.toBe(labelSlug('kvm'));
    expect(idSlug('2469')).toBe('2469');
    expect(idSlug('gitlab_semantic_rorx')).toBe('gitlab_semantic_rorx');
  });

  it('gives every other name a readable, URL-safe, short segment that needs no encoding', () => {
    const odd = ['a b', 'index.html', 'x'.repeat(200) + '%'.repeat(80), '漢字', 'ÄÖ', '🙂', 'q?a#b=c&d:e+f,g@h', 'say "hi"', '<b>', '100%', '..', 'a/../b', '12\u200b34', 'run #1?x=%2F..:3b'];
    for (const name of odd) {
      for (const kind of ['run', 'model', 'label', 'id'] as const) {
        if (kind === 'label' && name === 'a b') continue; // a plain label: `a_b`
        const segment = nameSegment(kind, name);
        expect(segment, `${kind} ${name}`).toMatch(URL_SAFE);
        expect(segment, `${kind} ${name}`).toContain('~');
        expect(segment.length).toBeLessThanOrEqual(60);
        expect(encodeURIComponent(segment)).toBe(segment);
        expect(segment).not.toMatch(/^\.|\.html?$/);
      }
    }
    expect(idSlug('a b')).toMatch(/^a-b~[0-9a-f]{10}$/);
    expect(labelSlug('ÄÖ')).toMatch(/^AO~/);
  });

  it('never maps two names to one segment: encodings, invisible characters and case', () => {
    // An encode-then-escape rule made `a b` and `a_20b` one file; `a b` and `a_b` would be one label.
    expect(idSlug('a b')).not.toBe(idSlug('a_20b'));
    expect(labelSlug('a b')).not.toBe(labelSlug('a_b'));
    expect(idSlug('1234')).not.toBe(idSlug('12\u200b34'));
    const runs = assignSegments('run', ['Case:1b', 'case:1b', 'a:b', 'a-b', 'a/b']);
    expect(new Set(runs.segments.values()).size).toBe(5);
    // The name first in code-unit order keeps the plain segment.
    expect(runs.segments.get('Case:1b')).toBe('case-1b');
    expect(runs.segments.get('case:1b')).toMatch(/^case-1b~/);
    expect(runs.segments.get('a-b')).toBe('a-b');
    expect(runs.notes.map((n) => n.name).sort()).toEqual(['a/b', 'a:b', 'case:1b']);
    expect(runs.notes.find((n) => n.name === 'case:1b')!.reason).toContain('"Case:1b"');
  });

  it('is stable: the same name gives the same segment whatever else is in the tree', () => {
    const alone = assignSegments('run', ['x%2Fy:1b']).segments.get('x%2Fy:1b');
    const among = assignSegments('run', ['x%2Fy:1b', 'b', 'a', 'zzz']).segments.get('x%2Fy:1b');
    expect(alone).toBe(among);
    expect(alone).toBe(runSlug('x%2Fy:1b'));
  });
});

describe('names spelled like what the site itself writes', () => {
  it('get a hashed segment of their own, for every kind of name, and say why', () => {
    const cases: [Parameters<typeof nameSegment>[0], string][] = [
      ['label', 'verdicts.csv'],
      ['label', 'matrix.csv'],
      ['label', 'Categories.CSV'],
      ['label', 'page'],
      ['id', 'pagefind'],
      ['id', '_astro'],
      ['id', 'feed.xml'],
      ['run', 'verdicts'],
      ['run', 'classified-1'],
      ['run', 'Without-Comments'],
      ['run', 'history'],
      ['model', 'set-semantic-bugs'],
    ];
    for (const [kind, name] of cases) {
      expect(plainSegment(kind, name), `${kind} ${name}`).toBeNull();
      const segment = nameSegment(kind, name);
      expect(segment, `${kind} ${name}`).toMatch(/~[0-9a-f]{10}$/);
      expect(siteNameUse(segment), segment).toBeUndefined();
      expect(describeOddities(name), name).toMatch(/spelled like the site’s own/);
    }
    expect(labelSlug('verdicts.csv')).toMatch(/^verdicts\.csv~/);
    expect(runSlug('verdicts')).toMatch(/^verdicts~/);
    // Names that only begin or end like one stay plain.
    expect(labelSlug('verdicts')).toMatch(/^verdicts~/); // one rule for every kind of name
    for (const [kind, name] of [['label', 'pages'], ['label', 'csv'], ['run', 'classified'], ['run', 'verdicts-2:1b'], ['id', 'history1']] as const) {
      expect(plainSegment(kind, name), `${kind} ${name}`).not.toBeNull();
    }
  });

  it('cover every file a run page sits beside and every fixed id of a report page', () => {
    // The files the data step writes: a label page beside them must not take their name.
    const files = [...buildDataFiles(fixtureModel()).files.keys()];
    const runFiles = files.filter((f) => f.startsWith('runs/')).map((f) => f.split('/').pop()!);
    expect(runFiles.length).toBeGreaterThan(0);
    for (const name of [...new Set([...runFiles, ...files.map((f) => f.split('/').pop()!), 'matrix.csv', 'index.html'])]) expect(siteNameUse(name), name).toBeDefined();
    // The ids a report page writes itself (a run's segment is an id there too), read from its components.
    const components = ['ReportHeader', 'ReportText', 'Verdicts', 'VerdictTable', 'ReportHistory', 'Cite', 'Scores', 'Provenance', 'Lines', 'notes/Note'];
    const sources = [...components.map((c) => `src/components/${c}.astro`), 'src/layouts/Base.astro'].map((f) => readFileSync(f, 'utf8'));
    const fixed = sources.flatMap((src) => [...src.matchAll(/\bid="([^"{]+)"/g)].map((m) => m[1]!));
    const families = sources.flatMap((src) => [...src.matchAll(/\bid=\{`([a-z-]+)\$\{/g)].map((m) => `${m[1]!}x`));
    expect(fixed).toEqual(expect.arrayContaining(['verdicts', 'history', 'text-heading']));
    expect(families).toEqual(expect.arrayContaining(['set-x', 'history-x']));
    for (const id of [...fixed, ...families, 'text', 'without-comments', 'classified-1', 'classified-12']) expect(siteNameUse(id), id).toBeDefined();
  });

  it('never move a plain name that is not the site’s', () => {
    expect(labelSlug('kvm')).toBe('kvm');
    expect(labelSlug('manual-review')).toBe('manual-review');
    expect(runSlug('deepseek-r1:14b')).toBe('deepseek-r1-14b');
    expect(idSlug('03807713')).toBe('03807713');
  });
});

describe('raw files whose published names meet', () => {
  it('give a file whose published name is another file’s folder an address of its own, and name it', () => {
    const paths = ['results/extra/notes', 'results/extra/notes.txt/readme', 'results/extra/data', 'results/extra/data.json/x', 'results/plain/file'];
    const { slugs, notes } = rawAddresses(paths);
    expect(slugs.get('results/extra/notes.txt/readme')).toBe('extra/notes.txt/readme');
    expect(slugs.get('results/extra/notes')).toMatch(/^extra\/notes-[0-9a-f]{8}$/);
    expect(slugs.get('results/extra/data.json/x')).toBe('extra/data.json/x');
    expect(slugs.get('results/extra/data')).toMatch(/^extra\/data-[0-9a-f]{8}$/);
    expect(slugs.get('results/plain/file')).toBe('plain/file');
    expect(notes.map((n) => n.path).sort()).toEqual(['results/extra/data', 'results/extra/notes']);
    expect(notes.find((n) => n.path === 'results/extra/notes')!.reason).toContain('results/extra/notes.txt/readme');
    // No published file is another's folder, and no two share one.
    const published = [...slugs.values()].flatMap((s) => [`${s}.txt`, `${s}.json`]);
    const folders = new Set([...slugs.values()].flatMap((s) => s.split('/').slice(0, -1).map((_, i, a) => a.slice(0, i + 1).join('/'))));
    expect(published.filter((f) => folders.has(f))).toEqual([]);
    expect(new Set(slugs.values()).size).toBe(paths.length);
    // Paths that meet nothing keep the slugs they always had.
    expect(rawSlugs(['results/a b/c'])).toEqual(new Map([['results/a b/c', 'a-b/c']]));
  });
});

describe('values shown as written or named as changed (issue 24)', () => {
  it('never read an impossible date or time as another one', () => {
    expect(impossibleTimestamp('2024-02-30T10:00:00Z')).toBe('2024-02 has 29 days');
    expect(impossibleTimestamp('2023-02-29')).toBe('2023-02 has 28 days');
    expect(impossibleTimestamp('2024-03-01T25:61:00Z')).toBe('hour 25, minute 61');
    expect(impossibleTimestamp('2024-13-01')).toBe('month 13');
    expect(impossibleTimestamp('2024-02-29T23:59:60Z')).toBeUndefined();
    expect(impossibleTimestamp('2000-02-29T00:00:00.5+05:30')).toBeUndefined();
    expect(impossibleTimestamp('n/a')).toBeUndefined();
    for (const bad of ['2024-02-30T10:00:00Z', '2024-03-01T25:61:00Z']) {
      expect(isTimestamp(bad), bad).toBe(false);
      expect(readableTimestamp(bad), bad).toBe(bad);
    }
    expect(readableTimestamp('2024-07-31T21:44:40.312Z')).toBe('2024-07-31 21:44 UTC');
  });

  it('keep a TOML date the TOML reader would roll over as written, and name it with its line', () => {
    const meta = parseGitlabToml('id = 1\ntitle = "t"\ncreated_at = 2024-02-30T10:00:00Z\nclosed_at = 2024-03-02T10:00:00Z\n');
    expect(meta.createdAt).toBe('2024-02-30T10:00:00Z');
    expect(meta.closedAt).toBe('2024-03-02T10:00:00.000Z');
    const model = modelOf({
      'results/scraper/gitlab/issues_toml/target_arm/host_x86/accel_TCG/5.toml': 'id = 5\ntitle = "t"\ncreated_at = 2024-02-30T10:00:00Z\nclosed_at = "2024-03-01T25:61:00Z"\n',
      'results/scraper/gitlab/issues_text/target_arm/host_x86/accel_TCG/5': 't\n',
    });
    expect(model.reports.get('gitlab/5')!.gitlab).toMatchObject({ createdAt: '2024-02-30T10:00:00Z', closedAt: '2024-03-01T25:61:00Z' });
    const said = model.findings.filter((f) => /not a real date/.test(f.message)).map((f) => [f.line, f.message]);
    expect(said).toEqual([
      [4, expect.stringContaining('closed_at "2024-03-01T25:61:00Z" is not a real date and time (hour 25, minute 61)')],
      [3, expect.stringContaining('created_at "2024-02-30T10:00:00Z" is not a real date and time (2024-02 has 29 days)')],
    ]);
  });

  it('name counts not written as plain integers, and keep the row', () => {
    const { rows, problems } = parseCountsCsv('category, count\nsyscall, 0x12\nperformance, 140e-1\nboot, +3\nkvm, 4\nnone, 0\n');
    expect(rows).toEqual([
      { category: 'syscall', count: 18 },
      { category: 'performance', count: 14 },
      { category: 'boot', count: 3 },
      { category: 'kvm', count: 4 },
      { category: 'none', count: 0 },
    ]);
    expect(problems).toEqual([
      { line: 2, message: 'count "0x12" of "syscall" is not written as a plain integer; read as 18' },
      { line: 3, message: 'count "140e-1" of "performance" is not written as a plain integer; read as 14' },
      { line: 4, message: 'count "+3" of "boot" is not written as a plain integer; read as 3' },
    ]);
  });

  it('render what markdown would drop: unused definitions, unreferenced footnotes, link titles', () => {
    const html = createMarkdownRenderer({ cacheDir: null })(
      'See [the page][ref].\n\n[ref]: https://example.org/page "A link-reference title"\n\n[spare]: https://example.org/spare\n\nUsed[^1].\n\n[^1]: used note\n\n[^unused]: An unreferenced footnote\n',
    );
    expect(html).toContain('(“A link-reference title”)');
    expect(html).toContain('[spare]: https://example.org/spare');
    expect(html).toContain('[^unused]: An unreferenced footnote');
    expect(html).toContain('used note');
    expect(html).not.toContain('<script');
  });

  /** Every `#…` link of some HTML that names no id of it (fragments decoded as a browser does). */
  function danglingInPageLinks(html: string): string[] {
    const { links, ids } = scanHtml(html);
    return links
      .filter((l) => l.attribute === 'href' && l.url.startsWith('#') && l.url !== '#')
      .map((l) => l.url)
      .filter((u) => !ids.has(u.slice(1)) && !ids.has(decodeURIComponent(u.slice(1))));
  }

  it('give footnotes and headings one id prefix, so every in-page link of a rendered text lands on it', () => {
    const md = createMarkdownRenderer({ cacheDir: null });
    const text = [
      '## Host environment',
      '',
      'A note[^1], a named one[^note], one in another script[^ü] and an escape[^a%20b]; the same note again[^1].',
      'As said [above](#host-environment), see [the flags](#use-flags-app-emulationqemu) and [the second](#host-environment-1).',
      '',
      '### USE flags `app-emulation/qemu`',
      '',
      '## Host environment',
      '',
      '[^1]: First.',
      '[^note]: Named.',
      '[^ü]: Ümlaut.',
      '[^a%20b]: Escaped.',
      '',
    ].join('\n');
    const html = md(text);
    const { links, ids } = scanHtml(html);
    expect(danglingInPageLinks(html)).toEqual([]);
    // Each footnote has its element and one prefix (remark-rehype's and rehype-sanitize's doubled before).
    const footnoteLinks = links.filter((l) => /^#user-content-fn-/.test(l.url));
    expect(footnoteLinks.length).toBe(5);
    expect([...ids].filter((id) => id.includes('user-content-user-content'))).toEqual([]);
    // Headings get GitLab's anchors, a repeated one numbered as GitLab does.
    expect(ids).toContain('user-content-host-environment');
    expect(ids).toContain('user-content-host-environment-1');
    expect(ids).toContain('user-content-use-flags-app-emulationqemu');
    expect(links.map((l) => l.url)).toContain('#user-content-use-flags-app-emulationqemu');
    // Every id of a rendered text is in the family the URL rule keeps from run names.
    for (const id of ids) expect(siteNameUse(id), id).toBe('section ids on a report page');
  });

  it('send a link to a section the text lacks to that section of the original, or show it as text', () => {
    const md = createMarkdownRenderer({ cacheDir: null });
    const text = 'Refer to [Description of problem](#description-of-problem).';
    const url = 'https://gitlab.com/qemu-project/qemu/-/issues/2624';
    const linked = md(text, { documentUrl: url });
    expect(danglingInPageLinks(linked)).toEqual([]);
    expect(scanHtml(linked).links.map((l) => l.url)).toEqual([`${url}#description-of-problem`]);
    const plain = md(text);
    expect(danglingInPageLinks(plain)).toEqual([]);
    expect(scanHtml(plain).links).toEqual([]);
    expect(plain).toContain('Description of problem');
    expect(plain).toContain('(#description-of-problem)');
  });

  it('keep the ids of a report page\'s three GitLab texts apart, each with its links', () => {
    const fields = 'description = """Desc[^1].\n\n## Notes\n\n[^1]: d."""\nreproduce = """Repro[^1], see [notes](#notes).\n\n## Notes\n\n[^1]: r."""\nadditional = """More[^1] and [gone](#nowhere).\n\n[^1]: a."""\n';
    const model = modelOf({
      'results/scraper/gitlab/issues_toml/target_arm/host_x86/accel_TCG/7.toml': `id = 7\ntitle = "t"\nurl = "https://gitlab.com/qemu-project/qemu/-/issues/7"\n${fields}`,
    });
    const report = [...model.reports.values()][0]!;
    const md = createMarkdownRenderer({ cacheDir: null });
    const page = reportData(model, report, md).markdown.map((m) => m.html).join('\n');
    expect(danglingInPageLinks(page)).toEqual([]);
    const { links, ids } = scanHtml(page);
    // Three footnote sections, three headings named alike: no id twice on the page.
    const all: string[] = [];
    for (const m of page.matchAll(/ id="([^"]*)"/g)) all.push(m[1]!);
    expect(all.length).toBeGreaterThan(6);
    expect(new Set(all).size).toBe(all.length);
    expect(ids).toContain('user-content-fn-1');
    expect(ids).toContain('user-content-reproduce.fn-1');
    expect(ids).toContain('user-content-additional.fn-1');
    // A link lands on the heading of its own text; one to no element of any goes to the original.
    expect(links.map((l) => l.url)).toContain('#user-content-reproduce.notes');
    expect(links.map((l) => l.url)).toContain('https://gitlab.com/qemu-project/qemu/-/issues/7#nowhere');
  });

  it('show a cut title whole in the report heading, or say where it is whole', () => {
    expect(reportHeading({ title: 'short' })).toEqual({ text: 'short' });
    const long = 'x'.repeat(1000);
    expect(reportHeading({ title: cutTitle(long), fullTitle: long, titleChars: 1000 })).toEqual({ text: long });
    const huge = reportHeading({ title: cutTitle(long), titleChars: 5_000_000 });
    expect(huge.text).toBe(cutTitle(long));
    expect(huge.cutNote).toMatch(/5,000,000 characters/);
  });
});

describe('CSV tables with a bad quote', () => {
  it('keep every good row and name each bad line', () => {
    const parsed = parseCountsCsv('category, count\nlabel "x", 1\nruntime, 2\nsyscall, 3\n');
    expect(parsed.rows).toEqual([{ category: 'runtime', count: 2 }, { category: 'syscall', count: 3 }]);
    expect(parsed.problems).toHaveLength(1);
    expect(parsed.problems[0]!.line).toBe(2);
    expect(parsed.problems[0]!.message).toContain(JSON.stringify('label "x", 1'));
  });

  it('report an unclosed quote with its line', () => {
    const parsed = parseCountsCsv('category, count\nruntime, 2\n"unclosed, 3\n');
    expect(parsed.rows).toEqual([{ category: 'runtime', count: 2 }]);
    expect(parsed.problems.map((p) => p.line)).toEqual([3]);
  });
});

describe('TOML values the page has no place for', () => {
  const text = 'id = "7"\ntitle = "t"\nlabels = "not-a-list"\nurl = "ftp://example.org/x"\nsecret = "s"\nnested = { a = 1 }\ncreated_at = 2024-03-01T23:30:00Z\n';

  it('are kept raw with their lines, never dropped', () => {
    const meta = parseGitlabToml(text);
    expect(meta.labels).toEqual([]);
    expect(meta.url).toBeUndefined();
    expect(meta.unshown?.map((u) => [u.key, u.line])).toEqual([
      ['labels', 3],
      ['url', 4],
      ['secret', 5],
      ['nested', 6],
    ]);
    expect(meta.unshown?.find((u) => u.key === 'secret')?.raw).toBe('secret = "s"');
  });

  it('turn dates into their own text, the same under any time zone', () => {
    expect(parseGitlabToml(text).createdAt).toBe('2024-03-01T23:30:00.000Z');
    const script = `import { parseGitlabToml } from ${JSON.stringify(path.resolve('src/lib/parse/gitlabToml.ts'))}; console.log(parseGitlabToml(${JSON.stringify(text)}).createdAt)`;
    const under = (tz: string) => execFileSync(path.resolve('node_modules/.bin/tsx'), ['-e', script], { env: { ...process.env, TZ: tz, LANG: 'de_DE.UTF-8', LC_ALL: 'de_DE.UTF-8' } }).toString();
    expect(under('Pacific/Kiritimati')).toBe(under('America/Adak'));
  }, 60_000);
});

describe('original report links', () => {
  it('link only known upstream hosts', () => {
    expect(isKnownUpstreamUrl('https://gitlab.com/qemu-project/qemu/-/issues/2469')).toBe(true);
    expect(isKnownUpstreamUrl('https://bugs.launchpad.net/qemu/+bug/1905562')).toBe(true);
    expect(isKnownUpstreamUrl('https://github.com/ptitSeb/box64/issues/12')).toBe(true);
    expect(isKnownUpstreamUrl('https://evil.example/phish')).toBe(false);
    expect(isKnownUpstreamUrl('https://gitlab.com.evil.example/qemu-project/x')).toBe(false);
    expect(isKnownUpstreamUrl('javascript:alert(1)')).toBe(false);
  });
});

describe('reasoning files', () => {
  it('keep the text before <think>, with its line', () => {
    const r = parseReasoning('echoed prompt\nsecond line\n<think>\nhmm\n</think>\n\nso: runtime\n');
    expect(r.preamble).toBe('echoed prompt\nsecond line');
    expect(r.preambleLine).toBe(1);
    expect(r.thinking).toBe('hmm');
    expect(r.thinkingLine).toBe(4);
    expect(r.finalLabel).toBe('runtime');
    expect(parseReasoning('<think>\nhmm\n</think>\nruntime').preamble).toBeUndefined();
    expect(parseReasoning('before <think> never closed').preamble).toBe('before');
  });
});

describe('names and titles as shown', () => {
  it('write out invisible and direction-changing characters', () => {
    expect(visibleName('mode-\u202eevil:1b')).toBe('mode-⟨U+202E⟩evil:1b');
    expect(visibleName('12\u200b34')).toBe('12⟨U+200B⟩34');
    expect(visibleName('plain-name:1b')).toBe('plain-name:1b');
  });

  it('cut over-long titles, never inside a surrogate pair', () => {
    expect(cutTitle('short')).toBe('short');
    const long = '🙂'.repeat(5000);
    const cut = cutTitle(long);
    expect([...cut.slice(0, -1)]).toHaveLength(TITLE_MAX_CHARS);
    expect(cut.endsWith('…')).toBe(true);
    expect(cut).not.toMatch(/[\ud800-\udbff]…$/);
  });

  it('show the beginning of a large text', () => {
    const line = 'W'.repeat(5 * 1024 * 1024);
    expect(textBeginning(line)).toHaveLength(LARGE_TEXT_SHOWN);
    const lines = 'abc\n'.repeat(100_000);
    expect(textBeginning(lines).endsWith('\n')).toBe(true);
  });
});

describe('a one-line dump that fits two tree files', () => {
  it('is ambiguous: both are candidates and it is not exact', () => {
    const report = { path: 'results/scraper/launchpad/1', text: 'Title only line\n' };
    const output = { path: 'results/classifier/r:1b/output/runtime/1', text: 'Title only line\n\n' };
    const index = buildTreeTextIndex([report, output].map((f) => ({ ...f, blob: gitBlobId(f.text) })));
    const { dump } = classifyDumpFile('dump.txt', 'Title only line', index);
    expect(dump.candidates).toEqual([output.path, report.path]);
    expect(dump.path).toBeNull();
    expect(dump.status).not.toBe('exact');
  });

  it('stays exact when only one file fits', () => {
    const report = { path: 'results/scraper/launchpad/1', text: 'Title only line\n' };
    const index = buildTreeTextIndex([{ ...report, blob: gitBlobId(report.text) }]);
    const { dump } = classifyDumpFile('dump.txt', 'Title only line', index);
    expect(dump.status).toBe('exact');
    expect(dump.path).toBe(report.path);
  });
});

describe('the reader on a tree with things that are not files', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'hostile-reader-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('counts and lists symlinks, loops and FIFOs, and never opens them', async () => {
    const root = path.join(dir, 'results');
    mkdirSync(path.join(root, 'scraper/launchpad'), { recursive: true });
    mkdirSync(path.join(root, 'scraper/mailinglist'), { recursive: true });
    writeFileSync(path.join(root, 'scraper/launchpad/1'), 'A bug\ntext\n');
    symlinkSync('/etc/passwd', path.join(root, 'scraper/launchpad/2'));
    symlinkSync('..', path.join(root, 'scraper/launchpad/loop'));
    // Opening a FIFO for reading would block this test forever.
    execFileSync('mkfifo', [path.join(root, 'scraper/mailinglist/3')]);
    const model = await readResultsTree(dir);
    expect([...model.reports.keys()]).toEqual(['launchpad/1']);
    expect(model.inputs.total).toBe(4);
    expect(model.inputs.byLayout).toMatchObject({ 'not read: symlink': 2, 'not read: fifo': 1 });
    const listed = model.findings.filter((f) => /not followed and not read/.test(f.message)).map((f) => f.path);
    expect(listed).toEqual(['results/scraper/launchpad/2', 'results/scraper/launchpad/loop', 'results/scraper/mailinglist/3']);
    expect(JSON.stringify(model)).not.toContain('root:x:0:0');
  });
});

/** A cgit page of `treePath` as a browser's "save as text" writes it: header, line numbers, lines. */
function cgitPage(treePath: string, text: string, blob = gitBlobId(text)): string {
  const lines = text.split('\n').slice(0, -1);
  return `summary refs log tree commit diff stats\npath: root/${treePath}\nblob: ${blob} (plain) (blame)\n${lines.map((_, i) => i + 1).join('\n')}\n${lines.join('\n')}\n`;
}

describe('a page dump and a tree file claiming one path (issue 24)', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'hostile-dumps-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const put = (rel: string, text: string) => {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  };
  const treeText = 'Tree title\nThe tree says one thing.\n';
  const dumpText = 'Dump title\nThe dump says another thing.\n';
  const otherDump = 'Dump title\nA third text for the same path.\n';

  it('keeps both: the page from the tree file, the dump published raw, and a finding naming both', async () => {
    put('results/scraper/launchpad/1234', treeText);
    put('results/scraper/launchpad/1235', treeText.replace('one', 'the same'));
    // Another content for 1234, from the dumps folder and from a page saved inside the tree.
    put('dumps/other.txt', cgitPage('results/scraper/launchpad/1234', dumpText));
    put('results/saved/cgit-1234.txt', cgitPage('results/scraper/launchpad/1234', otherDump));
    // The same content as 1235's file: a provenance of it, nothing published raw.
    put('dumps/same.txt', cgitPage('results/scraper/launchpad/1235', treeText.replace('one', 'the same')));
    // Two dumps of a path the tree lacks: the first stands in, the second (other content) is published raw.
    put('dumps/first.txt', cgitPage('results/scraper/launchpad/1300', 'First dump\ntext\n'));
    put('dumps/second.txt', cgitPage('results/scraper/launchpad/1300', 'Second dump\nother text\n'));
    const model = await readResultsTree(path.join(dir, 'results'), { dumpsDir: path.join(dir, 'dumps') });

    const report = model.reports.get('launchpad/1234')!;
    expect(report.text).toBe(treeText);
    expect(report.provenance.map((p) => p.via)).toEqual(['tree']);
    const raw = new Map(model.raw.map((r) => [r.path, r]));
    expect(raw.get('dumps/other.txt')).toEqual({ path: 'dumps/other.txt', blob: gitBlobId(dumpText), text: dumpText });
    expect(raw.get('results/saved/cgit-1234.txt')).toEqual({ path: 'results/saved/cgit-1234.txt', blob: gitBlobId(otherDump), text: otherDump });
    const named = (file: string, ...also: string[]) =>
      expect(model.findings.some((f) => f.path === file && f.message.includes(`the page dump ${file} shows`) && also.every((a) => f.message.includes(a))), `${file}: ${also.join(', ')}`).toBe(true);
    named('other.txt', 'results/scraper/launchpad/1234', gitBlobId(treeText), gitBlobId(dumpText), 'published raw as dumps/other.txt');
    named('results/saved/cgit-1234.txt', 'results/scraper/launchpad/1234', gitBlobId(treeText), 'published raw as results/saved/cgit-1234.txt');

    // Same content: a provenance, no raw copy, no such finding.
    expect(model.reports.get('launchpad/1235')!.provenance.map((p) => p.via)).toEqual(['tree', 'dump']);
    expect(raw.has('dumps/same.txt')).toBe(false);
    expect(model.findings.some((f) => f.path === 'same.txt' && f.message.startsWith('the page dump'))).toBe(false);

    // Dump against dump.
    expect(model.reports.get('launchpad/1300')!.text).toBe('First dump\ntext\n');
    expect(raw.get('dumps/second.txt')!.text).toBe('Second dump\nother text\n');
    named('second.txt', 'the page dump first.txt', 'published raw as dumps/second.txt');

    // The raw copies get addresses of their own, apart from every tree file's.
    const slugs = rawSlugs(model.raw.map((r) => r.path));
    expect(new Set(slugs.values()).size).toBe(model.raw.length);
  });
});

describe('the link check the build runs', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'hostile-links-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('names the page of every link to a file that was not built', () => {
    mkdirSync(path.join(dir, 'runs/x'), { recursive: true });
    writeFileSync(path.join(dir, 'index.html'), '<a href="/runs/x/">ok</a><a href="/runs/run%20%231%3Fx/">gone</a>');
    writeFileSync(path.join(dir, 'runs/x/index.html'), '<a href="/labels/a%3Fb/">gone too</a>');
    const broken = checkLinks(dir, '/');
    expect(broken.map((b) => b.page)).toEqual(['index.html', 'runs/x/index.html']);
    const message = describeBrokenLinks(broken);
    expect(message).toContain('2 internal links on 2 pages');
    expect(message).toContain('runs/x/index.html: href="/labels/a%3Fb/"');
    // As the build runs it: a step whose last line the build turns into its error.
    const out = execFileSync(path.resolve('node_modules/.bin/tsx'), ['scripts/linkcheck.ts', dir, '/']).toString().trim().split('\n').pop()!;
    const result = JSON.parse(out) as { broken: number; message: string };
    expect(result.broken).toBe(2);
    expect(result.message).toContain('index.html: href="/runs/run%20%231%3Fx/" (missing-file)');
  }, 60_000);
});
