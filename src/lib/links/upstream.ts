/**
 * Links to the upstream results tree at the commit the archive was built from.
 *
 * `UPSTREAM_TREE_URL` is a template with `{path}` (the tree path, `results/…`, each segment
 * percent-encoded) and `{commit}` (`UPSTREAM_COMMIT`), e.g.
 * `https://example.org/repo/tree/{path}?id={commit}`. Without a template, or when the template
 * names `{commit}` but no commit is set (a link to a moving branch would not last), nothing is
 * linked. Pure: the pages pass in `process.env`.
 */

import { settings } from '../settings.ts';

export interface Upstream {
  readonly template: string;
  /** The pinned commit, when known. */
  readonly commit?: string;
}

export function upstreamFromEnv(env: Readonly<Record<string, string | undefined>>): Upstream | undefined {
  const template = env.UPSTREAM_TREE_URL?.trim();
  if (!template || !template.includes('{path}')) return undefined;
  const commit = env.UPSTREAM_COMMIT?.trim();
  if (template.includes('{commit}') && !commit) return undefined;
  return commit ? { template, commit } : { template };
}

/** `results/classifier/zero-shot/017/operating system/1` → its upstream URL, or `undefined`. */
export function upstreamUrl(up: Upstream | undefined, treePath: string): string | undefined {
  if (!up) return undefined;
  const path = treePath
    .split('/')
    .map((seg) => encodeURIComponent(seg).replace(/%3A/gi, ':').replace(/%40/g, '@'))
    .join('/');
  return up.template.replace(/\{path\}/g, path).replace(/\{commit\}/g, up.commit ?? '');
}

/** The upstream settings of this build (read once per process). */
let cached: Upstream | undefined | null = null;
export function buildUpstream(): Upstream | undefined {
  if (cached === null) {
    const s = settings();
    cached = upstreamFromEnv({ UPSTREAM_TREE_URL: s.upstreamTreeUrl, UPSTREAM_COMMIT: s.upstreamCommit });
  }
  return cached;
}

/** The commit the tree was read at (`UPSTREAM_COMMIT`), cited even without a link template. */
export function buildCommit(): string | undefined {
  return settings().upstreamCommit;
}

/**
 * The tree itself at `commit` upstream (`UPSTREAM_TREE_URL` with `{path}` = `results` and
 * `{commit}` = the tree's commit, which the history knows even when `UPSTREAM_COMMIT` is unset).
 */
export function treeCommitUrl(env: Readonly<Record<string, string | undefined>>, commit: string): string | undefined {
  const template = env.UPSTREAM_TREE_URL?.trim();
  if (!template || !template.includes('{path}')) return undefined;
  return template.replace(/\{path\}/g, 'results').replace(/\{commit\}/g, commit);
}
