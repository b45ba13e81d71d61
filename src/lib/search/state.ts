/**
 * The search page's state and its URL: `/search/?q=msgsnd&run=mode-deepseek-r1:32b&label=user`.
 *
 * Every filter of the search index (the `data-pagefind-filter` elements of the search records,
 * src/lib/content/searchRecords.ts) has a URL parameter of the same name; a parameter may repeat
 * (`run=a&run=b`: pages both runs classified, Pagefind's default "all" semantics). `sort` is one of
 * SORTS' keys; absent means relevance. Pure code: used by the browser script (src/client/search/page.ts),
 * the build (facets, the search page) and the tests.
 */

export interface FilterDef {
  /** Filter name in the index and URL parameter. */
  readonly name: string;
  readonly title: string;
}

/** The filters, in the order the page shows them. */
export const FILTERS: readonly FilterDef[] = [
  { name: 'kind', title: 'Page' },
  { name: 'source', title: 'Source' },
  { name: 'run', title: 'Run' },
  { name: 'model', title: 'Model' },
  { name: 'task', title: 'Task' },
  { name: 'label', title: 'Label (given by any run)' },
  { name: 'verdict', title: 'Run → label' },
  { name: 'agreement', title: 'Agreement within a task' },
  { name: 'reviewer', title: 'Reviewer' },
  { name: 'noted', title: 'Archivists’ notes' },
  { name: 'state', title: 'GitLab state' },
  { name: 'target', title: 'Target architecture' },
  { name: 'accel', title: 'Accelerator' },
];

/** Between the run name and the label in a `verdict` filter value: `mode-deepseek-r1:32b → user`. */
export const VERDICT_SEPARATOR = ' → ';

export function verdictValue(run: string, label: string): string {
  return `${run}${VERDICT_SEPARATOR}${label}`;
}

/** Sort keys in the index (`data-pagefind-sort`): `id` (report ids, numbers zero-padded), `date` (GitLab created_at). */
export const SORTS: Readonly<Record<string, { readonly title: string; readonly key: string; readonly direction: 'asc' | 'desc' }>> = {
  'id-asc': { title: 'Report id, ascending', key: 'id', direction: 'asc' },
  'id-desc': { title: 'Report id, descending', key: 'id', direction: 'desc' },
  'date-desc': { title: 'Newest first (GitLab issues only)', key: 'date', direction: 'desc' },
  'date-asc': { title: 'Oldest first (GitLab issues only)', key: 'date', direction: 'asc' },
};

export interface SearchState {
  readonly q: string;
  /** Filter name → values (each non-empty, no duplicates), only known filter names. */
  readonly filters: Readonly<Record<string, readonly string[]>>;
  /** A key of SORTS, or '' for relevance. */
  readonly sort: string;
}

/** Reads the state from a query string (`?q=…&run=…`); unknown parameters are ignored. */
export function readState(search: string | URLSearchParams): SearchState {
  const params = typeof search === 'string' ? new URLSearchParams(search) : search;
  const filters: Record<string, string[]> = {};
  for (const f of FILTERS) {
    const values = [...new Set(params.getAll(f.name).map((v) => v.trim()).filter((v) => v !== ''))];
    if (values.length > 0) filters[f.name] = values;
  }
  const sort = params.get('sort') ?? '';
  return { q: (params.get('q') ?? '').trim(), filters, sort: sort in SORTS ? sort : '' };
}

/** `encodeURIComponent`, keeping `:` and `/` (run and model names) readable in the address bar. */
function enc(s: string): string {
  return encodeURIComponent(s).replace(/%3A/gi, ':').replace(/%2F/gi, '/').replace(/%20/g, '+');
}

/** The query string for a state, in a fixed order (`?q=…&<filters in FILTERS order>&sort=…`), or '' when empty. */
export function writeState(state: SearchState): string {
  const parts: string[] = [];
  if (state.q !== '') parts.push(`q=${enc(state.q)}`);
  for (const f of FILTERS) for (const v of state.filters[f.name] ?? []) parts.push(`${f.name}=${enc(v)}`);
  if (state.sort !== '') parts.push(`sort=${enc(state.sort)}`);
  return parts.length ? `?${parts.join('&')}` : '';
}

export function hasFilters(state: SearchState): boolean {
  return Object.values(state.filters).some((v) => v.length > 0);
}

/** Whether the state asks for a search at all (a query, a filter, or a sort to list by). */
export function isActive(state: SearchState): boolean {
  return state.q !== '' || hasFilters(state) || state.sort !== '';
}

export function sameState(a: SearchState, b: SearchState): boolean {
  return writeState(a) === writeState(b);
}

export function withFilter(state: SearchState, name: string, value: string): SearchState {
  const current = state.filters[name] ?? [];
  if (current.includes(value)) return state;
  return { ...state, filters: { ...state.filters, [name]: [...current, value] } };
}

export function withoutFilter(state: SearchState, name: string, value: string): SearchState {
  const rest = (state.filters[name] ?? []).filter((v) => v !== value);
  const filters: Record<string, readonly string[]> = { ...state.filters };
  if (rest.length) filters[name] = rest;
  else delete filters[name];
  return { ...state, filters };
}

/** The options for `pagefind.search(term, options)`: filters (all must match) and the sort. */
export function pagefindOptions(state: SearchState): { filters: Record<string, string | string[]>; sort?: Record<string, 'asc' | 'desc'> } {
  const filters: Record<string, string | string[]> = {};
  for (const [name, values] of Object.entries(state.filters)) {
    if (values.length === 1) filters[name] = values[0]!;
    else if (values.length > 1) filters[name] = [...values];
  }
  const s = SORTS[state.sort];
  return s ? { filters, sort: { [s.key]: s.direction } } : { filters };
}

/** The term for `pagefind.search`: `null` lists every page matching the filters (no query typed). */
export function pagefindTerm(state: SearchState): string | null {
  return state.q === '' ? null : state.q;
}

/**
 * Options of the search whose filter counts the page shows: the search itself, restricted to
 * report pages unless a `kind` filter is chosen, so a count is a number of reports (a run's own
 * page does not add one to its run's count). The `kind` filter's own counts come from the search
 * itself (how many report, run and model pages match).
 */
export function countOptions(state: SearchState): ReturnType<typeof pagefindOptions> {
  const options = pagefindOptions(state);
  return state.filters.kind?.length ? options : { ...options, filters: { ...options.filters, kind: 'report' } };
}

/** What the filter counts count, for the note under the filters. */
export function countedPages(state: SearchState): string {
  const kinds = state.filters.kind ?? [];
  return kinds.length ? `${kinds.join(' and ')} pages` : 'reports';
}

/**
 * The summary line: how many results, for which query, with every active filter named
 * (`3 results for “msgsnd” with Run: qwen3:32b, Reviewer: changed by the reviewer (12 without).`).
 */
export function describeSearch(state: SearchState, count: number, unfiltered: number): string {
  const what = `${count} result${count === 1 ? '' : 's'}`;
  const q = state.q ? ` for “${state.q}”` : '';
  const active = FILTERS.flatMap((f) => (state.filters[f.name] ?? []).map((v) => `${f.title}: ${v}`));
  const f = active.length ? ` with ${active.join(', ')}${state.q ? ` (${unfiltered} without the filter${active.length === 1 ? '' : 's'})` : ''}` : '';
  return `${what}${q}${f}.`;
}
