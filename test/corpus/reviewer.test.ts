/**
 * The reviewer's direction, checked against the upstream history itself: every rename
 * `reasoning/manual-review/<id>` → `reasoning/<label>/<id>` in the bundle is a person's review,
 * so the site and verdicts.csv must give that report `<label>` as the label after review and
 * `manual-review` as the label it was first filed under.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { corpusSite, type BuiltSite } from '../support/builtSite.ts';
import { historyRenames, type HistoryRename } from '../../scripts/lib/history.ts';
import { reportPagePath } from '../../src/lib/paths.ts';
import { runSlug } from '../../src/lib/slug.ts';

let site: BuiltSite;
let reviews: (HistoryRename & { run: string; id: string; label: string })[];
let verdicts: Map<string, Record<string, string>>;
const page = (rel: string) => readFileSync(path.join(site.dist, rel), 'utf8');
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&').replace(/\s+/g, ' ');

const REVIEW = /^results\/classifier\/([^/]+)\/reasoning\/manual-review\/([^/]+)$/;

beforeAll(() => {
  site = corpusSite();
  reviews = historyRenames().flatMap((r) => {
    const from = REVIEW.exec(r.from);
    const to = /^results\/classifier\/([^/]+)\/reasoning\/([^/]+)\/([^/]+)$/.exec(r.to);
    if (!from || !to || to[2] === 'manual-review' || from[1] !== to[1] || from[2] !== to[3]) return [];
    return [{ ...r, run: to[1]!, id: to[3]!, label: to[2]! }];
  });
  const rows = parse(page('data/verdicts.csv'), { columns: true }) as Record<string, string>[];
  verdicts = new Map(rows.map((r) => [`${r.run}\0${r.id}`, r]));
}, 900_000);

describe('the reviewer’s direction, as the upstream history shows it', () => {
  it('finds the 92 reviews in the bundle: 39 + 26 in 5aa276ef, 27 in 35f097a3', () => {
    const by = new Map<string, number>();
    for (const r of reviews) by.set(`${r.commit.slice(0, 8)} ${r.run}`, (by.get(`${r.commit.slice(0, 8)} ${r.run}`) ?? 0) + 1);
    expect(Object.fromEntries(by)).toEqual({
      '5aa276ef deepseek-r1:32b': 39,
      '5aa276ef no-thinking-deepseek-r1:32b': 26,
      '35f097a3 no-thinking-deepseek-r1:70b': 27,
    });
  });

  it('gives each reviewed report its renamed-to label after review and manual-review as first filed, in verdicts.csv', () => {
    const wrong = reviews.filter((r) => {
      const row = verdicts.get(`${r.run}\0${r.id}`);
      return row?.label !== r.label || row.first_filed_label !== 'manual-review' || row.halves !== 'reviewed';
    });
    expect(wrong.map((r) => `${r.run} ${r.id}: ${JSON.stringify(verdicts.get(`${r.run}\0${r.id}`)?.label)}`)).toEqual([]);
    // And no other verdict is said to be reviewed.
    expect([...verdicts.values()].filter((r) => r.halves === 'reviewed')).toHaveLength(reviews.length);
  });

  it('says it on every reviewed report’s page, in the verdict table and the run’s section', () => {
    const pathOf = new Map<string, string>();
    for (const row of verdicts.values()) pathOf.set(`${row.run}\0${row.id}`, reportPagePath(`${row.source}/${row.id}`));
    const wrong: string[] = [];
    for (const r of reviews) {
      const html = page(`${pathOf.get(`${r.run}\0${r.id}`)!}index.html`);
      const section = html.slice(html.indexOf(`<h2 id="${runSlug(r.run)}"`));
      const heading = text(section.slice(0, section.indexOf('</h2>')));
      const meta = text(section.slice(0, section.indexOf('</p>')));
      if (!heading.includes(`: ${r.label}`) || !meta.includes(`after review: ${r.label}`) || !meta.includes('first filed under: manual-review')) wrong.push(`${r.run} ${r.id}`);
      if (!text(html).includes(`first filed under manual-review; the reviewer chose ${r.label}`)) wrong.push(`${r.run} ${r.id} (table)`);
    }
    expect(wrong).toEqual([]);
  });

  it('counts the runs after review, as their own categories.csv does (deepseek-r1:32b: syscall 113)', () => {
    const run = text(page('runs/deepseek-r1-32b/index.html'));
    expect(run).toMatch(/syscall : 113 reports/);
    expect(run).toContain('Every count in categories.csv matches the folders.');
    for (const slug of ['no-thinking-deepseek-r1-32b', 'no-thinking-deepseek-r1-70b']) {
      expect(text(page(`runs/${slug}/index.html`)), slug).toContain('Every count in categories.csv matches the folders.');
    }
    // The label page the model page links to says the same number.
    expect(text(page('runs/deepseek-r1-32b/syscall/index.html'))).toContain('113 reports are labelled syscall after review');
    // The first-filed basis is beside it, under its own heading.
    expect(run).toMatch(/As first filed, before review .* syscall 74 113 /);
  });

  it('says on the reviewer page which labels the 92 went to, per run', () => {
    const r = text(page('reviewer/index.html'));
    expect(r).toContain('84 reports ( 92 files moved), in 3 runs');
    expect(r).toContain('39 of 543 verdicts moved out of manual-review by the reviewer: syscall 39.');
    expect(r).toContain('26 of 551 verdicts moved out of manual-review by the reviewer: instruction 5, runtime 15, syscall 6.');
    expect(r).toContain('27 of 551 verdicts moved out of manual-review by the reviewer: instruction 9, runtime 7, syscall 11.');
    expect(r).not.toContain('not explained');
  });
});
