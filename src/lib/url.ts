/**
 * Internal links that respect the site base (`SITE_BASE` → `import.meta.env.BASE_URL`), for the
 * Astro pages; the rules themselves (report paths, fragment ids, the base) are src/lib/paths.ts.
 * `href('reports/gitlab/1/')` → `/base/reports/gitlab/1/`. Every internal link goes through here.
 * The path segments of names from the tree (runs, models, labels, report ids) follow the one rule
 * of src/lib/slug.ts: plain names as they always were, any other as a stable `<readable>~<hash>`.
 */
import { joinBase, modelPagePath, pairPagePath, reportPagePath, runLabelPagePath, runLabelsPagePath, runPagePath, safeId, taskPagePath } from './paths.ts';

export function href(path: string): string {
  return joinBase(import.meta.env.BASE_URL ?? '/', path);
}

/** Path segments from our content are already URL-safe (src/lib/slug.ts); this guards the rest. */
export function seg(s: string): string {
  return encodeURIComponent(s);
}

/** Report page of a key `source/id` (the id made path-safe exactly as the content writer does). */
export function reportHref(key: string): string {
  const i = key.indexOf('/');
  return href(reportPagePath(`${key.slice(0, i)}/${safeId(key.slice(i + 1))}`));
}

export function runHref(slug: string): string {
  return href(runPagePath(slug));
}

/** `labelSlug` is URL-safe by construction (src/lib/slug.ts); it is used as is. */
export function runLabelHref(slug: string, labelSlug: string, page = 1): string {
  return href(runLabelPagePath(slug, labelSlug, page));
}

/** Page `page` of a run's list of every label. */
export function runLabelsHref(slug: string, page = 1): string {
  return href(runLabelsPagePath(slug, page));
}

export function modelHref(slug: string): string {
  return href(modelPagePath(slug));
}

/** A run's change list from iteration `from` to `to` (top level: cannot collide with label pages). */
export function changesHref(slug: string, from: string, to: string, page = 1): string {
  return href(`changes/${seg(slug)}/${seg(from)}-${seg(to)}/${page > 1 ? `page/${page}/` : ''}`);
}

/** The configured site (`SITE_URL`), or `undefined` when it is not set. */
export function configuredSite(): string | undefined {
  return import.meta.env.SITE || undefined;
}

/**
 * A base-absolute path (`/archive/reports/gitlab/1/`) as a full URL on the configured `site`
 * (`SITE_URL`): what is cited and what `<link rel="canonical">` says. `undefined` without
 * `SITE_URL`: the archive never makes up an origin (cite lines then show the path, and the
 * browser script puts the address the page was opened at in its place).
 */
export function absoluteHref(basePath: string): string | undefined {
  const site = configuredSite();
  return site === undefined ? undefined : new URL(basePath, new URL(site).origin).href;
}

/** `/tasks/`: every task, and the way into the comparisons. */
export function tasksHref(): string {
  return href('tasks/');
}

/** `/tasks/<task>/`: the runs of one task compared. */
export function taskHref(task: string): string {
  return href(taskPagePath(task));
}

/** `/tasks/<task>/contested/`: every contested report of a task, most contested first (paged). */
export function taskContestedHref(task: string, page = 1): string {
  return href(`tasks/${seg(task)}/contested/${page > 1 ? `page/${page}/` : ''}`);
}

/** `/tasks/<task>/unanimous/`: the reports every run of a task labelled alike (paged). */
export function taskUnanimousHref(task: string, page = 1): string {
  return href(`tasks/${seg(task)}/unanimous/${page > 1 ? `page/${page}/` : ''}`);
}

/** `/about/statistics/`: what κ, α and Fleiss' κ mean, their formulas, the interval, the papers. */
export function statisticsHref(fragment = ''): string {
  return href(`about/statistics/${fragment ? `#${fragment}` : ''}`);
}

/** `/compare/`: every task's pairs ranked by κ. */
export function compareIndexHref(): string {
  return href('compare/');
}

/** `/compare/<run>/`: one run's partners, ranked by κ. */
export function compareRunHref(slug: string): string {
  return href(`compare/${seg(slug)}/`);
}

/** `/compare/<run-a>/<run-b>/`: two runs compared; both orders exist. */
export function compareHref(aSlug: string, bSlug: string): string {
  return href(pairPagePath(aSlug, bSlug));
}

/**
 * One cell of a pair's confusion matrix: `/compare/<run-a>/<run-b>/<label-a>/<label-b>/`, in the
 * pair's canonical order (run names sorted). Label slugs are of the case-folded label, since
 * labels that differ in case are one category in a comparison (`KVM` = `kvm`).
 */
export function compareCellHref(aSlug: string, bSlug: string, aLabelSlug: string, bLabelSlug: string, page = 1): string {
  return href(`compare/${seg(aSlug)}/${seg(bSlug)}/${aLabelSlug}/${bLabelSlug}/${page > 1 ? `page/${page}/` : ''}`);
}

/** `/sets/<name>/`: a curated set's members and what every run said of each. */
export function setHref(name: string, page = 1): string {
  return href(`sets/${seg(name)}/${page > 1 ? `page/${page}/` : ''}`);
}

/** `/reviewer/`: the verdicts a person reviewed, out of manual-review and into a label. */
export function reviewerHref(): string {
  return href('reviewer/');
}
