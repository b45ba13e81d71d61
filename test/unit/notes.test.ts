/**
 * Notes (src/lib/notes/): where a note may be, what its MDX may hold, what its components name,
 * and the errors a broken note gives (file and line), on the hand-made fixture model's content.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { buildContent } from '../../src/lib/content/index.ts';
import { createMarkdownRenderer } from '../../src/lib/content/markdown.ts';
import { checkNotes, formatNoteProblems, newestFirst, parseNotes, type NoteSummary } from '../../src/lib/notes/check.ts';
import { notesFeedXml } from '../../src/lib/notes/feed.ts';
import { parseNote } from '../../src/lib/notes/parse.ts';
import { lineSpans, parseLineSpan, resolveNoteComponent } from '../../src/lib/notes/resolve.ts';
import { calendarDay } from '../../src/lib/notes/schema.ts';
import { contentReaderOfMap, noteSite } from '../../src/lib/notes/site.ts';
import { noteTargetOf } from '../../src/lib/notes/target.ts';
import { lineRangeAnchor, lineRangeEnds, reasoningLineAnchor, reportLineAnchor } from '../../src/lib/paths.ts';
import type { NoteSite } from '../../src/lib/notes/check.ts';
import { fixtureModel } from '../fixtures/model.ts';

const FRONT = '---\ndate: 2026-12-01\n---\n\n';
let site: NoteSite;

beforeAll(async () => {
  const files = await buildContent(fixtureModel(), { markdown: createMarkdownRenderer({ cacheDir: null }) });
  site = noteSite(contentReaderOfMap(files));
}, 120_000);

describe('where a note may be', () => {
  it('mirrors the page it annotates', () => {
    expect(noteTargetOf('index.mdx')).toEqual({ kind: 'home' });
    expect(noteTargetOf('reports/gitlab/1033.mdx')).toEqual({ kind: 'report', stem: 'gitlab/1033' });
    expect(noteTargetOf('runs/deepseek-r1-32b.mdx')).toEqual({ kind: 'run', slug: 'deepseek-r1-32b' });
    expect(noteTargetOf('models/qwen3-32b.mdx')).toEqual({ kind: 'model', slug: 'qwen3-32b' });
    expect(noteTargetOf('tasks/semantic.mdx')).toEqual({ kind: 'task', task: 'semantic' });
  });

  it('is nowhere else', () => {
    for (const rel of ['notes.md', 'reports/gitlab.mdx', 'reports/gitlab/x/1.mdx', 'runs/a/b.mdx', 'other/x.mdx', 'reports/../x/1.mdx']) {
      expect(noteTargetOf(rel), rel).toHaveProperty('error');
    }
  });
});

describe('a note’s MDX', () => {
  it('gives its frontmatter, components with their lines, and its words', () => {
    const { note, problems } = parseNote(
      '---\ndate: 2026-12-01\ntitle: a title\nauthor: A. Person\n---\n\nThe model said <Verdict run="deepseek-r1:14b" />.\n\n<Lines lines="2-3" />\n\nSee *also* `kvm`.\n',
    );
    expect(problems).toEqual([]);
    expect(note!.frontmatter).toEqual({ date: new Date('2026-12-01T00:00:00Z'), title: 'a title', author: 'A. Person' });
    expect(note!.components).toEqual([
      { name: 'Verdict', attrs: { run: 'deepseek-r1:14b' }, line: 7 },
      { name: 'Lines', attrs: { lines: '2-3' }, line: 9 },
    ]);
    expect(note!.text).toBe('The model said deepseek-r1:14b’s verdict. (lines 2-3) See also kvm.');
  });

  it.each([
    ['no frontmatter', 'Just text.\n', 1, 'no frontmatter'],
    ['no date', '---\ntitle: x\n---\n\nText.\n', 2, 'frontmatter date'],
    ['a rolled-over date', '---\ndate: 2024-02-30\n---\n\nText.\n', 2, '"2024-02-30" is not a calendar day'],
    ['an unknown key', '---\ndate: 2026-12-01\nauther: x\n---\n\nText.\n', 2, 'auther'],
    ['broken YAML', '---\ndate: [2026\n---\n\nText.\n', undefined, 'frontmatter is not YAML'],
    ['an unknown component', `${FRONT}<Script src="x" />\n`, 5, 'unknown component <Script>'],
    ['an import', `${FRONT}import x from './x.js'\n\nText.\n`, 5, 'import/export is not allowed'],
    ['an expression', `${FRONT}Two is {1 + 1}.\n`, 5, 'an expression {1 + 1}'],
    ['an attribute expression', `${FRONT}<Lines lines={3} />\n`, 5, 'write the value as a string'],
    ['an unknown attribute', `${FRONT}<Report id="gitlab/1" colour="red" />\n`, 5, 'has no attribute colour'],
    ['a missing attribute', `${FRONT}<Pair a="x" />\n`, 5, '<Pair> needs b="…"'],
    ['content inside a component', `${FRONT}<Report id="gitlab/1">text</Report>\n`, 5, 'takes no content'],
    ['an MDX syntax error', `${FRONT}Fine.\n\n<Report id=gitlab/1 />\n\nMore.\n`, 7, 'MDX syntax'],
  ])('refuses %s, with its line', (_what, source, line, message) => {
    const { note, problems } = parseNote(source);
    expect(note).toBeUndefined();
    expect(problems.length).toBeGreaterThan(0);
    const p = problems.find((x) => x.message.includes(message));
    expect(p, JSON.stringify(problems)).toBeDefined();
    if (line !== undefined) expect(p!.line).toBe(line);
  });

  it('knows calendar days', () => {
    expect(calendarDay('2024-02-29')?.toISOString()).toBe('2024-02-29T00:00:00.000Z');
    for (const s of ['2023-02-29', '2024-02-30', '2024-13-01', '24-01-01', '2024-1-1']) expect(calendarDay(s), s).toBeUndefined();
  });
});

describe('what a component names', () => {
  const inReport = { kind: 'report', stem: 'gitlab/101' } as const;
  const use = (name: Parameters<typeof resolveNoteComponent>[0]['name'], attrs: Record<string, string>) => ({ name, attrs, line: 1 });

  it('resolves a verdict, lines of the report and of a reasoning, a report, a pair and a label count', () => {
    expect(resolveNoteComponent(use('Verdict', { run: 'deepseek-r1:14b' }), inReport, site)).toEqual({
      kind: 'verdict', path: 'reports/gitlab/101/#deepseek-r1-14b', key: 'gitlab/101', run: 'deepseek-r1:14b', label: 'device', firstFiled: 'manual-review',
    });
    const lines = resolveNoteComponent(use('Lines', { lines: '5-6' }), inReport, site);
    expect(lines).toMatchObject({ kind: 'lines', path: 'reports/gitlab/101/#L5-L6', what: 'the report text' });
    // Corpus text comes through as data, untouched: the page escapes it (checked in the site tests).
    expect(lines).toHaveProperty('lines', [
      { n: 5, text: '{props.secret} and {1 + 1} and <Component prop={x} />' },
      { n: 6, text: '<script>alert("xss")</script>' },
    ]);
    expect(resolveNoteComponent(use('Lines', { run: 'deepseek-r1:14b', lines: '8' }), inReport, site)).toMatchObject({
      path: 'reports/gitlab/101/#deepseek-r1-14b-L8', lines: [{ n: 8, text: 'It is about a device.' }],
    });
    expect(resolveNoteComponent(use('Report', { id: 'gitlab/101' }), { kind: 'home' }, site)).toMatchObject({ path: 'reports/gitlab/101/', key: 'gitlab/101' });
    expect(resolveNoteComponent(use('Pair', { a: 'gemma3:12b', b: 'deepseek-r1:14b' }), { kind: 'home' }, site)).toMatchObject({ kind: 'pair', path: 'compare/gemma3-12b/deepseek-r1-14b/' });
    expect(resolveNoteComponent(use('LabelCount', { label: 'device' }), { kind: 'run', slug: 'deepseek-r1-14b' }, site)).toEqual({
      kind: 'label-count', path: 'runs/deepseek-r1-14b/device/', run: 'deepseek-r1:14b', label: 'device', count: 2,
    });
  });

  it.each([
    ['a run the tree lacks', use('Verdict', { run: 'gpt-9' }), inReport, 'no run named "gpt-9"'],
    ['a verdict the run did not give', use('Verdict', { run: 'accel-gemma3:12b', report: 'box64/101' }), inReport, 'has no verdict on box64/101'],
    ['a report outside a report note without report=', use('Lines', { lines: '1' }), { kind: 'home' } as const, 'needs report='],
    ['a report the tree lacks', use('Report', { id: 'gitlab/999999' }), { kind: 'home' } as const, 'no report gitlab/999999'],
    ['a line past the end', use('Lines', { lines: '400' }), inReport, 'line 400 is not shown'],
    ['a reasoning line not shown', use('Lines', { run: 'deepseek-r1:14b', lines: '1' }), inReport, "line 1 is not shown in deepseek-r1:14b's reasoning of gitlab/101 (the lines shown are 2–5, 8–10)"],
    ['a malformed range', use('Lines', { lines: '7-3' }), inReport, 'is not a line or a range'],
    ['too long a quote', use('Lines', { lines: '1-41' }), inReport, 'at most 40'],
    ['runs not compared', use('Pair', { a: 'deepseek-r1:14b', b: 'accel-gemma3:12b' }), { kind: 'home' } as const, 'are not compared'],
    ['a label the run lacks', use('LabelCount', { run: 'deepseek-r1:14b', label: 'kvm' }), { kind: 'home' } as const, 'has no label "kvm"'],
  ])('says so for %s', (_what, u, target, message) => {
    const r = resolveNoteComponent(u, target, site);
    expect(r).toHaveProperty('error');
    expect((r as { error: string }).error).toContain(message);
  });

  it('reads line spans and ranges both ways', () => {
    expect(parseLineSpan('12')).toEqual([12, 12]);
    expect(parseLineSpan('3-7')).toEqual([3, 7]);
    for (const s of ['0', '7-3', 'x', '3-', '-3']) expect(parseLineSpan(s), s).toBeUndefined();
    expect(lineRangeAnchor(reportLineAnchor, 3, 7)).toBe('L3-L7');
    expect(lineRangeAnchor((n) => reasoningLineAnchor('x', n), 2, 2)).toBe('x-L2');
    expect(lineRangeEnds('L3-L7')).toEqual(['L3', 'L7']);
    expect(lineRangeEnds('deepseek-r1-14b-L8-L10')).toEqual(['deepseek-r1-14b-L8', 'deepseek-r1-14b-L10']);
    expect(lineRangeEnds('L3')).toBeUndefined();
    expect(lineSpans([2, 3, 4, 9, 11, 12])).toBe('2–4, 9, 11–12');
  });
});

describe('a folder of notes', () => {
  it('lists every problem with its file and line, and none for good notes', () => {
    const parsed = parseNotes([
      { rel: 'reports/gitlab/101.mdx', source: `${FRONT}<Verdict run="deepseek-r1:14b" />\n` },
      { rel: 'reports/gitlab/404.mdx', source: `${FRONT}Text.\n` },
      { rel: 'runs/deepseek-r1-14b.mdx', source: `${FRONT}Fine.\n\n<LabelCount label="nope" />\n` },
      { rel: 'models/no-such-model.mdx', source: `${FRONT}Text.\n` },
      { rel: 'elsewhere.mdx', source: `${FRONT}Text.\n` },
      { rel: 'index.mdx', source: 'no frontmatter\n' },
    ]);
    const checked = checkNotes(parsed.parsed, site);
    const text = formatNoteProblems('content/notes', [...parsed.problems, ...checked.problems]);
    expect(text.split('\n').sort()).toEqual([
      'content/notes/elsewhere.mdx: annotates no page: notes are index.mdx, reports/<source>/<id>.mdx, runs/<run>.mdx, models/<model>.mdx or tasks/<task>.mdx',
      'content/notes/index.mdx:1: no frontmatter: a note starts with ---, date: YYYY-MM-DD (title and author optional), ---',
      'content/notes/models/no-such-model.mdx: the tree has no model page models/no-such-model/ for this note to annotate',
      'content/notes/reports/gitlab/404.mdx: the tree has no report page reports/gitlab/404/ for this note to annotate',
      'content/notes/runs/deepseek-r1-14b.mdx:7: <LabelCount>: run deepseek-r1:14b has no label "nope"',
    ]);
    expect(checked.notes.map((n) => n.id)).toEqual(['reports/gitlab/101']);
  });
});

describe('the notes feed', () => {
  const note = (id: string, date: string, extra: Partial<NoteSummary> = {}): NoteSummary => ({
    id, target: { kind: 'home' }, page: '', date, text: 'Words & <b>tags</b> stay text.', hash: 'x', ...extra,
  });

  it('is Atom 1.0 a real parser reads, newest first, with relative links without SITE_URL', () => {
    const notes = newestFirst([note('index', '2026-11-01'), note('runs/x', '2026-12-01', { target: { kind: 'run', slug: 'x' }, page: 'runs/x/', author: 'A <b>' })]);
    const xml = notesFeedXml(notes, undefined, '/archive/');
    expect(XMLValidator.validate(xml)).toBe(true);
    const feed = new XMLParser({ ignoreAttributes: false }).parse(xml).feed;
    expect(feed['@_xmlns']).toBe('http://www.w3.org/2005/Atom');
    expect(feed.updated).toBe('2026-12-01T00:00:00Z');
    const entries = feed.entry as { id: string; updated: string; link: { '@_href': string }; summary: string; author?: { name: string } }[];
    expect(entries.map((e) => e.link['@_href'])).toEqual(['/archive/runs/x/#note', '/archive/#note']);
    expect(entries[0]!.author!.name).toBe('A <b>');
    expect(entries[0]!.summary).toBe('Words & <b>tags</b> stay text.');
    expect(new Set(entries.map((e) => e.id)).size).toBe(2);
    for (const e of entries) expect(e.id).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('has full addresses with SITE_URL', () => {
    const xml = notesFeedXml([note('index', '2026-11-01')], 'https://results.example.org/whatever', '/');
    expect(new XMLParser({ ignoreAttributes: false }).parse(xml).feed.entry.link['@_href']).toBe('https://results.example.org/#note');
  });
});
