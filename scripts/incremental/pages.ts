/**
 * Incremental page builds: when only some reports changed, Astro builds every page except the
 * unchanged report pages, which are carried over from the previous dist/.
 *
 * A report page is made from its JSON alone (src/pages/reports/[source]/[id].astro reads nothing
 * else from content/), so it is the same page as long as that file, the code and the build
 * settings are the same. The inputs are hashed by the content writer
 * (content/report-inputs.json); code and settings are the fingerprint. Everything else (runs,
 * models, lists, home, sitemap: a small share of the corpus's pages) is built every time.
 */
import { createHash } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { REPORT_INPUTS_FILE } from '../../src/lib/content/layout.ts';
import { reportPagePath } from '../../src/lib/paths.ts';
import { readSettings } from '../../src/lib/settings.ts';
import { listFiles } from '../../src/lib/tree/walk.ts';

export interface PageState {
  /** Code and settings the pages were made with (`pageFingerprint`). */
  readonly fingerprint: string;
  /** Report entry stem (`gitlab/2469`) → hash of its content files, for every report page built. */
  readonly reports: Readonly<Record<string, string>>;
}

export type PagePlan =
  | { readonly kind: 'full'; readonly reason: string }
  | { readonly kind: 'partial'; readonly rebuild: readonly string[]; readonly carry: readonly string[]; readonly removed: readonly string[] };

/** Above this share of changed reports a partial build saves little; build everything. */
export const MAX_PARTIAL_SHARE = 0.5;

/**
 * Which report pages to build and which to carry over. `hasPage(stem)` says whether the previous
 * dist/ still holds that page (a missing one is built again, never assumed).
 */
export function planPages(previous: PageState | undefined, fingerprint: string, inputs: Readonly<Record<string, string>>, hasPage: (stem: string) => boolean): PagePlan {
  if (previous === undefined) return { kind: 'full', reason: 'no previous build to start from' };
  if (previous.fingerprint !== fingerprint) return { kind: 'full', reason: 'code or build settings changed' };
  const rebuild: string[] = [];
  const carry: string[] = [];
  for (const [stem, hash] of Object.entries(inputs)) {
    if (previous.reports[stem] === hash && hasPage(stem)) carry.push(stem);
    else rebuild.push(stem);
  }
  const removed = Object.keys(previous.reports).filter((stem) => !(stem in inputs));
  const total = rebuild.length + carry.length;
  if (total > 0 && rebuild.length > total * MAX_PARTIAL_SHARE) return { kind: 'full', reason: `${rebuild.length} of ${total} report pages changed` };
  return { kind: 'partial', rebuild: rebuild.sort(), carry: carry.sort(), removed: removed.sort() };
}

/** The file of a report entry's page in dist/ (as the loss checker finds it, test/support/losses.ts). */
export function reportPageFile(stem: string): string {
  return `${reportPagePath(stem)}index.html`;
}

/** The files whose bytes decide how pages look, relative to the project root. */
const CODE_PATHS = ['src', 'public', 'astro.config.mjs', 'package-lock.json', 'tsconfig.json'];
/** Settings that reach the pages (scripts/build.ts documents them). */
const PAGE_ENV = ['SITE_BASE', 'SITE_URL', 'UPSTREAM_TREE_URL', 'UPSTREAM_COMMIT', 'BUILD_DATE'] as const;

function codeFiles(root: string, rel: string): string[] {
  const abs = path.join(root, rel);
  if (!existsSync(abs)) return [];
  return statSync(abs).isDirectory() ? listFiles(abs).map((f) => `${rel}/${f}`) : [rel];
}

export function pageFingerprint(root: string, env: NodeJS.ProcessEnv): string {
  const h = createHash('sha256');
  h.update(`node ${process.version}\n`);
  // As the pages read them (src/lib/settings.ts): `SITE_BASE` unset, `/` and `` are one base.
  const s = readSettings(env);
  const page: Record<(typeof PAGE_ENV)[number], string | undefined> = {
    SITE_BASE: s.siteBase,
    SITE_URL: s.siteUrl,
    UPSTREAM_TREE_URL: s.upstreamTreeUrl,
    UPSTREAM_COMMIT: s.upstreamCommit,
    BUILD_DATE: s.buildDate,
  };
  for (const name of PAGE_ENV) h.update(`${name}=${page[name] ?? ''}\n`);
  for (const rel of CODE_PATHS.flatMap((p) => codeFiles(root, p))) {
    h.update(`${rel}\n`);
    h.update(readFileSync(path.join(root, rel)));
  }
  return h.digest('hex');
}

/**
 * A content folder for a partial build: everything of `contentDir` (linked), except that its list
 * of report pages names only `rebuild`. Astro builds it like the whole folder.
 */
export function stagePartialContent(contentDir: string, stagingDir: string, rebuild: readonly string[]): void {
  rmSync(stagingDir, { recursive: true, force: true });
  mkdirSync(stagingDir, { recursive: true });
  for (const name of readdirSync(contentDir).sort()) {
    if (name !== REPORT_INPUTS_FILE) symlinkSync(path.resolve(contentDir, name), path.join(stagingDir, name));
  }
  const all = JSON.parse(readFileSync(path.join(contentDir, REPORT_INPUTS_FILE), 'utf8')) as Record<string, string>;
  const partial = Object.fromEntries(rebuild.map((stem) => [stem, all[stem] ?? '']));
  writeFileSync(path.join(stagingDir, REPORT_INPUTS_FILE), JSON.stringify(partial, null, 2) + '\n');
}

/** Links the carried-over report pages of `fromDist` into the new site; a page Astro also made is an error. */
export function carryPages(fromDist: string, toDist: string, carry: readonly string[]): void {
  for (const stem of carry) {
    const rel = reportPageFile(stem);
    const to = path.join(toDist, rel);
    if (existsSync(to)) throw new Error(`${rel}: made by the partial build and carried over too`);
    mkdirSync(path.dirname(to), { recursive: true });
    // Hard links: dist/ files are only ever replaced, never written in place.
    linkSync(path.join(fromDist, rel), to);
  }
}
