/**
 * Line anchors like cgit, on every page with numbered text (src/components/Lines.astro):
 *
 * - `#L12` works without this script (`:target` CSS); `#L12-L18` and `#<run>-L3-L7` highlight the
 *   range and scroll to its first line; a line the page shows without an anchor of its own (inside
 *   a collapsed run of blank lines, past the anchored part of a very long text, a reasoning file's
 *   trailing lines) lands on the nearest line before it, or on the run's section;
 * - a target inside a closed `<details>` (a run's thinking) opens it, for browsers that do not;
 * - clicking a line number sets the fragment without jumping and copies the full link (shift-click
 *   makes a range from the previous click);
 * - cite lines follow the selection: the fragment's lines (`#L3-L7`, `#<run>-L12`) or run section
 *   is what the report's or the run's cite line shows, and what its "Copy as plain text"
 *   (src/components/Cite.astro) copies for mail, quoted with their numbers
 *   (src/lib/links/citation.ts); a site built without SITE_URL cites the address the page was
 *   opened at;
 * - printing opens the small `<details>` (more scores, README) and prints link targets.
 */

import { lineSpan, plainCitation, type QuotedLine } from '../lib/links/citation.ts';

/** `<prefix>L<a>` or `<prefix>L<a>-L<b>`, the prefix empty or ending in `-`. */
function parseLines(id: string): { prefix: string; a: number; b?: number } | null {
  const m = /^(.*?)L(\d+)-L?(\d+)$/.exec(id) ?? /^(.*?)L(\d+)$/.exec(id);
  if (!m || (m[1] !== '' && !m[1]!.endsWith('-'))) return null;
  return m[3] !== undefined ? { prefix: m[1]!, a: Number(m[2]), b: Number(m[3]) } : { prefix: m[1]!, a: Number(m[2]) };
}
const MAX_RANGE = 20_000;

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function fragment(): string {
  try {
    return decodeURIComponent(location.hash.slice(1));
  } catch {
    return location.hash.slice(1);
  }
}

/** Elements with an id `<prefix>L<n>`, by n. */
function linesOf(prefix: string): Map<number, HTMLElement> {
  const exact = new RegExp(`^${escapeRe(prefix)}L(\\d+)$`);
  const out = new Map<number, HTMLElement>();
  for (const el of document.querySelectorAll<HTMLElement>(`[id^="${CSS.escape(prefix)}L"]`)) {
    const m = exact.exec(el.id);
    if (m) out.set(Number(m[1]), el);
  }
  return out;
}

function openDetails(el: Element): void {
  for (let d = el.closest('details'); d; d = d.parentElement?.closest('details') ?? null) d.open = true;
}

/** Highlights what the fragment names; returns the element to show, if any. */
function mark(): HTMLElement | null {
  for (const el of document.querySelectorAll('.line.hl')) el.classList.remove('hl');
  const id = fragment();
  if (id === '') return null;
  const direct = document.getElementById(id);
  const m = parseLines(id);
  if (!m) return direct;
  const prefix = m.prefix;
  let a = m.a;
  let b = m.b ?? a;
  if (a > b) [a, b] = [b, a];
  const lines = linesOf(prefix);
  if (lines.size === 0) return direct ?? (prefix ? document.getElementById(prefix.slice(0, -1)) : null);
  for (let n = a; n <= Math.min(b, a + MAX_RANGE); n++) {
    const el = lines.get(n);
    if (el?.classList.contains('line')) el.classList.add('hl');
  }
  let first = lines.get(a) ?? null;
  if (!first) {
    // The nearest line before it (a collapsed row or the unanchored rest covers it).
    let best = -1;
    for (const n of lines.keys()) if (n <= a && n > best) best = n;
    first = best >= 0 ? lines.get(best)! : null;
    if (first?.classList.contains('line')) first.classList.add('hl');
  }
  return first ?? direct;
}

/** The fragment a line-number click just set: its hashchange must not scroll. */
let clicked: string | undefined;

function apply(scroll = true): void {
  followSelection();
  const el = mark();
  if (!el) return;
  const wasClosed = el.closest('details:not([open])') !== null;
  openDetails(el);
  // The browser scrolls to an existing id itself, unless it sat in a closed <details>.
  if (scroll && (wasClosed || el.id !== fragment())) el.scrollIntoView({ block: 'start' });
}

function onHashChange(): void {
  const quiet = clicked !== undefined && clicked === fragment();
  clicked = undefined;
  apply(!quiet);
}

async function copy(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.cssText = 'position:fixed;top:0;left:0;opacity:0';
    document.body.append(area);
    area.select();
    let ok = false;
    try {
      ok = document.execCommand('copy');
    } catch {
      ok = false;
    }
    area.remove();
    return ok;
  }
}

let toastTimer: number | undefined;
function toast(message: string): void {
  let el = document.getElementById('toast');
  if (!el) {
    el = document.createElement('div');
    el.id = 'toast';
    el.className = 'toast';
    el.setAttribute('role', 'status');
    el.setAttribute('data-pagefind-ignore', '');
    document.body.append(el);
  }
  el.textContent = message;
  el.hidden = false;
  window.clearTimeout(toastTimer);
  toastTimer = window.setTimeout(() => {
    el.hidden = true;
  }, 1800);
}

let lastClick: { prefix: string; n: number } | undefined;

function onLineClick(event: MouseEvent): void {
  const a = (event.target as Element | null)?.closest?.('a.ln');
  if (!(a instanceof HTMLAnchorElement) || event.button !== 0 || event.ctrlKey || event.metaKey || event.altKey) return;
  const m = parseLines(a.hash.slice(1));
  if (!m) return;
  event.preventDefault();
  const { prefix, a: n } = m;
  let frag = `${prefix}L${n}`;
  if (event.shiftKey && lastClick?.prefix === prefix && lastClick.n !== n) {
    frag = `${prefix}L${Math.min(n, lastClick.n)}-L${Math.max(n, lastClick.n)}`;
  } else lastClick = { prefix, n };
  const [x, y] = [window.scrollX, window.scrollY];
  if (fragment() !== frag) {
    clicked = frag;
    location.hash = frag;
  }
  apply(false);
  window.scrollTo(x, y);
  void copy(location.href).then((ok) => toast(ok ? 'Link to this line copied' : 'Link set in the address bar'));
}

// ---------------------------------------------------------------------------------------------
// Cite what is selected, and copy it as plain text

const text = (root: ParentNode, selector: string): string => root.querySelector(selector)?.textContent?.trim() ?? '';
const all = (root: ParentNode, selector: string): string[] =>
  [...root.querySelectorAll(selector)].map((el) => el.textContent?.replace(/\s+/g, ' ').trim() ?? '');

/** A numbered line's own text as the file has it: without its number, no-break spaces as spaces. */
function lineTextOf(line: Element): string {
  let out = '';
  for (const node of line.childNodes) if (!(node instanceof Element && node.matches('a.ln'))) out += node.textContent ?? '';
  return out.replace(/\u00a0/g, ' ');
}

/** What the fragment selects: lines (of the report text or of a run's reasoning) or a run's section. */
interface Selection {
  readonly fragment: string;
  /** The run section the selection is in (its cite follows it); none for the report's own texts. */
  readonly section: Element | null;
  readonly lines?: { readonly of: string; readonly lines: QuotedLine[] };
}

function currentSelection(): Selection | null {
  const id = fragment();
  if (id === '') return null;
  const m = parseLines(id);
  if (!m) {
    const section = document.getElementById(id)?.closest('section.verdict') ?? null;
    return section ? { fragment: id, section } : null;
  }
  let [a, b] = [m.a, m.b ?? m.a];
  if (a > b) [a, b] = [b, a];
  const runSection = m.prefix ? (document.getElementById(m.prefix.slice(0, -1))?.closest('section.verdict') ?? null) : null;
  const quoted: QuotedLine[] = [];
  const lines = linesOf(m.prefix);
  for (const n of [...lines.keys()].sort((x, y) => x - y)) {
    const el = lines.get(n)!;
    if (n >= a && n <= Math.min(b, a + MAX_RANGE) && el.classList.contains('line')) quoted.push({ n, text: lineTextOf(el) });
  }
  if (quoted.length === 0) return runSection ? { fragment: id, section: runSection } : null;
  const of = runSection ? 'its reasoning' : m.prefix === '' ? 'the report text' : `the ${m.prefix.replace(/-$/, '').replace(/-/g, ' ')}`;
  return { fragment: id, section: runSection, lines: { of, lines: quoted } };
}

/** The cite line a selection belongs to: its run section's, else the report's. */
function citeFor(selection: Selection): Element | null {
  return selection.section ? selection.section.querySelector('p.cite') : document.querySelector('.report-head p.cite');
}

/** The address a cite line shows: with the selection's fragment when the selection is its own. */
function citeAddress(cite: Element, selection: Selection | null): string {
  const a = cite.querySelector<HTMLAnchorElement>('a.c-url');
  if (!a) return '';
  const own = a.dataset.address ?? a.textContent ?? '';
  if (!selection || citeFor(selection) !== cite) return own;
  return `${own.replace(/#.*$/, '')}#${selection.fragment}`;
}

/** Shows in each cite line what it cites now: the address and, for lines, which lines. */
function followSelection(): void {
  const selection = currentSelection();
  for (const cite of document.querySelectorAll('p.cite')) {
    const a = cite.querySelector<HTMLAnchorElement>('a.c-url');
    if (!a) continue;
    a.dataset.address ??= a.textContent ?? '';
    a.dataset.href ??= a.getAttribute('href') ?? '';
    const address = citeAddress(cite, selection);
    a.textContent = address;
    const mine = selection !== null && citeFor(selection) === cite;
    a.setAttribute('href', mine ? `${a.dataset.href.replace(/#.*$/, '')}#${selection.fragment}` : a.dataset.href);
    let note = cite.querySelector<HTMLElement>('.c-sel');
    if (mine && selection.lines) {
      if (!note) {
        note = document.createElement('span');
        note.className = 'c-sel';
        cite.querySelector('.c-key')?.after(note);
      }
      note.textContent = `, ${lineSpan(selection.lines.lines)}`;
    } else note?.remove();
  }
}

function plainReport(cite: Element, selection: Selection | null): string {
  const mine = selection !== null && citeFor(selection) === cite && selection.lines ? selection : null;
  const more: string[] = [];
  if (!mine) {
    const original = document.querySelector('.report-head .original a')?.getAttribute('href');
    if (original) more.push(`Original report: ${original}`);
    const verdicts = [...document.querySelectorAll('section.verdict .cite')].map((c) => `- ${text(c, '.c-run')}: ${text(c, '.c-label')}`);
    if (verdicts.length) more.push('', 'Verdicts:', ...verdicts);
  }
  more.push('', ...all(cite, '.c-file'));
  const commit = cite.getAttribute('data-commit') ?? undefined;
  return plainCitation({
    title: text(cite, '.c-title'),
    key: text(cite, '.c-key'),
    ...(mine?.lines ? { quote: mine.lines } : {}),
    address: citeAddress(cite, selection),
    ...(commit ? { commit } : {}),
    more,
  });
}

function plainRun(cite: Element, selection: Selection | null): string {
  const mine = selection !== null && citeFor(selection) === cite && selection.lines ? selection : null;
  const filed = text(cite, '.c-filed');
  const model = text(cite, '.c-model');
  const answer = cite.closest('section')?.querySelector('.answer div.lines');
  const commit = cite.getAttribute('data-commit') ?? undefined;
  return plainCitation({
    title: text(document, '.report-head .c-title'),
    key: text(cite, '.c-key'),
    run: { name: text(cite, '.c-run'), label: text(cite, '.c-label'), ...(filed ? { firstFiled: filed } : {}), ...(model ? { model } : {}) },
    ...(mine?.lines ? { quote: mine.lines } : {}),
    ...(!mine && answer ? { answer: [...answer.querySelectorAll('.line')].map(lineTextOf).join('\n').replace(/\s+$/, '') } : {}),
    address: citeAddress(cite, selection),
    ...(commit ? { commit } : {}),
    more: ['', ...all(cite, '.c-file')],
  });
}

function onCopyClick(event: MouseEvent): void {
  const button = (event.target as Element | null)?.closest?.('button.copy');
  const cite = button?.closest('.cite');
  if (!(button instanceof HTMLButtonElement) || !cite) return;
  const selection = currentSelection();
  const body = button.dataset.copy === 'run' ? plainRun(cite, selection) : plainReport(cite, selection);
  void copy(body).then((ok) => {
    button.textContent = ok ? 'Copied' : 'Copy failed';
    window.setTimeout(() => {
      button.textContent = 'Copy as plain text';
    }, 1800);
  });
}

// ---------------------------------------------------------------------------------------------
// Print

let openedForPrint: HTMLDetailsElement[] = [];

function beforePrint(): void {
  openedForPrint = [...document.querySelectorAll<HTMLDetailsElement>('main details:not([open]):not(.thinking):not(.raw)')];
  for (const d of openedForPrint) d.open = true;
  for (const a of document.querySelectorAll<HTMLAnchorElement>('main a[href]:not([href^="#"])')) a.dataset.printHref = a.href;
}

function afterPrint(): void {
  for (const d of openedForPrint) d.open = false;
  openedForPrint = [];
}

// ---------------------------------------------------------------------------------------------

// Built without SITE_URL, a cite line shows the page's path ("path on this site"): cite the
// address the page was opened at.
for (const a of document.querySelectorAll<HTMLAnchorElement>('a.c-url[data-own-origin]')) {
  a.textContent = a.href;
  a.closest('p.cite')?.querySelector('.c-where')?.remove();
}
for (const cite of document.querySelectorAll('p.cite')) {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'copy';
  button.dataset.copy = cite.closest('section.verdict') ? 'run' : 'report';
  button.textContent = 'Copy as plain text';
  cite.prepend(button);
}
document.addEventListener('click', onLineClick);
document.addEventListener('click', onCopyClick);
window.addEventListener('hashchange', onHashChange);
window.addEventListener('beforeprint', beforePrint);
window.addEventListener('afterprint', afterPrint);
apply();
