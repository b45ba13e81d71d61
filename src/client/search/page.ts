/**
 * The search page (`/search/`), on Pagefind's JS API: Pagefind ranks, filters, counts and makes
 * the excerpts (with `<mark>` around the hits); this script keeps the query, filters and sort in
 * the URL, draws the controls and the result list, and handles the keyboard. One job a module:
 * the bundle (pagefind.ts), the history (history.ts), the filter panel (filters.ts), a hit
 * (results.ts), the result keys (keyboard.ts); this one runs a search and wires the events.
 *
 * - The Pagefind bundle is imported only when needed: on the first keystroke, filter or sort
 *   change, or at once when the URL already asks for a search. The filter indexes (for the
 *   counts beside each value) load when the filter panel is opened.
 * - Keys: `/` focuses the box (src/client/searchKey.ts, on every page); ↓/↑ move through the
 *   result links, Enter opens one, Esc goes back to the box.
 * - Text from the index is put on the page as text; excerpts keep only their `<mark>` elements.
 */
import { describeSearch, hasFilters, isActive, pagefindOptions, pagefindTerm, withFilter, withoutFilter, writeState, type SearchState } from '../../lib/search/state.ts';
import { el } from './dom.ts';
import { drawChips, drawFilterControls, filterCounts, filtersRequested, loadFilters, onFilterChosen } from './filters.ts';
import { SearchHistory } from './history.ts';
import { resultKeys } from './keyboard.ts';
import { loadPagefind, pagefindRequested, type PagefindResponse } from './pagefind.ts';
import { resultItem } from './results.ts';

const PAGE_SIZE = 10;

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

  const searchHistory = new SearchHistory();
  /** Bumped by every search; a slower earlier search never draws over a later one. */
  let generation = 0;
  let lastResponse: PagefindResponse | null = null;
  let shown = 0;
  /** Moved files per reviewer filter value, the whole archive's. */
  const reviewerFiles = JSON.parse(panel.dataset.reviewerFiles ?? '{}') as Record<string, number>;

  function syncControls(): void {
    const { state } = searchHistory;
    if (input!.value.trim() !== state.q) input!.value = state.q;
    sortSelect!.value = state.sort;
    drawChips(chips!, panel!, state);
  }

  const drawFilters = (s: SearchState, counts: Parameters<typeof drawFilterControls>[2]) => drawFilterControls(controls!, s, counts, reviewerFiles);

  function setStatus(text: string, busy: boolean): void {
    status!.textContent = text;
    list!.setAttribute('aria-busy', String(busy));
  }

  async function showMore(gen: number): Promise<void> {
    if (!lastResponse) return;
    const s = searchHistory.state;
    const page = lastResponse.results.slice(shown, shown + PAGE_SIZE);
    const items = await Promise.all(page.map((r) => resultItem(r, s)));
    if (gen !== generation) return;
    list!.append(...items);
    shown += page.length;
    more!.hidden = shown >= lastResponse.results.length;
  }

  async function search(debounce: boolean): Promise<void> {
    const gen = ++generation;
    const s = searchHistory.state;
    if (!isActive(s)) {
      lastResponse = null;
      shown = 0;
      list!.replaceChildren();
      more!.hidden = true;
      setStatus('', false);
      list!.dataset.state = 'idle';
      list!.dataset.query = '';
      if (panel!.open) void loadFilters().then(() => filterCounts(s, null)).then((counts) => gen === generation && drawFilters(s, counts));
      return;
    }
    list!.dataset.state = 'loading';
    setStatus(pagefindRequested() ? 'Searching…' : 'Loading the search index…', true);
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
    if (filtersRequested()) drawFilters(s, await filterCounts(s, response));
    list!.dataset.query = writeState(s);
    list!.dataset.renderedAt = String(performance.now());
    list!.dataset.state = 'done';
  }

  // Typing: search as you type; the first keystroke loads Pagefind.
  input.addEventListener('input', () => {
    searchHistory.commit({ ...searchHistory.state, q: input.value.trim() }, 'typing');
    void search(true);
  });
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    searchHistory.commit({ ...searchHistory.state, q: input.value.trim() }, 'push');
    void search(false);
  });
  sortSelect.addEventListener('change', () => {
    searchHistory.commit({ ...searchHistory.state, sort: sortSelect.value }, 'push');
    void search(false);
  });
  onFilterChosen(controls, (filter, value) => {
    searchHistory.commit(withFilter(searchHistory.state, filter, value), 'push');
    syncControls();
    void search(false);
  });
  chips.addEventListener('click', (e) => {
    const button = (e.target as Element).closest<HTMLButtonElement>('button[data-filter]');
    if (!button) return;
    searchHistory.commit(withoutFilter(searchHistory.state, button.dataset.filter!, button.dataset.value!), 'push');
    syncControls();
    void search(false);
    input.focus();
  });
  panel.addEventListener('toggle', () => {
    if (!panel.open) return;
    controls.replaceChildren(el('p', { class: 'note' }, 'Loading the filters…'));
    const gen = generation;
    void loadFilters().then(async () => {
      const s = searchHistory.state;
      if (lastResponse && gen === generation && isActive(s)) void search(false);
      else drawFilters(s, await filterCounts(s, null));
    });
  });
  more.addEventListener('click', () => void showMore(generation));
  resultKeys(input, list);

  window.addEventListener('popstate', () => {
    searchHistory.reread();
    syncControls();
    void search(false);
  });

  syncControls();
  if (isActive(searchHistory.state)) void search(false);
  else list.dataset.state = 'idle';
}
