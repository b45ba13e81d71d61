/**
 * The study's own notes (content/notes/) on the corpus site: each shows on its page, and what its
 * components say agrees with the data files and the run's own categories.csv.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { corpusSite, type BuiltSite } from '../support/builtSite.ts';
import { corpusResultsDir } from '../../scripts/lib/corpus.ts';

let site: BuiltSite;
let verdicts: Record<string, string>[];
const page = (rel: string) => readFileSync(path.join(site.dist, rel), 'utf8');
/** The note's markup on a page (one per page). */
const note = (html: string) => {
  const from = html.indexOf('<aside class="archivist-note"');
  return from < 0 ? '' : html.slice(from, html.indexOf('</aside>', from));
};
const text = (html: string) => html.replace(/<[^>]+>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&').replace(/&#39;/g, "'").replace(/\s+/g, ' ');

beforeAll(() => {
  site = corpusSite();
  verdicts = parse(page('data/verdicts.csv'), { columns: true }) as Record<string, string>[];
}, 900_000);

describe('the study’s notes on the corpus', () => {
  it('gitlab/1033: the verdict and the quoted answer as the data files and the tree give them', () => {
    const n = note(page('reports/gitlab/1033/index.html'));
    expect(n).toContain('Note by The archivists: the answer ends in “sys”, and a person chose syscall');
    const row = verdicts.find((v) => v.source === 'gitlab' && v.id === '1033' && v.run === 'deepseek-r1:32b')!;
    expect([row.label, row.first_filed_label]).toEqual(['syscall', 'manual-review']);
    expect(text(n)).toContain(`deepseek-r1:32b: ${row.label} (first filed as ${row.first_filed_label})`);
    // The quoted lines are the reasoning file's lines 11–13, read here from the tree itself.
    const file = readFileSync(path.join(corpusResultsDir(), 'classifier/deepseek-r1:32b/reasoning/syscall/1033'), 'utf8').split('\n');
    const quoted = /<pre>([\s\S]*?)<\/pre>/.exec(n)![1]!;
    expect(text(quoted).trim()).toBe(text([11, 12, 13].map((i) => `${i} ${file[i - 1]}`).join(' ')).trim());
    expect(n).toContain('href="/reports/gitlab/1033/#deepseek-r1-32b-L11-L13"');
  });

  it('deepseek-r1:32b: the syscall count is the data files’ and categories.csv’s', () => {
    const n = text(note(page('runs/deepseek-r1-32b/index.html')));
    const count = verdicts.filter((v) => v.run === 'deepseek-r1:32b' && v.label === 'syscall').length;
    const csv = readFileSync(path.join(corpusResultsDir(), 'classifier/deepseek-r1:32b/categories.csv'), 'utf8');
    expect(csv).toMatch(new RegExp(`^syscall, ?${count}$`, 'm'));
    expect(count).toBe(113);
    expect(n).toContain(`${count} reports labelled syscall (after review)`);
  });

  it('are listed on /notes/ and in a valid feed, and the home page carries its note', () => {
    expect(note(page('index.html'))).toContain('which folder is the reviewer’s');
    const list = page('notes/index.html');
    for (const href of ['/#note', '/runs/deepseek-r1-32b/#note', '/reports/gitlab/1033/#note']) expect(list).toContain(`href="${href}"`);
    const xml = page('notes/feed.xml');
    expect(XMLValidator.validate(xml)).toBe(true);
    expect((new XMLParser().parse(xml).feed.entry as unknown[]).length).toBe(3);
  });
});
