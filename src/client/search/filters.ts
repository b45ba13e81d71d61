/**
 * The filter panel: the chosen-value chips, one select per filter with the counts of the current
 * search beside each value, and when a select's value counts as chosen.
 */
import { SOURCE_TITLES, TASK_TITLES } from '../../lib/content/tasks.ts';
import { FILTERS, VERDICT_SEPARATOR, countOptions, countedPages, hasFilters, pagefindOptions, pagefindTerm, type SearchState } from '../../lib/search/state.ts';
import { el } from './dom.ts';
import { loadPagefind, type FilterCounts, type PagefindResponse } from './pagefind.ts';

/** Keys that step a closed drop-down through its values (a filter only browses with them). */
const BROWSE_KEYS = new Set(['ArrowDown', 'ArrowUp', 'ArrowLeft', 'ArrowRight', 'Home', 'End', 'PageDown', 'PageUp']);

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

export function valueTitle(filter: string, value: string): string {
  if (filter === 'source') return SOURCE_TITLES[value] ? `${SOURCE_TITLES[value]} (${value})` : value;
  if (filter === 'task') return TASK_TITLES[value] ? `${TASK_TITLES[value]} (${value})` : value;
  return value;
}

/** The chips naming the chosen values; the panel opens while there are any. */
export function drawChips(chips: HTMLElement, panel: HTMLDetailsElement, state: SearchState): void {
  chips.replaceChildren(
    ...FILTERS.flatMap((f) =>
      (state.filters[f.name] ?? []).map((v) =>
        el(
          'li',
          {},
          el('button', { type: 'button', class: 'chip', 'data-filter': f.name, 'data-value': v, 'aria-label': `Remove filter ${f.title}: ${v}` }, `${f.title}: ${valueTitle(f.name, v)} `, el('span', { 'aria-hidden': 'true' }, '×')),
        ),
      ),
    ),
  );
  chips.hidden = !hasFilters(state);
  if (hasFilters(state)) panel.open = true;
}

let filtersLoaded: Promise<FilterCounts> | undefined;

/** The filter indexes, loaded once (when the panel is first opened or a filter is in the URL). */
export function loadFilters(): Promise<FilterCounts> {
  filtersLoaded ??= loadPagefind().then((p) => p.filters());
  return filtersLoaded;
}

export const filtersRequested = (): boolean => filtersLoaded !== undefined;

/**
 * The counts beside the filter values: of reports only (countOptions), from a second search
 * over the same query and filters; the `kind` filter keeps the search's own counts.
 */
export async function filterCounts(s: SearchState, response: PagefindResponse | null): Promise<FilterCounts> {
  const pagefind = await loadPagefind();
  const all = response ?? (await pagefind.search(pagefindTerm(s), pagefindOptions(s)));
  if (s.filters.kind?.length) return all?.filters ?? {};
  const reports = await pagefind.search(pagefindTerm(s), countOptions(s));
  return { ...(reports?.filters ?? {}), kind: all?.filters.kind ?? {} };
}

/**
 * A value's count: a number of reports (countOptions); for the reviewer, with the files moved in
 * the whole archive in brackets where they differ (84 reports, 92 files: a report can be
 * reviewed in more than one run), said only while the count is the whole archive's.
 * `reviewerFiles` is the search page's data-reviewer-files.
 */
function countTitle(state: SearchState, reviewerFiles: Readonly<Record<string, number>>, filter: string, value: string, n: number): string {
  if (filter !== 'reviewer') return String(n);
  const files = reviewerFiles[value];
  const whole = state.q === '' && Object.entries(state.filters).every(([k, v]) => k === 'reviewer' || v.length === 0);
  const reports = `${n} report${n === 1 ? '' : 's'}`;
  return whole && files !== undefined && files !== n ? `${reports}; ${files} files moved` : reports;
}

/** The filter selects, with the counts of the current search (or of the whole index when there is none). */
export function drawFilterControls(controls: HTMLElement, state: SearchState, counts: FilterCounts, reviewerFiles: Readonly<Record<string, number>>): void {
  const nodes: HTMLElement[] = [];
  for (const f of FILTERS) {
    // A chosen value stays in its list, selected, even where the search leaves it no count.
    const chosenValues = state.filters[f.name] ?? [];
    const counted = counts[f.name] ?? {};
    const values: [string, number][] = Object.entries(counted).filter(([v, n]) => n > 0 || chosenValues.includes(v));
    for (const v of chosenValues) if (!(v in counted)) values.push([v, 0]);
    const chosen = chosenValues.length;
    if (values.length === 0) continue;
    const others = values.length - chosen;
    const id = `search-filter-${f.name}`;
    const select = el('select', { id, 'data-filter': f.name, 'aria-describedby': 'search-filter-keys search-filter-counted' }, el('option', { value: '' }, chosen ? `${others} other value${others === 1 ? '' : 's'}` : `any (${values.length} value${values.length === 1 ? '' : 's'})`));
    const option = (v: string, text: string) => {
      const o = el('option', { value: v }, chosenValues.includes(v) ? `✓ ${text}` : text);
      if (v === chosenValues.at(-1)) o.selected = true;
      return o;
    };
    values.sort((a, b) => collator.compare(a[0], b[0]));
    if (f.name === 'verdict') {
      const groups = new Map<string, [string, number][]>();
      for (const [v, n] of values) {
        const i = v.indexOf(VERDICT_SEPARATOR);
        const run = i < 0 ? '' : v.slice(0, i);
        groups.set(run, [...(groups.get(run) ?? []), [v, n]]);
      }
      for (const [run, vs] of groups) {
        select.append(el('optgroup', { label: run }, ...vs.map(([v, n]) => option(v, `${v.slice(run.length + VERDICT_SEPARATOR.length)} (${n})`))));
      }
    } else {
      select.append(...values.map(([v, n]) => option(v, `${valueTitle(f.name, v)} (${countTitle(state, reviewerFiles, f.name, v, n)})`)));
    }
    nodes.push(el('div', { class: 'search-filter' }, el('label', { for: id }, f.title), select));
  }
  // Redrawn after every search: keep the keyboard focus on the same filter.
  const focused = controls.contains(document.activeElement) ? document.activeElement?.id : undefined;
  controls.replaceChildren(el('p', { id: 'search-filter-counted', class: 'note' }, `The numbers in brackets count ${countedPages(state)}${state.filters.kind?.length ? '' : ' (run and model pages are not counted)'}.`), ...nodes);
  if (focused) document.getElementById(focused)?.focus();
}

/**
 * Calls `apply(filter, value)` when a value is chosen: picked from the opened list (mouse, touch,
 * Enter in the list), Enter on the control, or focus leaving it with a new value. Keys that step
 * through the closed control (arrows, Home/End, Page keys, type-ahead) only browse: browsers
 * change the value and fire `change` at each step, which would search at each step.
 */
export function onFilterChosen(controls: HTMLElement, apply: (filter: string, value: string) => void): void {
  let stepping: HTMLSelectElement | null = null;
  let browsed: HTMLSelectElement | null = null;
  const choose = (select: HTMLSelectElement) => {
    browsed = null;
    const name = select.dataset.filter;
    if (!name || select.value === '') return;
    apply(name, select.value);
  };
  controls.addEventListener('keydown', (e) => {
    const select = e.target;
    if (!(select instanceof HTMLSelectElement)) return;
    if (e.key === 'Enter') {
      e.preventDefault();
      choose(select);
    } else if (e.key === 'Escape' && browsed === select) {
      e.preventDefault();
      select.value = '';
      browsed = null;
    } else if (!e.altKey && !e.ctrlKey && !e.metaKey && (BROWSE_KEYS.has(e.key) || e.key.length === 1)) {
      // The value changes in the key's default action, after this listener: remember the key until then.
      stepping = select;
      setTimeout(() => (stepping = null));
    }
  });
  controls.addEventListener('change', (e) => {
    const select = e.target as HTMLSelectElement;
    if (select === stepping) browsed = select;
    else choose(select);
  });
  controls.addEventListener('focusout', (e) => {
    if (browsed !== null && e.target === browsed) choose(browsed);
  });
}
