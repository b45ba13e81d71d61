/** Model pages: `model-data/<slug>.json`; and a model's URL segment. */
import type { ResultsModel } from '../model.ts';
import { assignSegments } from '../slug.ts';
import { compare as cmp } from '../order.ts';
import type { ModelData } from './types.ts';

const modelSlugMemo = new WeakMap<ResultsModel, ReadonlyMap<string, string>>();

/** A model's URL segment, unique among the tree's models (src/lib/slug.ts). */
export function modelSlugOf(model: ResultsModel, name: string): string {
  let slugs = modelSlugMemo.get(model);
  if (!slugs) {
    slugs = assignSegments('model', [...model.runs.values()].flatMap((r) => r.models)).segments;
    modelSlugMemo.set(model, slugs);
  }
  return slugs.get(name) ?? assignSegments('model', [name]).segments.get(name)!;
}

export function modelNames(model: ResultsModel): string[] {
  const names = new Set<string>();
  for (const r of model.runs.values()) for (const m of r.models) names.add(m);
  return [...names].sort(cmp);
}

export function modelData(model: ResultsModel, name: string, runTotals: ReadonlyMap<string, number>): ModelData {
  const runs = [...model.runs.values()].filter((r) => r.models.includes(name)).sort((a, b) => cmp(a.name, b.name));
  const labels = new Set<string>();
  for (const r of runs) for (const l of [...r.labels, ...Object.keys(r.labelCounts)]) labels.add(l);
  return {
    name,
    slug: modelSlugOf(model, name),
    runs: runs.map((r) => ({ name: r.name, slug: r.slug, task: r.task, total: runTotals.get(r.name) ?? 0 })),
    table: [...labels].sort(cmp).map((label) => ({
      label,
      counts: runs.map((r) => (label in r.labelCounts ? r.labelCounts[label]! : r.labels.includes(label) ? 0 : null)),
    })),
  };
}
