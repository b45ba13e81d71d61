/** Run pages (`runs/<slug>.mdx`, `run-data/<slug>.json`, `run-members/<slug>/<i>-<page>.json`) and model pages. */
import { escape } from 'html-escaper';
import type { CountTable, ResultsModel, Run, Verdict } from '../model.ts';
import { SOURCES } from '../model.ts';
import { assignSegments, labelSlug } from '../slug.ts';
import { cmp, provData } from './report.ts';
import { analysisBasis } from '../tree/curated.ts';
import { TASK_TITLES } from './tasks.ts';
import { cutTitle, visibleName, yamlString } from './text.ts';
import { changeListData, relatedChangeLists } from './changes.ts';
import type { CountCompareRow, CuratedFall, LabelMember, ModelData, RunCompareData, RunData, RunLabelPage, RunMembersData } from './types.ts';

/** Reports listed per label page; a label with more is split into `/page/<n>/`. */
export const MEMBERS_PER_PAGE = 800;

export const RUN_MDX_BODY = '<RunHeader data={props.data} />\n\n<RunBody data={props.data} />\n';
export const MODEL_MDX_BODY = '<ModelBody data={props.data} />\n';

export function runMdx(run: Run): string {
  return `---\ntitle: ${yamlString(run.name)}\nslug: ${yamlString(run.slug)}\n---\n\n${RUN_MDX_BODY}`;
}

export function modelMdx(name: string, slug: string): string {
  return `---\ntitle: ${yamlString(name)}\nslug: ${yamlString(slug)}\n---\n\n${MODEL_MDX_BODY}`;
}

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

/** Natural order of report keys: source order, then numeric-aware id. */
export function compareKeys(a: string, b: string): number {
  const [sa = '', ia = ''] = splitKey(a);
  const [sb = '', ib = ''] = splitKey(b);
  const oa = SOURCES.indexOf(sa as never);
  const ob = SOURCES.indexOf(sb as never);
  if (oa !== ob) return oa - ob;
  if (sa !== sb) return cmp(sa, sb);
  const na = /^\d+$/.test(ia);
  const nb = /^\d+$/.test(ib);
  if (na && nb) return Number(ia) - Number(ib) || cmp(ia, ib);
  if (na !== nb) return na ? -1 : 1;
  return cmp(ia, ib);
}

function splitKey(key: string): [string, string] {
  const i = key.indexOf('/');
  return i < 0 ? [key, ''] : [key.slice(0, i), key.slice(i + 1)];
}

export function verdictsByRun(model: ResultsModel): Map<string, Verdict[]> {
  const out = new Map<string, Verdict[]>();
  for (const name of model.runs.keys()) out.set(name, []);
  for (const list of model.verdictsByReport.values()) {
    for (const v of list) {
      const l = out.get(v.run) ?? [];
      l.push(v);
      out.set(v.run, l);
    }
  }
  for (const l of out.values()) l.sort((a, b) => compareKeys(a.reportKey, b.reportKey));
  return out;
}

function compareCounts(csv: ReadonlyMap<string, number> | undefined, folders: ReadonlyMap<string, number>): CountCompareRow[] {
  const labels = new Set([...(csv?.keys() ?? []), ...folders.keys()]);
  return [...labels].sort(cmp).map((label) => {
    const c = csv ? (csv.get(label) ?? null) : null;
    const f = folders.get(label) ?? null;
    return { label, csv: c, folders: f, differs: csv !== undefined && (c ?? 0) !== (f ?? 0) };
  });
}

function tableMap(t: CountTable | undefined): Map<string, number> | undefined {
  if (!t) return undefined;
  const m = new Map<string, number>();
  for (const r of t.rows) m.set(r.category, (m.get(r.category) ?? 0) + r.count);
  return m;
}

/** Static horizontal bar chart (no client JS). Labels are escaped; everything else is numbers. */
export function barChartSvg(rows: readonly { label: string; count: number }[], title: string): string {
  const barH = 18;
  const gap = 4;
  const labelW = 190;
  const barW = 330;
  const numW = 60;
  const width = labelW + barW + numW;
  const height = Math.max(1, rows.length) * (barH + gap) + gap;
  const max = Math.max(1, ...rows.map((r) => r.count));
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="chart-title">`,
    `<title id="chart-title">${escape(title)}</title>`,
  );
  rows.forEach((r, i) => {
    const y = gap + i * (barH + gap);
    const w = r.count === 0 ? 0 : Math.max(1, Math.round((r.count / max) * barW));
    const label = r.label.length > 28 ? `${r.label.slice(0, 27)}…` : r.label;
    parts.push(
      `<text x="${labelW - 6}" y="${y + 13}" text-anchor="end">${escape(label)}</text>`,
      `<rect x="${labelW}" y="${y}" width="${w}" height="${barH}"><title>${escape(`${r.label}: ${r.count}`)}</title></rect>`,
      `<text x="${labelW + w + 4}" y="${y + 13}">${r.count}</text>`,
    );
  });
  parts.push('</svg>');
  return parts.join('');
}

export interface RunContent {
  /** Without `downloads`, which the data files give (src/lib/content/index.ts). */
  readonly data: Omit<RunData, 'downloads'>;
  readonly members: { readonly file: string; readonly data: RunMembersData }[];
}

export function runContent(model: ResultsModel, run: Run, verdicts: readonly Verdict[], compare: RunCompareData): RunContent {
  // Members per folder label (an id in two folders is listed under both).
  const byLabel = new Map<string, LabelMember[]>();
  for (const label of run.labels) byLabel.set(label, []);
  let reviewed = 0;
  for (const v of verdicts) {
    const r = model.reports.get(v.reportKey);
    if (v.modelLabel !== undefined && v.modelLabel !== v.label) reviewed++;
    const labels = v.labels.length ? v.labels : [v.label];
    for (const label of labels) {
      const m: { -readonly [K in keyof LabelMember]: LabelMember[K] } = { key: v.reportKey, id: v.id, title: cutTitle(r?.title ?? v.id) };
      if (v.modelLabel !== undefined && v.modelLabel !== v.label) m.modelLabel = v.modelLabel;
      const others = labels.filter((l) => l !== label);
      if (others.length) m.alsoIn = others;
      const list = byLabel.get(label) ?? [];
      list.push(m);
      byLabel.set(label, list);
    }
  }
  const labels = [...byLabel.keys()].sort(cmp);
  const labelPages: RunLabelPage[] = [];
  const members: RunContent['members'] = [];
  labels.forEach((label, i) => {
    const list = byLabel.get(label)!;
    const pages = Math.max(1, Math.ceil(list.length / MEMBERS_PER_PAGE));
    labelPages.push({ label, labelSlug: labelSlug(label), count: list.length, pages });
    for (let p = 1; p <= pages; p++) {
      members.push({
        file: `run-members/${run.slug}/${i}-${p}.json`,
        data: {
          run: run.name,
          runSlug: run.slug,
          label,
          labelSlug: labelSlug(label),
          members: list.slice((p - 1) * MEMBERS_PER_PAGE, p * MEMBERS_PER_PAGE),
        },
      });
    }
  });

  const folderCounts = new Map<string, number>();
  for (const label of new Set([...run.labels, ...Object.keys(run.labelCounts)])) {
    folderCounts.set(label, run.labelCounts[label] ?? 0);
  }
  const countRows = [...folderCounts]
    .map(([label, count]) => ({ label, labelSlug: labelSlug(label), count }))
    .sort((a, b) => b.count - a.count || cmp(a.label, b.label));
  const total = verdicts.length;

  // Curated sets, recomputed from this run's verdicts; where the run has an analysis table, the
  // semantic bugs are counted on the basis the table was made on (the build report's basis too).
  const verdictByKey = new Map(verdicts.map((v) => [v.reportKey, v]));
  const verdictById = new Map(verdicts.map((v) => [v.id, v]));
  const analysis = tableMap(run.analysisCsv);
  const curated: CuratedFall[] = model.curatedSets.map((set) => {
    const counts = new Map<string, number>();
    let classified = 0;
    for (const m of set.members) {
      const v = verdictByKey.get(m.reportKey);
      if (!v) continue;
      classified++;
      counts.set(v.label, (counts.get(v.label) ?? 0) + 1);
    }
    const basis = set.name === 'semantic-bugs' ? analysisBasis(run, verdictById, set.members) : undefined;
    if (basis && analysis) {
      return {
        set: set.name,
        members: set.members.length,
        classified,
        rows: compareCounts(analysis, new Map(Object.entries(basis.fell))),
        comparedWithAnalysis: true,
        basis: basis.name,
      };
    }
    return { set: set.name, members: set.members.length, classified, rows: compareCounts(undefined, counts), comparedWithAnalysis: false };
  });

  const idToKey = new Map<string, string | null>();
  for (const v of verdicts) idToKey.set(v.id, idToKey.has(v.id) && idToKey.get(v.id) !== v.reportKey ? null : v.reportKey);

  const data: { -readonly [K in keyof RunContent['data']]: RunContent['data'][K] } = {
    name: run.name,
    slug: run.slug,
    layout: run.layout,
    task: run.task,
    taskTitle: TASK_TITLES[run.task] ?? run.task,
    models: run.models.map((name) => ({ name, slug: modelSlugOf(model, name) })),
    thinking: run.thinking,
    total,
    labelCounts: countRows,
    chartSvg: barChartSvg(
      countRows.map((r) => ({ ...r, label: visibleName(r.label) })),
      `Label distribution of ${visibleName(run.name)} (${total} reports)`,
    ),
    curated,
    changeLists: run.changeLists.map((c) => changeListData(model, run, c, idToKey, compareKeys)),
    relatedChangeLists: relatedChangeLists(model, run),
    labelPages,
    reviewed,
    compare,
  };
  if (run.zeroShot) data.zeroShot = { ...run.zeroShot };
  if (run.readme) data.readme = { text: run.readme.text, provenance: provData(run.readme.provenance) };
  if (run.categoriesCsv) {
    const rows = compareCounts(tableMap(run.categoriesCsv), folderCounts);
    data.categoriesCsv = { rows, provenance: provData(run.categoriesCsv.provenance), differences: rows.filter((r) => r.differs).length };
  }
  if (run.analysisCsv) data.analysisCsv = { provenance: provData(run.analysisCsv.provenance) };
  return { data, members };
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
