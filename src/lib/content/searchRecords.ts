/**
 * The search index's view of a page, made from the same data as the page (ReportData, RunData,
 * ModelData in `content/`), so the index is built beside the pages instead of from them
 * (scripts/search-index.ts). Pure.
 *
 * A record is a small HTML document holding exactly what the page gives the index: the text
 * inside its `data-pagefind-body`, minus the parts it marks `data-pagefind-ignore` and the parts
 * left out on purpose (below), with the page's headings and their ids (Pagefind's sub-results:
 * a hit in a run's reasoning links to `#<run-slug>`), the thinking at half weight
 * (`data-pagefind-weight="0.5"`, as on the page) and the page's filters, sorts and meta
 * (src/lib/search/facets.ts, the one place their values come from). Pagefind's custom records
 * (`addCustomRecord`) take plain text only (no weights, no anchors), so records are HTML.
 *
 * Left out although the page shows it, because it repeats on every verdict or elsewhere on the
 * page: the "run …, label folder …" line, the classified-text notes, zero-shot score bars, the
 * agreement summary, the verdict table and a run's comparisons and downloads (run, label, model,
 * agreement are filters instead), and Launchpad's text without
 * comments (the main text holds every word of it). Line-number links and line ids are not text.
 *
 * test/site/search.test.ts holds what Pagefind indexes from every sample page (as a reader sees it) against what it indexes from its record.
 */
import { escape } from 'html-escaper';
import { modelFacets, reportFacets, runFacets, withNoteFacet, type Facets } from '../search/facets.ts';
import type { NoteSummary } from '../notes/check.ts';
import { noteHeading } from '../notes/words.ts';
import { modelPagePath, reportPagePath, runPagePath } from '../paths.ts';
import { gitlabFields, reasoningParts, rowCaption, rowsFrom } from './reportPieces.ts';
import { TASK_TITLES } from './tasks.ts';
import { listedCountRows, listedLabels, listedModelRows } from './run.ts';
import { displayNote, displayStats, reportHeading, visibleLine, type DisplayRow } from './text.ts';
import type { CountCompareRow, ModelData, ReportData, RunData, VerdictData } from './types.ts';

/**
 * An archivists' note (components/notes/Note.astro) is indexed as its own words (src/lib/notes/):
 * the page shows what its components resolve to, the record what the note says. The test of
 * records against pages compares the rest of the page, and the note's words on their own.
 */
export const NOTE_SELECTOR = '.archivist-note';

/**
 * The parts of a page its record leaves out (besides `data-pagefind-ignore`), as CSS selectors on
 * the page: what the test of records against pages skips on the page side. Line numbers (`a.ln`,
 * written as text for text browsers) are not words of the text.
 */
export const LEFT_OUT: readonly string[] = ['a.ln', '.verdict .vmeta', '.verdict > .note', '.curated-member > .note', '.scores', '.agreement', '#without-comments'];

export interface SearchRecord {
  /** The page's path under the site base, as Pagefind reports it (`/reports/gitlab/2469/`). */
  readonly url: string;
  /** The document Pagefind indexes. */
  readonly html: string;
}

const e = (s: string | number) => escape(String(s));

/**
 * Markup Pagefind runs together unless a space follows (it only separates its block elements):
 * `<dt>State</dt><dd>closed</dd>` is two words.
 */
function spaced(html: string): string {
  return html.replace(/<\/(dt|dd|summary|th|caption|figcaption|pre|blockquote|dl|details|tr|option)>/g, '</$1> ');
}

/** Rendered markdown as indexed: ids only on headings (every other id would be an anchor of the page). */
function markdownMarkup(html: string): string {
  return spaced(html.replace(/<(?!h[1-6][\s>])([a-zA-Z][a-zA-Z0-9-]*)(\s[^>]*?)?\sid="[^"]*"/g, '<$1$2'));
}

/** A text as components/Lines.astro shows it (file line numbers from `start`), without its anchors. */
function lines(text: string, start = 1): string {
  const note = displayNote(displayStats(text));
  const rows = rowsFrom(text, start);
  const head = note ? `<p class="note">${e(note)}</p>` : '';
  if (rows.length === 0) return `${head}<p class="note">(empty text)</p>`;
  const row = (r: DisplayRow) => ('n' in r ? `${e(r.text)}\n` : `<em>${e(rowCaption(r))}</em>\n${'restFrom' in r ? `${e(r.text)}\n` : ''}`);
  return `${head}<pre class="lines">${rows.map(row).join('')}</pre> `;
}

function definitions(items: readonly (readonly [string, string | undefined])[]): string {
  const shown = items.filter(([, v]) => v !== undefined && v !== '');
  return shown.length ? `<dl>${shown.map(([k, v]) => `<dt>${e(k)}</dt> <dd>${v}</dd> `).join('')}</dl> ` : '';
}

function facetsMarkup(f: Facets): string {
  const spans = [
    ...f.filters.map(([k, v]) => `<span data-pagefind-filter="${e(k)}">${e(v)}</span>`),
    ...f.sort.map(([k, v]) => `<span data-pagefind-sort="${e(k)}">${e(v)}</span>`),
    ...f.meta.map(([k, v]) => `<span data-pagefind-meta="${e(k)}">${e(v)}</span>`),
  ];
  return `<div data-pagefind-ignore>${spans.join('')}</div>`;
}

/** An archivists' note as indexed: its heading and its own words (components/notes/Note.astro shows it). */
function noteMarkup(note: NoteSummary | undefined): string {
  return note ? `<aside class="archivist-note"><h2 id="note-heading">${e(noteHeading(note))}</h2><p>${e(note.text)}</p></aside>` : '';
}

function document(body: string, facets: Facets, note?: NoteSummary): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"></head><body><main data-pagefind-body>${noteMarkup(note)}${body}${facetsMarkup(withNoteFacet(facets, note !== undefined))}</main></body></html>`;
}

function verdictMarkup(v: VerdictData): string {
  const at = reasoningParts(v);
  let out = `<section><h2 id="${e(v.runSlug)}">${e(v.run)}: ${e(v.label)}</h2>`;
  if (v.answer !== undefined) {
    out += `<div><h3>Answer${v.finalLabel !== undefined ? ` (last word: <code>${e(v.finalLabel)}</code>)` : ''}</h3>${lines(v.answer, at.answer.start)}</div>`;
  }
  if (v.preamble !== undefined) out += `<div><h3>Before the thinking</h3>${lines(v.preamble, at.preamble.start)}</div>`;
  if (v.thinking !== undefined) {
    out += `<details data-pagefind-weight="0.5"><summary>Thinking (${at.thinkingLines} lines)</summary> ${lines(v.thinking, at.thinking.start)}</details> `;
  }
  return `${out}</section>`;
}

export function reportRecord(stem: string, data: ReportData, note?: NoteSummary): SearchRecord {
  const g = data.gitlab;
  const heading = reportHeading(data);
  let body = `<h1>${e(visibleLine(heading.text))}</h1>${heading.cutNote !== undefined ? `<p>${e(heading.cutNote)}</p>` : ''}<p><code>${e(data.key)}</code>${data.section ? ` · section <code>${e(data.section)}</code>` : ''}</p>`;
  if (g) {
    const { fields, labels } = gitlabFields(g);
    body += definitions([...fields.map((f) => [f.name, e(f.text)] as const), ...(labels.length ? [['GitLab labels', labels.map(e).join(' ')] as const] : [])]);
  }
  const main = data.texts.find((t) => t.kind === 'text');
  if (data.markdown.length > 0) {
    body += '<h2 id="text-heading">Report</h2>';
    for (const m of data.markdown) body += `<section><h3 id="field-${e(m.field)}">${e(m.heading)}</h3><div>${markdownMarkup(m.html)}</div></section>`;
  } else {
    body += `<h2 id="text-heading">${e(main ? main.heading : 'Report text')}</h2>${main ? lines(main.text) : ''}`;
  }
  for (const n of data.notes) body += `<p>${e(n)}</p>`;
  for (const t of data.texts) if (t.kind !== 'text' && t.kind !== 'without-comments') body += `<section><h3>${e(t.heading)}</h3>${lines(t.text)}</section>`;
  if (data.verdicts.length === 0) body += '<section><h2 id="verdicts">Verdicts</h2><p>No classifier run classified this report.</p></section>';
  for (const v of data.verdicts) body += verdictMarkup(v);
  if (data.curated.length > 0) body += `<section><h2 id="curated-sets">Curated sets</h2>${data.curated.map((c) => `<div><h3>In <code>${e(c.set)}</code></h3></div>`).join('')}</section>`;
  return { url: `/${reportPagePath(stem)}`, html: document(body, reportFacets(data), note) };
}

function countTable(all: readonly CountCompareRow[], csvHeading: string, foldersHeading: string, compared: boolean, given: string): string {
  const { shown: rows, caption } = listedCountRows(all, given);
  const head = `<tr><th>Label</th> ${compared ? `<th>${e(csvHeading)}</th> ` : ''}<th>${e(foldersHeading)}</th> ${compared ? '<th>Difference</th> ' : ''}</tr> `;
  const body = rows.map((r) => {
    const diff = (r.folders ?? 0) - (r.csv ?? 0);
    const cells = [e(r.label), ...(compared ? [e(r.csv ?? '—')] : []), e(r.folders ?? '—'), ...(compared ? [r.differs ? `differs by ${diff > 0 ? '+' : ''}${diff}` : 'same'] : [])];
    return `<tr>${cells.map((c) => `<td>${c}</td>`).join('')}</tr> `;
  });
  return `<table><caption>${e(caption)}</caption> <thead>${head}</thead><tbody>${body.join('')}</tbody></table>`;
}

/** A run page's counts as first filed beside those after review (components/RunBody.astro), where they differ. */
function firstFiledTable(data: RunData): string {
  const all = data.labelCounts.filter((r) => r.firstFiled !== undefined);
  if (all.length === 0) return '';
  const rows = listedLabels(all).shown;
  return (
    '<h3 id="first-filed">As first filed, before review</h3>' +
    (all.length > rows.length ? `<p>The ${rows.length} labels with the most reports; ${all.length - rows.length} more are not in this table.</p>` : '') +
    '<p>The pipeline filed each report under <code>output/&lt;label&gt;/</code>, under manual-review when it could not read a label from the answer; the reviewer then moved the <code>reasoning/</code> file. Every other count on this site is after review.</p>' +
    `<table><caption>Reports per label in ${e(data.name)}, as first filed and after review</caption> <thead><tr><th>Label</th> <th>as first filed (<code>output/</code>)</th> <th>after review (<code>reasoning/</code>)</th> </tr> </thead><tbody>${rows
      .map((r) => `<tr><td>${e(r.label)}</td><td>${r.firstFiled}</td><td>${r.count}</td></tr> `)
      .join('')}</tbody></table>`
  );
}

export function runRecord(data: RunData, note?: NoteSummary): SearchRecord {
  const z = data.zeroShot;
  let body = `<h1>Run <code>${e(data.name)}</code></h1>`;
  body += definitions([
    ['Task', `${e(data.taskTitle)} (<code>${e(data.task)}</code>)`],
    ['Layout', e(data.layout)],
    [
      data.models.length > 1 ? 'Models' : 'Model',
      data.models.length === 0
        ? `not recorded${data.layout === 'zero-shot' && !data.readme ? ' (this iteration has no README.md, which is where a zero-shot run names its model)' : ''}`
        : data.models.map((m) => e(m.name)).join(', '),
    ],
    ['Reasoning phase', data.thinking ? 'yes' : 'no'],
    ['Reports classified', e(data.total)],
    ['Reviewed', data.review.reviewed > 0 ? `${data.review.reviewed} first filed under manual-review, moved by the reviewer to a label` : undefined],
    ['Halves differ', data.review.differs > 0 ? `${data.review.differs} with <code>output/</code> and <code>reasoning/</code> under different labels, not a review (not explained)` : undefined],
    ['Zero-shot model', z?.model ? e(z.model) : undefined],
    ['Compare model', z?.compareModel ? e(z.compareModel) : undefined],
    ['multi_label', z?.multiLabel !== undefined ? String(z.multiLabel) : undefined],
    ['number_bugs', z?.numberBugs !== undefined ? e(z.numberBugs) : undefined],
    ['Intent', z?.intent ? e(z.intent) : undefined],
  ]);
  if (data.readme) body += `<details><summary>README.md</summary> ${lines(data.readme.text)}</details> `;
  const split = data.layout === 'split';
  const charted = listedLabels(data.labelCounts.filter((r) => r.count > 0));
  const pagesListed = listedLabels(data.labelPages);
  body += `<section><h2 id="dist">Label distribution</h2>${charted.left > 0 ? `<p>The ${charted.shown.length} labels with the most reports are drawn; ${charted.left} more are not.</p>` : ''}<figure><figcaption>${split ? `Counted from the label folders after review, <code>reasoning/</code> (${data.total} reports).` : `Counted from the label folders (${data.total} reports).`}</figcaption> </figure></section>`;
  const leftNote = pagesListed.left > 0 ? `<p>${data.labelPages.length} labels: the ${pagesListed.shown.length} with the most reports are listed; ${pagesListed.left} more each have their page too: every label, in label order${data.labelListPages > 1 ? ` (${data.labelListPages} pages)` : ''}. The run’s verdicts.csv lists every verdict with its label.</p>` : '';
  body += `<section><h2 id="labels">Reports per label</h2>${split ? '<p>After review: the <code>reasoning/</code> folders.</p>' : ''}${leftNote}<ul>${pagesListed.shown
    .map((l) => `<li>${e(l.label)}: ${l.count} report${l.count === 1 ? '' : 's'}${l.pages > 1 ? ` (pages: ${Array.from({ length: l.pages }, (_, i) => i + 1).join(' ')})` : ''}</li>`)
    .join('')}</ul>${firstFiledTable(data)}</section>`;
  const csv = data.categoriesCsv;
  if (csv) {
    const said =
      csv.differences === 0
        ? 'Every count in categories.csv matches the folders.'
        : `${csv.differences} label${csv.differences === 1 ? '' : 's'} differ between categories.csv and the folders (highlighted).`;
    const basis = split ? '<p>The folders counted are the ones after review (<code>reasoning/</code>), as the study’s own <code>categories.csv</code> counts them.</p>' : '';
    body += `<section><h2 id="csv">categories.csv against the folders</h2><p>${said}</p>${basis}${countTable(csv.rows, 'categories.csv', split ? 'folders after review' : 'folders', true, `Label counts of ${data.name}`)}</section>`;
  }
  if (data.curated.length > 0) {
    body += '<section><h2 id="curated">How the curated sets fell</h2>';
    for (const c of data.curated) {
      body += `<h3>${e(c.set)}</h3><p>${c.classified} of ${c.members} members were classified by this run.${c.comparedWithAnalysis ? ` Compared with the run’s analysis.csv on the basis its total fits: ${e(c.basis ?? '')}, recounted from the verdicts (the build report compares the same).` : ''}</p>`;
      if (c.rows.length > 0) body += countTable(c.rows, 'analysis.csv', 'recomputed', c.comparedWithAnalysis, `${c.set} by label in ${data.name}`);
    }
    body += '</section>';
  }
  if (data.changeLists.length > 0 || data.relatedChangeLists.length > 0) {
    body += `<section><h2 id="changes">Change lists</h2><ul>${data.changeLists
      .map(
        (c) =>
          `<li>From iteration ${e(c.from)} to ${e(c.to)}: ${c.count} change${c.count === 1 ? '' : 's'}${c.declared !== null && c.declared !== c.count ? ` <strong> (the file declares ${c.declared})</strong>` : ''}</li>`,
      )
      .join('')}${data.relatedChangeLists
      .map((c) => `<li>From iteration ${e(c.from)} to ${e(c.to)}: ${c.count} change${c.count === 1 ? '' : 's'} (the list is in <code>${e(c.run)}</code>)</li>`)
      .join('')}</ul></section>`;
  }
  return { url: `/${runPagePath(data.slug)}`, html: document(body, runFacets(data), note) };
}

export function modelRecord(data: ModelData, note?: NoteSummary): SearchRecord {
  let body = `<p>Models</p><h1>Model <code>${e(data.name)}</code></h1><h2 id="runs">Runs (${data.runs.length})</h2>`;
  body += `<ul>${data.runs.map((r) => `<li>${e(r.name)}: ${e(TASK_TITLES[r.task] ?? r.task)}, ${r.total} reports</li>`).join('')}</ul>`;
  const listed = listedModelRows(data.table);
  body += `<h2 id="labels">Labels and counts, side by side</h2><p>Counted from each run’s label folders; — means the run has no such label.${listed.left > 0 ? ` The ${listed.shown.length} labels with the most reports are listed; ${listed.left} more are not.` : ''}</p>`;
  const head = `<tr><th>Label</th> ${data.runs.map((r) => `<th>${e(r.name)}</th> `).join('')}</tr> `;
  const rows = listed.shown.map((row) => `<tr><td>${e(row.label)}</td>${row.counts.map((c) => `<td>${c === null ? '—' : c}</td>`).join('')}</tr> `);
  body += `<table><thead>${head}</thead><tbody>${rows.join('')}</tbody></table>`;
  return { url: `/${modelPagePath(data.slug)}`, html: document(body, modelFacets(data), note) };
}
