/**
 * The model's account of itself: what `npm run ingest` prints and writes as JSON (`--json`).
 * Nothing here is computed from the file system.
 */
import type { Dump, Finding, ResultsModel } from './model.ts';

export interface ModelSummary {
  readonly inputs: { readonly total: number; readonly byLayout: Readonly<Record<string, number>> };
  readonly lost: readonly string[];
  readonly unrecognized: readonly string[];
  readonly reportCount: number;
  readonly reportsBySource: Readonly<Record<string, number>>;
  readonly verdictCount: number;
  readonly runs: readonly {
    readonly name: string;
    readonly slug: string;
    readonly layout: string;
    readonly task: string;
    readonly models: readonly string[];
    readonly verdicts: number;
    readonly labelCounts: Readonly<Record<string, number>>;
  }[];
  readonly curatedSets: readonly { readonly name: string; readonly members: number }[];
  readonly findings: readonly Finding[];
  readonly dumps: readonly Omit<Dump, 'text'>[];
}

export function summarizeModel(model: ResultsModel): ModelSummary {
  const reportsBySource: Record<string, number> = {};
  for (const r of model.reports.values()) reportsBySource[r.source] = (reportsBySource[r.source] ?? 0) + 1;
  const verdictsPerRun = new Map<string, number>();
  let verdictCount = 0;
  for (const list of model.verdictsByReport.values()) {
    for (const v of list) {
      verdictsPerRun.set(v.run, (verdictsPerRun.get(v.run) ?? 0) + 1);
      verdictCount++;
    }
  }
  return {
    inputs: model.inputs,
    lost: model.lost,
    unrecognized: model.unrecognized,
    reportCount: model.reports.size,
    reportsBySource,
    verdictCount,
    runs: [...model.runs.values()].map((r) => ({
      name: r.name,
      slug: r.slug,
      layout: r.layout,
      task: r.task,
      models: r.models,
      verdicts: verdictsPerRun.get(r.name) ?? 0,
      labelCounts: r.labelCounts,
    })),
    curatedSets: model.curatedSets.map((s) => ({ name: s.name, members: s.members.length })),
    findings: model.findings,
    dumps: model.dumps.map(({ text: _text, ...rest }) => rest),
  };
}

export function formatSummary(s: ModelSummary, seconds: number): string {
  const lines: string[] = [];
  const accounted = Object.values(s.inputs.byLayout).reduce((a, b) => a + b, 0);
  lines.push(`${s.inputs.total} input files read in ${seconds.toFixed(1)} s; ${accounted} counted under a layout; lost: ${s.lost.length}; unrecognized (published raw): ${s.unrecognized.length}`);
  lines.push(`  by layout: ${Object.entries(s.inputs.byLayout).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  lines.push(`${s.reportCount} reports: ${Object.entries(s.reportsBySource).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  lines.push(`${s.runs.length} runs, ${s.verdictCount} verdicts:`);
  for (const r of s.runs) {
    const labels = Object.keys(r.labelCounts).length;
    lines.push(`  ${r.name.padEnd(30)} ${r.layout.padEnd(9)} ${r.task.padEnd(10)} ${String(r.verdicts).padStart(6)} verdicts, ${labels} labels  ${r.models.join(' + ')}`);
  }
  lines.push(`curated sets: ${s.curatedSets.map((c) => `${c.name} ${c.members}`).join(', ') || 'none'}`);
  const bySeverity: Record<string, number> = {};
  for (const f of s.findings) bySeverity[f.severity] = (bySeverity[f.severity] ?? 0) + 1;
  lines.push(`findings: ${s.findings.length} (${Object.entries(bySeverity).map(([k, v]) => `${k} ${v}`).join(', ')})`);
  for (const f of s.findings.filter((x) => x.severity !== 'info').slice(0, 12)) {
    lines.push(`  ${f.severity}: ${f.path}${f.line ? `:${f.line}` : ''}: ${f.message}`);
  }
  if (s.findings.length > 12) lines.push('  … (all of them in the JSON and on the build report page)');
  if (s.dumps.length > 0) {
    const byStatus: Record<string, number> = {};
    for (const d of s.dumps) byStatus[d.status] = (byStatus[d.status] ?? 0) + 1;
    lines.push(`dumps: ${s.dumps.length} (${Object.entries(byStatus).map(([k, v]) => `${k} ${v}`).join(', ')})`);
  }
  for (const p of s.lost) lines.push(`LOST: ${p}`);
  return lines.join('\n') + '\n';
}
