/**
 * The search page (`/search/`), on Pagefind's JS API: Pagefind ranks, filters, counts and makes
 * the excerpts (with `<mark>` around the hits); this script keeps the query, filters and sort in
 * the URL, draws the controls and the result list, and handles the keyboard.
 *
 * - The Pagefind bundle (`<base>pagefind/pagefind.js`) is imported only when needed: on the first
 *   keystroke, filter or sort change, or at once when the URL already asks for a search. The
 *   filter indexes (for the counts beside each value) load when the filter panel is opened.
 * - History: typing replaces the current entry after its first keystroke; Enter, a pause in
 *   typing, a filter or a sort change start a new one, so back/forward step between searches.
 * - Keys: `/` focuses the box (src/client/searchKey.ts, on every page); ↓/↑ move through the
 *   result links, Enter opens one, Esc goes back to the box.
 * - Text from the index is put on the page as text; excerpts keep only their `<mark>` elements.
 */
import { SOURCE_TITLES, TASK_TITLES } from '../lib/content/tasks.ts';
import {
  FILTERS,
  VERDICT_SEPARATOR,
  countOptions,
  countedPages,
  describeSearch,
  hasFilters,
  isActive,
  pagefindOptions,
  pagefindTerm,
  readState,
  sameState,
  withFilter,
  withoutFilter,
  writeState,
  type SearchState,
} from '../lib/search/state.ts';

interface PagefindAnchor {
  readonly element: string;
  readonly id: string;
  readonly location: number;
}
interface PagefindSubResult {
  readonly title: string;
  readonly url: string;
  readonly excerpt: string;
  readonly locations: readonly number[];
  readonly anchor?: PagefindAnchor;
}
interface PagefindData {
  readonly url: string;
  readonly excerpt: string;
  readonly meta: Readonly<Record<string, string>>;
  readonly filters: Readonly<Record<string, readonly string[]>>;
  readonly sub_results: readonly PagefindSubResult[];
}
interface PagefindResult {
  readonly id: string;
  data(): Promise<PagefindData>;
}
type FilterCounts = Readonly<Record<string, Readonly<Record<string, number>>>>;
interface PagefindResponse {
  readonly results: readonly PagefindResult[];
  readonly unfilteredResultCount: number;
  readonly filters: FilterCounts;
  readonly totalFilters: FilterCounts;
}
interface SearchOptions {
  readonly filters?: Readonly<Record<string, string | readonly string[]>>;
  readonly sort?: Readonly<Record<string, 'asc' | 'desc'>>;
}
interface PagefindApi {
  search(term: string | null, options: SearchOptions): Promise<PagefindResponse | null>;
  debouncedSearch(term: string | null, options: SearchOptions, ms: number): Promise<PagefindResponse | null>;
  filters(): Promise<FilterCounts>;
}
interface PagefindModule extends PagefindApi {
  options(options: Record<string, unknown>): Promise<void>;
  init(): Promise<void>;
  mergeIndex(basePath: string, options: Record<string, unknown>): Promise<void>;
}

// Astro's BASE_URL is already normaliseBase(SITE_BASE) (astro.config.mjs, src/lib/paths.ts); the
// slash is only made sure of here, without importing paths.ts into the browser bundle.
const BASE = import.meta.env.BASE_URL.endsWith('/') ? import.meta.env.BASE_URL : `${import.meta.env.BASE_URL}/`;
const PAGE_SIZE = 10;
/** Keys that step a closed drop-down through its values (a filter only browses with them). */
const BROWSE_KEYS = new Set(['ArrowDown', 'ArrowUp', 'ArrowLeft', 'ArrowRight', 'Home', 'End', 'PageDown', 'PageUp']);
/** A pause in typing this long makes the search a history entry of its own. */
const SETTLE_MS = 1500;
/** Pagefind's options, for the primary bundle and every merged one (`options()` reaches the primary only). */
const PAGEFIND_OPTIONS = { excerptLength: 28 };

let api: Promise<PagefindApi> | undefined;

/**
 * The other shards of the index (src/lib/search/shards.ts): `<base>pagefind/shards.json` lists
 * their folders below `<base>pagefind/`. A list that cannot be read fails the search rather
 * than searching part of the site.
 */
async function shardFolders(): Promise<string[]> {
  const res = await fetch(`${BASE}pagefind/shards.json`);
  if (!res.ok) throw new Error(`${BASE}pagefind/shards.json: ${res.status}`);
  const list = (await res.json()) as { merge?: unknown };
  if (!Array.isArray(list.merge) || !list.merge.every((m) => typeof m === 'string' && /^shard-\d+\/$/.test(m))) throw new Error(`${BASE}pagefind/shards.json is not a shard list`);
  return list.merge as string[];
}

/** A filter every bundle gives all its pages (Pagefind's `mergeFilter`): the shard's number. */
const SHARD_FILTER = 'shard';

/**
 * Imports the Pagefind bundle once (it is served beside the site, not bundled with it) and merges
 * the index's other shards into it: Pagefind then searches them all, sums the counts and orders
 * the hits of every shard together by relevance. Sorted searches are put in order here
 * (`inShards`).
 */
export function loadPagefind(): Promise<PagefindApi> {
  api ??= Promise.all([import(/* @vite-ignore */ `${BASE}pagefind/pagefind.js`) as Promise<PagefindModule>, shardFolders()]).then(async ([pagefind, shards]) => {
    await pagefind.options(PAGEFIND_OPTIONS);
    await pagefind.init();
    if (shards.length === 0) return pagefind;
    await pagefind.options({ mergeFilter: { [SHARD_FILTER]: '0' } });
    await Promise.all(shards.map((m, i) => pagefind.mergeIndex(`${BASE}pagefind/${m}`, { ...PAGEFIND_OPTIONS, baseUrl: BASE, mergeFilter: { [SHARD_FILTER]: String(i + 1) } })));
    return inShards(pagefind, shards.length + 1);
  });
  return api;
}

/**
 * Sorted searches over shards, in the order one index gives. Pagefind orders a merged sorted
 * search by each hit's position in its own shard's order, which interleaves the shards only
 * roughly; here each shard's hits are asked for separately (its `shard` filter), each list in
 * its shard's exact order, and the lists are merged by the sort values the records carry as
 * meta (`sort-<key>`, src/lib/search/facets.ts). The merge is lazy: a hit's place is settled when
 * its data is asked for, so showing the first 10 reads the fragments of the first 10 and of one
 * more hit per shard.
 */
function inShards(pagefind: PagefindApi, shards: number): PagefindApi {
  const inOrder = async (term: string | null, options: SearchOptions, response: PagefindResponse | null): Promise<PagefindResponse | null> => {
    const sort = Object.entries(options.sort ?? {})[0];
    if (response === null || sort === undefined) return response;
    const lists = await Promise.all(
      Array.from({ length: shards }, (_, i) => pagefind.search(term, { ...options, filters: { ...options.filters, [SHARD_FILTER]: String(i) } }).then((r) => r?.results ?? [])),
    );
    const total = lists.reduce((n, l) => n + l.length, 0);
    if (total !== response.results.length) throw new Error(`the shards hold ${total} of ${response.results.length} hits`);
    return { ...response, results: mergedInOrder(lists, sort[0], sort[1]) };
  };
  return {
    search: async (term, options) => inOrder(term, options, await pagefind.search(term, options)),
    debouncedSearch: async (term, options, ms) => inOrder(term, options, await pagefind.debouncedSearch(term, options, ms)),
    filters: () => pagefind.filters(),
  };
}

/**
 * Lists each in the order of `key` (`asc` or `desc`), merged into one in that order: hits whose
 * data says where they go. Equal values keep the order of their URLs (ascending with `asc`, as
 * Pagefind orders equal values by page, and its pages are in URL order).
 */
function mergedInOrder(lists: readonly (readonly PagefindResult[])[], key: string, direction: 'asc' | 'desc'): PagefindResult[] {
  type Head = { readonly value: string; readonly url: string; readonly data: PagefindData };
  const next = lists.map(() => 0);
  const heads: (Promise<Head | undefined> | undefined)[] = lists.map(() => undefined);
  const headOf = (i: number): Promise<Head | undefined> => {
    heads[i] ??= (async () => {
      const r = lists[i]![next[i]!];
      if (r === undefined) return undefined;
      const data = await r.data();
      return { value: data.meta[`sort-${key}`] ?? '', url: data.url, data };
    })();
    return heads[i]!;
  };
  const before = (a: Head, b: Head): boolean => {
    const [x, y] = direction === 'asc' ? [a, b] : [b, a];
    return x.value !== y.value ? x.value < y.value : x.url < y.url;
  };
  const settled: Promise<PagefindData>[] = [];
  let done: Promise<unknown> = Promise.resolve();
  /** Settles places up to `k` (one at a time: each takes the best head of the lists). */
  const settle = (k: number): Promise<PagefindData> => {
    while (settled.length <= k) {
      const place = done.then(async () => {
        const all = await Promise.all(lists.map((_, i) => headOf(i)));
        let best = -1;
        for (let i = 0; i < all.length; i++) if (all[i] && (best < 0 || before(all[i]!, all[best]!))) best = i;
        if (best < 0) throw new Error('a sorted search ran out of hits');
        const head = all[best]!;
        next[best]!++;
        heads[best] = undefined;
        return head.data;
      });
      done = place.catch(() => undefined);
      settled.push(place);
    }
    return settled[k]!;
  };
  const total = lists.reduce((n, l) => n + l.length, 0);
  return Array.from({ length: total }, (_, k) => ({ id: `sorted-${k}`, data: () => settle(k) }));
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  e.append(...children);
  return e;
}

/** Pagefind's strings are HTML text (entities kept as written on the page): parsed inertly, kept as text. */
function plainText(html: string): string {
  return new DOMParser().parseFromString(`<body>${html}`, 'text/html').body.textContent ?? '';
}

/** An excerpt as text nodes and `<mark>` elements only. */
function excerptNodes(html: string): DocumentFragment {
  const out = document.createDocumentFragment();
  const walk = (node: Node) => {
    for (const c of Array.from(node.childNodes)) {
      if (c.nodeType === Node.TEXT_NODE) out.append(c.textContent ?? '');
      else if (c.nodeName === 'MARK') out.append(el('mark', {}, c.textContent ?? ''));
      else walk(c);
    }
  };
  walk(new DOMParser().parseFromString(`<body>${html}`, 'text/html').body);
  return out;
}

function valueTitle(filter: string, value: string): string {
  if (filter === 'source') return SOURCE_TITLES[value] ? `${SOURCE_TITLES[value]} (${value})` : value;
  if (filter === 'task') return TASK_TITLES[value] ? `${TASK_TITLES[value]} (${value})` : value;
  return value;
}

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

export function startSearch(): void {
  const form = document.getElementById('search-form') as HTMLFormElement | null;
  const input = document.getElementById('search-q') as HTMLInputElement | null;
  const sortSelect = document.getElementById('search-sort') as HTMLSelectElement | null;
  const panel = document.getElementById('search-filters') as HTMLDetailsElement | null;
  const controls = document.getElementById('search-filter-controls');
  const chips = document.getElementById('search-active');
  const status = document.getElementById('search-status');
  const list = document.getElementById('search-results') as HTMLOListElement | null;
  const more = document.getElementById('search-more') as HTMLButtonElement | null;
  if (!form || !input || !sortSelect || !panel || !controls || !chips || !status || !list || !more) return;

  let state: SearchState = readState(location.search);
  /** The current history entry was made by typing: further keystrokes replace it. */
  let typingEntry = false;
  let settleTimer: ReturnType<typeof setTimeout> | undefined;
  /** Bumped by every search; a slower earlier search never draws over a later one. */
  let generation = 0;
  let filtersLoaded: Promise<FilterCounts> | undefined;
  let lastResponse: PagefindResponse | null = null;
  let shown = 0;

  const url = (s: SearchState) => `${location.pathname}${writeState(s)}`;

  function commit(next: SearchState, how: 'typing' | 'push' | 'replace'): void {
    const changed = !sameState(next, state);
    if (how === 'typing') {
      if (!changed) return;
      if (typingEntry) history.replaceState(null, '', url(next));
      else history.pushState(null, '', url(next));
      typingEntry = true;
      clearTimeout(settleTimer);
      settleTimer = setTimeout(() => (typingEntry = false), SETTLE_MS);
    } else {
      clearTimeout(settleTimer);
      typingEntry = false;
      if (how === 'push' && changed) history.pushState(null, '', url(next));
      else if (changed) history.replaceState(null, '', url(next));
    }
    state = next;
  }

  function syncControls(): void {
    if (input!.value.trim() !== state.q) input!.value = state.q;
    sortSelect!.value = state.sort;
    chips!.replaceChildren(
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
    chips!.hidden = !hasFilters(state);
    if (hasFilters(state)) panel!.open = true;
  }

  /**
   * The counts beside the filter values: of reports only (countOptions), from a second search
   * over the same query and filters; the `kind` filter keeps the search's own counts.
   */
  async function filterCounts(s: SearchState, response: PagefindResponse | null): Promise<FilterCounts> {
    const pagefind = await loadPagefind();
    const all = response ?? (await pagefind.search(pagefindTerm(s), pagefindOptions(s)));
    if (s.filters.kind?.length) return all?.filters ?? {};
    const reports = await pagefind.search(pagefindTerm(s), countOptions(s));
    return { ...(reports?.filters ?? {}), kind: all?.filters.kind ?? {} };
  }

  /** Moved files per reviewer filter value, the whole archive's (the search page's data-reviewer-files). */
  const reviewerFiles = JSON.parse(panel.dataset.reviewerFiles ?? '{}') as Record<string, number>;

  /**
   * A value's count: a number of reports (countOptions); for the reviewer, with the files moved in
   * the whole archive in brackets where they differ (84 reports, 92 files: a report can be
   * reviewed in more than one run), said only while the count is the whole archive's.
   */
  function countTitle(filter: string, value: string, n: number): string {
    if (filter !== 'reviewer') return String(n);
    const files = reviewerFiles[value];
    const whole = state.q === '' && Object.entries(state.filters).every(([k, v]) => k === 'reviewer' || v.length === 0);
    const reports = `${n} report${n === 1 ? '' : 's'}`;
    return whole && files !== undefined && files !== n ? `${reports}; ${files} files moved` : reports;
  }

  function loadFilters(): Promise<FilterCounts> {
    filtersLoaded ??= loadPagefind().then((p) => p.filters());
    return filtersLoaded;
  }

  /** The filter selects, with the counts of the current search (or of the whole index when there is none). */
  function drawFilterControls(counts: FilterCounts): void {
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
        select.append(...values.map(([v, n]) => option(v, `${valueTitle(f.name, v)} (${countTitle(f.name, v, n)})`)));
      }
      nodes.push(el('div', { class: 'search-filter' }, el('label', { for: id }, f.title), select));
    }
    // Redrawn after every search: keep the keyboard focus on the same filter.
    const focused = controls!.contains(document.activeElement) ? document.activeElement?.id : undefined;
    controls!.replaceChildren(el('p', { id: 'search-filter-counted', class: 'note' }, `The numbers in brackets count ${countedPages(state)}${state.filters.kind?.length ? '' : ' (run and model pages are not counted)'}.`), ...nodes);
    if (focused) document.getElementById(focused)?.focus();
  }

  function setStatus(text: string, busy: boolean): void {
    status!.textContent = text;
    list!.setAttribute('aria-busy', String(busy));
  }

  async function resultItem(r: PagefindResult, s: SearchState): Promise<HTMLLIElement> {
    const d = await r.data();
    const title = plainText(d.meta.title ?? d.url) || d.url;
    const item = el('li', { class: 'hit' }, el('a', { class: 'hit-title', href: d.url }, title));
    if (d.meta.key) item.append(' ', el('span', { class: 'hit-key' }, plainText(d.meta.key)));
    // With a run filter, what that run said.
    const runs = s.filters.run ?? [];
    const said = (d.filters.verdict ?? []).filter((v) => runs.some((run) => v.startsWith(`${run}${VERDICT_SEPARATOR}`)));
    if (said.length) item.append(el('p', { class: 'hit-verdicts' }, said.join(' · ')));
    if (d.excerpt) item.append(el('p', { class: 'hit-excerpt' }, excerptNodes(d.excerpt)));
    // Sections with the most hits (a run's verdict and reasoning, the report text…), in page order.
    const subs = d.sub_results
      .filter((sub) => sub.anchor !== undefined && sub.url !== d.url && sub.locations.length > 0)
      .sort((a, b) => b.locations.length - a.locations.length)
      .slice(0, 3)
      .sort((a, b) => (a.anchor?.location ?? 0) - (b.anchor?.location ?? 0));
    if (subs.length) {
      item.append(
        el(
          'ul',
          { class: 'hit-subs' },
          ...subs.map((sub) => el('li', {}, el('a', { class: 'hit-sub', href: sub.url }, plainText(sub.title) || sub.url), ' ', el('span', { class: 'hit-excerpt' }, excerptNodes(sub.excerpt)))),
        ),
      );
    }
    return item;
  }

  async function showMore(gen: number): Promise<void> {
    if (!lastResponse) return;
    const s = state;
    const page = lastResponse.results.slice(shown, shown + PAGE_SIZE);
    const items = await Promise.all(page.map((r) => resultItem(r, s)));
    if (gen !== generation) return;
    list!.append(...items);
    shown += page.length;
    more!.hidden = shown >= lastResponse.results.length;
  }

  async function search(debounce: boolean): Promise<void> {
    const gen = ++generation;
    const s = state;
    if (!isActive(s)) {
      lastResponse = null;
      shown = 0;
      list!.replaceChildren();
      more!.hidden = true;
      setStatus('', false);
      list!.dataset.state = 'idle';
      list!.dataset.query = '';
      if (panel!.open) void loadFilters().then(() => filterCounts(s, null)).then((counts) => gen === generation && drawFilterControls(counts));
      return;
    }
    list!.dataset.state = 'loading';
    setStatus(api ? 'Searching…' : 'Loading the search index…', true);
    let response: PagefindResponse | null;
    try {
      const pagefind = await loadPagefind();
      if (panel!.open || hasFilters(s)) await loadFilters();
      const options = pagefindOptions(s);
      response = debounce ? await pagefind.debouncedSearch(pagefindTerm(s), options, 80) : await pagefind.search(pagefindTerm(s), options);
    } catch (e) {
      if (gen === generation) {
        setStatus(`Search failed: ${e instanceof Error ? e.message : String(e)}`, false);
        list!.dataset.state = 'error';
      }
      return;
    }
    if (response === null || gen !== generation) return; // a newer search replaced this one
    lastResponse = response;
    shown = 0;
    const first = response.results.slice(0, PAGE_SIZE);
    const items = await Promise.all(first.map((r) => resultItem(r, s)));
    if (gen !== generation) return;
    list!.replaceChildren(...items);
    shown = first.length;
    more!.hidden = shown >= response.results.length;
    setStatus(describeSearch(s, response.results.length, response.unfilteredResultCount), false);
    if (filtersLoaded) drawFilterControls(await filterCounts(s, response));
    list!.dataset.query = writeState(s);
    list!.dataset.renderedAt = String(performance.now());
    list!.dataset.state = 'done';
  }

  // Typing: search as you type; the first keystroke loads Pagefind.
  input.addEventListener('input', () => {
    commit({ ...state, q: input.value.trim() }, 'typing');
    void search(true);
  });
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    commit({ ...state, q: input.value.trim() }, 'push');
    void search(false);
  });
  sortSelect.addEventListener('change', () => {
    commit({ ...state, sort: sortSelect.value }, 'push');
    void search(false);
  });
  // A filter applies its value when a choice is made: picked from the opened list (mouse, touch,
  // Enter in the list), Enter on the control, or focus leaving it with a new value. Keys that step
  // through the closed control (arrows, Home/End, Page keys, type-ahead) only browse: browsers
  // change the value and fire `change` at each step, which would search at each step.
  let stepping: HTMLSelectElement | null = null;
  let browsed: HTMLSelectElement | null = null;
  const applyFilter = (select: HTMLSelectElement) => {
    browsed = null;
    const name = select.dataset.filter;
    if (!name || select.value === '') return;
    commit(withFilter(state, name, select.value), 'push');
    syncControls();
    void search(false);
  };
  controls.addEventListener('keydown', (e) => {
    const select = e.target;
    if (!(select instanceof HTMLSelectElement)) return;
    if (e.key === 'Enter') {
      e.preventDefault();
      applyFilter(select);
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
    else applyFilter(select);
  });
  controls.addEventListener('focusout', (e) => {
    if (browsed !== null && e.target === browsed) applyFilter(browsed);
  });
  chips.addEventListener('click', (e) => {
    const button = (e.target as Element).closest<HTMLButtonElement>('button[data-filter]');
    if (!button) return;
    commit(withoutFilter(state, button.dataset.filter!, button.dataset.value!), 'push');
    syncControls();
    void search(false);
    input.focus();
  });
  panel.addEventListener('toggle', () => {
    if (!panel.open) return;
    controls.replaceChildren(el('p', { class: 'note' }, 'Loading the filters…'));
    const gen = generation;
    void loadFilters().then(async () => {
      if (lastResponse && gen === generation && isActive(state)) void search(false);
      else drawFilterControls(await filterCounts(state, null));
    });
  });
  more.addEventListener('click', () => void showMore(generation));

  // Keyboard: ↓ from the box into the results, ↓/↑ through their links, Esc back to the box.
  const links = () => Array.from(list.querySelectorAll<HTMLAnchorElement>('a[href]'));
  input.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown' && links().length) {
      e.preventDefault();
      links()[0]!.focus();
    }
  });
  list.addEventListener('keydown', (e) => {
    const all = links();
    const i = all.indexOf(document.activeElement as HTMLAnchorElement);
    if (i < 0) return;
    if (e.key === 'ArrowDown' && i + 1 < all.length) all[i + 1]!.focus();
    else if (e.key === 'ArrowUp') (i > 0 ? all[i - 1]! : input).focus();
    else if (e.key === 'Escape') input.focus();
    else return;
    e.preventDefault();
  });

  window.addEventListener('popstate', () => {
    clearTimeout(settleTimer);
    typingEntry = false;
    state = readState(location.search);
    syncControls();
    void search(false);
  });

  syncControls();
  if (isActive(state)) void search(false);
  else list.dataset.state = 'idle';
}
