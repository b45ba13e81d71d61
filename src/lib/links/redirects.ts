/**
 * `<base>_redirects`: the old and upstream addresses the 404 page forwards (legacyPath.ts), as
 * rules static hosts apply without JavaScript, in the format Netlify and Cloudflare Pages read
 * (GitLab Pages reads it too): one rule a line, `<from> <to> 301`, `:name` a placeholder for one
 * path segment; the first rule that matches wins. One rule per path shape, not one per report;
 * only the exceptions a shape cannot say (box64/FEX files the reader renamed, upstream numbers
 * that name several reports) get lines of their own, before the shapes.
 *
 * Covered: upstream issue URLs onto this host or put after the base (GitLab issue, Launchpad
 * bug, box64/FEX GitHub issue), and the scraped reports' tree paths, bare or after cgit's
 * `tree/`, `plain/`, `blame/`. Not covered, left to the 404 page's script: classifier files
 * (which report a `…/<run>/<label>/<id>` names depends on which source has the id, which no
 * placeholder can say), short links (`<base>2469`, the same), GitLab TOML files, and tree paths
 * behind any other prefix. Cloudflare Pages takes at most 100 rules with placeholders; the
 * shapes are fewer than 60 (a test holds them to it).
 *
 * A rule may send an id that has no report to `reports/<source>/<id>/`, which is then the 404
 * page (it offers a search for the id), where the script would have said so at once.
 * Pure: the build writes it from the path index (src/pages/[redirects].ts).
 */
import type { Source } from '../model.ts';
import { reportUrl, type PathIndex } from './pathIndex.ts';
import { upstreamReportUrls, type UpstreamIssue } from './legacyPath.ts';

/** cgit's views of a tree path, put after the base (as the 404 page's tests give them), and none. */
export const TREE_PREFIXES: readonly string[] = ['', 'tree/', 'plain/', 'blame/'];

/** Scraped reports' tree path shapes → their report page, `:id` the report id. */
const SCRAPER_SHAPES: readonly { from: string; source: Source }[] = [
  { from: 'results/scraper/gitlab/issues_text/:target/:host/:accel/:id', source: 'gitlab' },
  { from: 'results/scraper/gitlab/semantic_issues/:id', source: 'gitlab-semantic' },
  { from: 'results/scraper/launchpad/:id', source: 'launchpad' },
  { from: 'results/scraper/launchpad-without-comments/:id', source: 'launchpad' },
  { from: 'results/scraper/mailinglist/:id', source: 'mailinglist' },
  { from: 'results/scraper/box64/:section/:id', source: 'box64' },
  { from: 'results/scraper/box64/:id', source: 'box64' },
  { from: 'results/scraper/fex/:section/:id', source: 'fex' },
  { from: 'results/scraper/fex/:id', source: 'fex' },
];

/** Upstream issue URL paths → source, `:n` the issue number; each also after the base with its scheme and host. */
const UPSTREAM_SHAPES: readonly { hosts: readonly string[]; path: string; source: UpstreamIssue['source'] }[] = [
  { hosts: ['gitlab.com'], path: 'qemu-project/qemu/-/issues/:n', source: 'gitlab' },
  { hosts: ['gitlab.com'], path: 'qemu-project/qemu/issues/:n', source: 'gitlab' },
  { hosts: ['gitlab.com'], path: 'qemu-project/qemu/-/work_items/:n', source: 'gitlab' },
  { hosts: ['bugs.launchpad.net', 'launchpad.net'], path: ':project/+bug/:n', source: 'launchpad' },
  { hosts: ['bugs.launchpad.net', 'launchpad.net'], path: ':project/+source/:package/+bug/:n', source: 'launchpad' },
  { hosts: ['bugs.launchpad.net', 'launchpad.net'], path: 'bugs/:n', source: 'launchpad' },
  { hosts: ['github.com'], path: 'ptitSeb/box64/issues/:n', source: 'box64' },
  { hosts: ['github.com'], path: 'FEX-Emu/FEX/issues/:n', source: 'fex' },
];

/** A tree path as a browser sends it: each segment percent-encoded. */
function encodePath(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

export interface RedirectRule {
  readonly from: string;
  readonly to: string;
}

/** The rules, exceptions first, relative paths put after `base` (`/` or `/archive/`). */
export function redirectRules(index: PathIndex, base: string): RedirectRule[] {
  const b = base.endsWith('/') ? base : `${base}/`;
  const fixed: RedirectRule[] = [];
  const shapes: RedirectRule[] = [];
  const tree = (from: string, to: string, into: RedirectRule[]) => {
    for (const prefix of TREE_PREFIXES) into.push({ from: `${b}${prefix}${from}`, to: `${b}${to}` });
  };
  const upstream = (path: string, hosts: readonly string[], to: string, into: RedirectRule[]) => {
    into.push({ from: `${b}${path}`, to });
    for (const host of hosts) into.push({ from: `${b}https://${host}/${path}`, to });
  };

  for (const source of ['box64', 'fex'] as const) {
    // A section is a folder, not an id: its listing.
    for (const section of index.sections[source] ?? []) tree(`results/scraper/${source}/${section}`, `reports/${source}/`, fixed);
    // Files the reader filed under another id.
    for (const [file, id] of Object.entries(index.renamed)) {
      if (file.startsWith(`${source}/`)) tree(`results/scraper/${encodePath(file)}`, reportUrl(index, `${source}/${id}`), fixed);
    }
    // Issue numbers whose report is not `reports/<source>/<n>/` (renamed, or several).
    const numbers = new Set<string>();
    for (const id of index.ids[source] ?? []) if (/^\d+$/.test(id)) numbers.add(String(Number(id)));
    for (const file of Object.keys(index.renamed)) {
      const m = new RegExp(`^${source}/(?:[^/]+/)?(\\d+)$`).exec(file);
      if (m) numbers.add(String(Number(m[1])));
    }
    const shape = UPSTREAM_SHAPES.find((s) => s.source === source)!;
    for (const n of [...numbers].sort((x, y) => Number(x) - Number(y))) {
      const urls = upstreamReportUrls({ source, number: n }, index);
      if (urls.length === 1 && urls[0] === `reports/${source}/${n}/`) continue;
      const original = `https://${shape.hosts[0]}/${shape.path.replace(':n', n)}`;
      // Several reports: the tree path finder lists them (what the 404 page would have shown).
      const to = urls.length === 1 ? `${b}${urls[0]}` : `${b}tree/?path=${encodeURIComponent(original)}`;
      upstream(shape.path.replace(':n', n), shape.hosts, to, fixed);
    }
  }
  // Ids that are not plain names have pages under another segment (src/lib/slug.ts).
  for (const key of Object.keys(index.stems)) {
    const [source, ...rest] = key.split('/');
    const id = rest.join('/');
    const file = source === 'gitlab-semantic' ? `gitlab/semantic_issues/${id}` : source === 'gitlab' || source === 'unknown' ? undefined : `${source}/${id}`;
    if (file !== undefined) tree(`results/scraper/${encodePath(file)}`, reportUrl(index, key), fixed);
  }

  for (const s of SCRAPER_SHAPES) tree(s.from, `reports/${s.source}/:id/`, shapes);
  for (const s of UPSTREAM_SHAPES) upstream(s.path, s.hosts, `${b}reports/${s.source}/:n/`, shapes);
  return [...fixed, ...shapes];
}

/** The `_redirects` file: a comment saying what it is, then one rule a line. */
export function redirectsFile(index: PathIndex, base: string): string {
  const header = [
    '# Old tree links and upstream issue URLs -> the archive page that shows them (Netlify / Cloudflare Pages format).',
    '# Written by the build (src/lib/links/redirects.ts); elsewhere the 404 page forwards the same links with JavaScript.',
  ];
  return `${[...header, ...redirectRules(index, base).map((r) => `${r.from} ${r.to} 301`)].join('\n')}\n`;
}
