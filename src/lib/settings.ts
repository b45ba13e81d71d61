/**
 * The build's settings: every environment variable the build, its steps and the pages read, read
 * and checked in one place. A value that is not one the variable takes is an error naming the
 * variable, what it got and what it takes; an empty value counts as not set.
 *
 *   RESULTS_DIR, DUMPS_DIR      the tree and the page dumps (neither: the embedded sample)
 *   CONTENT_DIR                 the generated page data (default `.cache/content`)
 *   NOTES_DIR                   the archivists' notes (default: beside the sample, or `content/notes`)
 *   DIST_DIR                    the site (default `dist`)
 *   SITE_BASE                   the path the site is served under, normalised to `/a/b/` (default `/`)
 *   SITE_URL                    the site's origin, http(s) (default: none)
 *   UPSTREAM_TREE_URL           link template with `{path}` (and `{commit}`), src/lib/links/upstream.ts
 *   UPSTREAM_COMMIT             the tree's commit upstream: a hex commit id
 *   BUILD_DATE                  the day the pages say they were built, YYYY-MM-DD (default today, UTC)
 *   BUILD_INCREMENTAL           `0`: build every page (default `1`)
 *   BUDGET_STRICT               `1`: a missed budget fails the build (default `0`)
 *   RENDER_CACHE_DIR            the markdown render cache (default `.cache/render`)
 *   HISTORY_CACHE_DIR           the parsed git log cache (default `.cache/history`)
 *   RESULTS_GIT, RESULTS_GIT_REV  the repository whose history the tree is, and its commit (default HEAD)
 *   ASTRO_HEAP_MB               Astro's heap, MB (default 1280)
 *   SEARCH_SHARD_PAGES          report pages per Pagefind bundle (shard) at most, on average (default 10000),
 *                               src/lib/search/shards.ts
 *   ASTRO_OUT_DIR               where Astro writes (set by the build; default `./dist`)
 *   SOURCE_DATE_EPOCH           seconds since 1970: datapackage.json's `created` (default: now)
 *
 * Pure over the environment it is given (`readSettings(env)`); `settings()` is this process's,
 * read once.
 */
import { normaliseBase } from './paths.ts';

export type Env = Readonly<Record<string, string | undefined>>;

export interface Settings {
  readonly resultsDir: string | undefined;
  readonly dumpsDir: string | undefined;
  readonly contentDir: string;
  /** `NOTES_DIR` as given; the default depends on the tree (src/lib/dirs.ts `notesDir`). */
  readonly notesDir: string | undefined;
  readonly distDir: string;
  /** With one leading and one trailing slash: `/`, `/archive/`. */
  readonly siteBase: string;
  /** Without a trailing slash: `https://results.example.org`. */
  readonly siteUrl: string | undefined;
  readonly upstreamTreeUrl: string | undefined;
  readonly upstreamCommit: string | undefined;
  readonly buildDate: string | undefined;
  readonly incremental: boolean;
  readonly budgetStrict: boolean;
  readonly renderCacheDir: string;
  readonly historyCacheDir: string;
  readonly resultsGit: string | undefined;
  readonly resultsGitRev: string | undefined;
  readonly astroHeapMB: number;
  /** Reports per search shard: the index is split into ceil(reports / this) Pagefind bundles. */
  readonly searchShardPages: number;
  readonly astroOutDir: string;
  readonly sourceDateEpoch: number | undefined;
}

export const DEFAULT_CONTENT_DIR = '.cache/content';
/** At K = 1 (7,939 reports) the corpus is one shard; Pagefind holds ~300 KB per page while it indexes. */
export const DEFAULT_SEARCH_SHARD_PAGES = 10_000;

/** A setting that is not one its variable takes. */
export class SettingsError extends Error {
  /** Every problem, each naming its variable. */
  readonly problems: readonly { readonly variable: string; readonly message: string }[];

  constructor(problems: readonly { readonly variable: string; readonly message: string }[]) {
    super(problems.map((p) => `${p.variable}: ${p.message}`).join('\n'));
    this.name = 'SettingsError';
    this.problems = problems;
  }
}

const shown = (v: string) => JSON.stringify(v.length > 80 ? `${v.slice(0, 80)}…` : v);

export function readSettings(env: Env): Settings {
  const problems: { variable: string; message: string }[] = [];
  const given = (name: string): string | undefined => {
    const v = env[name]?.trim();
    return v === undefined || v === '' ? undefined : v;
  };
  const fail = (variable: string, message: string) => problems.push({ variable, message });
  const flag = (name: string, fallback: boolean): boolean => {
    const v = given(name);
    if (v === undefined) return fallback;
    if (v === '0' || v === '1') return v === '1';
    fail(name, `${shown(v)} is neither 0 nor 1`);
    return fallback;
  };
  const whole = (name: string, fallback: number | undefined, min: number): number | undefined => {
    const v = given(name);
    if (v === undefined) return fallback;
    if (/^\d+$/.test(v) && Number(v) >= min) return Number(v);
    fail(name, `${shown(v)} is not a whole number${min > 0 ? ` of at least ${min}` : ''}`);
    return fallback;
  };

  const rawBase = given('SITE_BASE') ?? '/';
  // A path of plain segments: no query, fragment, spaces, backslashes, `.` or `..` segments.
  const segments = rawBase.split('/').filter((seg) => seg !== '');
  if (segments.some((seg) => !/^[A-Za-z0-9._~!$&'()*+,;=:@%-]+$/.test(seg) || seg === '.' || seg === '..')) {
    fail('SITE_BASE', `${shown(rawBase)} is not a URL path (e.g. /archive/)`);
  }

  let siteUrl = given('SITE_URL');
  if (siteUrl !== undefined) {
    let url: URL | undefined;
    try {
      url = new URL(siteUrl);
    } catch {
      url = undefined;
    }
    if (!url || !/^https?:$/.test(url.protocol) || url.search || url.hash || url.username || url.password) {
      fail('SITE_URL', `${shown(siteUrl)} is not an http(s) origin (e.g. https://results.example.org)`);
      siteUrl = undefined;
    } else siteUrl = siteUrl.replace(/\/+$/, '');
  }

  const upstreamTreeUrl = given('UPSTREAM_TREE_URL');
  if (upstreamTreeUrl !== undefined && (!/^https?:\/\//.test(upstreamTreeUrl) || !upstreamTreeUrl.includes('{path}'))) {
    fail('UPSTREAM_TREE_URL', `${shown(upstreamTreeUrl)} is not an http(s) link template with {path} (e.g. https://example.org/repo/tree/{path}?id={commit})`);
  }
  const upstreamCommit = given('UPSTREAM_COMMIT');
  if (upstreamCommit !== undefined && !/^[0-9a-f]{4,64}$/i.test(upstreamCommit)) fail('UPSTREAM_COMMIT', `${shown(upstreamCommit)} is not a commit id (hex digits)`);

  const buildDate = given('BUILD_DATE');
  const day = buildDate !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(buildDate) ? Date.parse(`${buildDate}T00:00:00Z`) : NaN;
  if (buildDate !== undefined && !(Number.isFinite(day) && new Date(day).toISOString().startsWith(buildDate))) {
    fail('BUILD_DATE', `${shown(buildDate)} is not a day as YYYY-MM-DD`);
  }

  const settings: Settings = {
    resultsDir: given('RESULTS_DIR'),
    dumpsDir: given('DUMPS_DIR'),
    contentDir: given('CONTENT_DIR') ?? DEFAULT_CONTENT_DIR,
    notesDir: given('NOTES_DIR'),
    distDir: given('DIST_DIR') ?? 'dist',
    siteBase: normaliseBase(rawBase),
    siteUrl,
    upstreamTreeUrl,
    upstreamCommit,
    buildDate,
    incremental: flag('BUILD_INCREMENTAL', true),
    budgetStrict: flag('BUDGET_STRICT', false),
    renderCacheDir: given('RENDER_CACHE_DIR') ?? '.cache/render',
    historyCacheDir: given('HISTORY_CACHE_DIR') ?? '.cache/history',
    resultsGit: given('RESULTS_GIT'),
    resultsGitRev: given('RESULTS_GIT_REV'),
    astroHeapMB: whole('ASTRO_HEAP_MB', 1280, 64)!,
    searchShardPages: whole('SEARCH_SHARD_PAGES', DEFAULT_SEARCH_SHARD_PAGES, 1)!,
    astroOutDir: given('ASTRO_OUT_DIR') ?? './dist',
    sourceDateEpoch: whole('SOURCE_DATE_EPOCH', undefined, 0),
  };
  if (problems.length) throw new SettingsError(problems);
  return settings;
}

let own: Settings | undefined;

/** This process's settings (`process.env`, read once). */
export function settings(): Settings {
  own ??= readSettings(process.env);
  return own;
}
