/**
 * Curated sets, and the run tables (categories.csv, analysis.csv) checked against the folders.
 */
import type { CountTable, CuratedMember, CuratedSet, Finding, Run, Verdict } from '../model.ts';
import { parseScoredText } from '../parse/scoredText.ts';
import type { SourceFile, Classified } from './types.ts';
import { lazyField } from './lazy.ts';
import { keptOf } from './kept.ts';
import { compare, compareIds } from '../order.ts';

export function readCuratedSets(
  classified: readonly Classified[],
  resolve: (id: string, file: SourceFile) => string,
  claimed: Set<string>,
): CuratedSet[] {
  const sets = new Map<string, CuratedMember[]>();
  for (const { file, info } of classified) {
    if (info.kind !== 'curated') continue;
    const scores = keptOf(file, 'scores');
    const members = sets.get(info.set) ?? [];
    const member = { id: info.id, reportKey: resolve(info.id, file), provenance: file.provenance[0]! };
    // The text is read at use (src/lib/tree/lazy.ts); the scores are kept.
    lazyMemberText(member, file);
    members.push(Object.assign(member, scores ? { scores } : {}) as CuratedMember);
    sets.set(info.set, members);
    claimed.add(file.treePath);
  }
  return [...sets.entries()]
    .sort(([a], [b]) => compare(a, b))
    .map(([name, members]) => ({ name, members: members.sort((a, b) => compareIds(a.id, b.id)) }));
}

/** In a function of its own, so the getter's closure holds the file and nothing else. */
function lazyMemberText(member: object, file: SourceFile): void {
  lazyField(member, 'text', () => {
    const text = file.text;
    const scored = parseScoredText(text);
    return scored ? scored.text : text;
  });
}

/**
 * categories.csv against the folders; analysis.csv against how the semantic bugs fell.
 * An analysis table counts the members a run classified, but not always all of them: the real
 * tables were made over the GitLab members only. The basis compared is the first whose size is the
 * table's total: all classified members, else one source's classified members, else all of them;
 * the message names the basis so a reader can check it.
 */
/** run name → the id its files name → verdict (ids are unique within a run). */
export function verdictsByRunAndId(verdicts: readonly Verdict[]): Map<string, Map<string, Verdict>> {
  const out = new Map<string, Map<string, Verdict>>();
  for (const v of verdicts) {
    const m = out.get(v.run) ?? new Map<string, Verdict>();
    m.set(v.id, v);
    out.set(v.run, m);
  }
  return out;
}

export function checkRunTables(
  runs: ReadonlyMap<string, Run>,
  verdictsByRun: ReadonlyMap<string, ReadonlyMap<string, Verdict>>,
  sets: readonly CuratedSet[],
  findings: Finding[],
): void {
  const members = sets.find((s) => s.name === 'semantic-bugs')?.members ?? [];
  for (const run of runs.values()) {
    if (run.categoriesCsv) compareCounts(run.categoriesCsv, run.labelCounts, `the folders of ${run.name}`, findings);
    if (!run.analysisCsv || members.length === 0) continue;
    const basis = analysisBasis(run, verdictsByRun.get(run.name) ?? new Map<string, Verdict>(), members)!;
    compareCounts(run.analysisCsv, basis.fell, basis.name, findings);
  }
}

/**
 * The members an analysis table counts, and how they fell: the first basis whose size is the
 * table's total (all the members the run classified, else one source's), else all it classified.
 * The run page, the set page and the build report all use this one basis. Undefined without an
 * analysis table. `runVerdicts` is keyed by the id the run's files name.
 */
export function analysisBasis(run: Run, runVerdicts: ReadonlyMap<string, Verdict>, members: readonly CuratedMember[]): { name: string; fell: Record<string, number> } | undefined {
  if (!run.analysisCsv) return undefined;
  const classified = members.filter((m) => runVerdicts.has(m.id));
  const tableTotal = run.analysisCsv.rows.reduce((a, r) => a + r.count, 0);
  const sources = [...new Set(classified.map((m) => m.reportKey.split('/')[0]!))];
  const bases = [
    { name: `the ${classified.length} semantic-bugs classified by ${run.name}`, list: classified },
    ...sources.map((source) => {
      const list = classified.filter((m) => m.reportKey.startsWith(`${source}/`));
      return { name: `the ${list.length} ${source} semantic-bugs (of ${members.length}) classified by ${run.name}`, list };
    }),
  ];
  const basis = bases.find((b) => b.list.length === tableTotal) ?? bases[0]!;
  const fell: Record<string, number> = {};
  for (const m of basis.list) {
    const label = runVerdicts.get(m.id)!.label;
    fell[label] = (fell[label] ?? 0) + 1;
  }
  return { name: basis.name, fell };
}

function compareCounts(table: CountTable, actual: Readonly<Record<string, number>>, what: string, findings: Finding[]): void {
  const declared = new Map<string, number>();
  for (const row of table.rows) declared.set(row.category, (declared.get(row.category) ?? 0) + row.count);
  for (const [category, count] of declared) {
    const real = actual[category] ?? 0;
    if (real !== count) {
      findings.push({ path: table.provenance.path, severity: 'warning', message: `"${category}": the table says ${count}; ${what} hold ${real}` });
    }
  }
  for (const [category, real] of Object.entries(actual)) {
    if (!declared.has(category)) {
      findings.push({ path: table.provenance.path, severity: 'warning', message: `"${category}": missing from the table; ${what} hold ${real}` });
    }
  }
}
