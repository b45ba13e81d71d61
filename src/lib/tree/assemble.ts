/**
 * Builds the immutable model from files already read (tree files and files recovered from
 * page dumps alike). Pure: no file system here, so it runs on in-memory fixtures too.
 *
 * Every input file must end in a model object (a report, a verdict, a run's table, a curated
 * set member, or a raw file); whatever does not is listed in `lost`, which must stay empty.
 */
import type {
  ChangeList,
  CountTable,
  CuratedMember,
  CuratedSet,
  Dump,
  Finding,
  GitlabMeta,
  Provenance,
  RawFile,
  Reasoning,
  Report,
  ResultsModel,
  Run,
  RunLayout,
  Score,
  Source,
  Verdict,
  VerdictFile,
  ZeroShotParams,
} from '../model.ts';
import { parseChangeList } from '../parse/changeList.ts';
import { parseCountsCsv } from '../parse/countsCsv.ts';
import { parseGitlabToml, TomlSyntaxError, type GitlabIssueToml } from '../parse/gitlabToml.ts';
import { parseReasoning } from '../parse/reasoning.ts';
import { classifyResultsPath, type PathInfo } from '../parse/resultsPath.ts';
import { describeRun } from '../parse/runName.ts';
import { parseScoredText } from '../parse/scoredText.ts';
import { titleOf } from '../parse/titledText.ts';
import { parseZeroShotReadme } from '../parse/zeroShotReadme.ts';
import { runSlug } from '../slug.ts';

/** A file as the assembler sees it: its text and every place it was read from. */
export interface SourceFile {
  readonly treePath: string;
  readonly text: string;
  readonly blob: string;
  readonly provenance: readonly Provenance[];
  readonly undecodable?: boolean;
  /** Recovered from a page dump where the tree lacks the file: not an input of its own. */
  readonly synthetic?: boolean;
}

export interface AssembleInput {
  readonly root: string;
  readonly files: readonly SourceFile[];
  /** Dumps, already placed; their texts are among `files` where they stand in for a tree file. */
  readonly dumps?: readonly Dump[];
  /** Findings from earlier stages (reading, dump placement). */
  readonly findings?: readonly Finding[];
  /** Total inputs when it differs from `files.length` (dumps count as inputs of their own). */
  readonly inputTotal?: number;
  readonly extraLayouts?: Readonly<Record<string, number>>;
}

interface Classified {
  readonly file: SourceFile;
  readonly info: PathInfo;
}

/** Source order in which a bare classifier id is looked up: QEMU sources only (runs classify QEMU bugs). */
const CLASSIFIED_SOURCES: readonly Source[] = ['gitlab', 'gitlab-semantic', 'launchpad', 'mailinglist'];

const NUL = '\u0000';
const MOJIBAKE = /Â\u00a0|Ã[\u0080-\u00bf]|â€/;

export function assembleModel(input: AssembleInput): ResultsModel {
  const findings: Finding[] = [...(input.findings ?? [])];
  const claimed = new Set<string>();
  const byLayout: Record<string, number> = { ...(input.extraLayouts ?? {}) };
  const classified: Classified[] = [];
  for (const file of input.files) {
    const info = classifyResultsPath(file.treePath);
    classified.push({ file, info });
    if (!file.synthetic) byLayout[info.kind] = (byLayout[info.kind] ?? 0) + 1;
    noteOddities(file, findings);
  }

  const raw: RawFile[] = [];
  const reports = readReports(classified, findings, claimed, raw);
  const idIndex = buildIdIndex(reports, findings);
  const unknownReports = new Map<string, Report>();
  const resolve = (id: string, file: SourceFile): string => {
    const key = idIndex.get(id);
    if (key !== undefined) return key;
    const unknownKey = `unknown/${id}`;
    if (!unknownReports.has(unknownKey)) {
      unknownReports.set(unknownKey, { key: unknownKey, source: 'unknown', id, title: `Unresolved id ${id}`, provenance: [] });
      findings.push({
        path: file.treePath,
        severity: 'warning',
        message: `id ${id} matches no scraped report; kept as a report of unknown source`,
      });
    }
    return unknownKey;
  };

  const { runs, verdicts } = readRuns(classified, resolve, findings, claimed);
  const curatedSets = readCuratedSets(classified, resolve, claimed);
  checkRunTables(runs, verdicts, curatedSets, findings);

  for (const { file, info } of classified) {
    if (info.kind !== 'unrecognized') continue;
    raw.push({ path: file.treePath, blob: file.blob, text: file.text });
    claimed.add(file.treePath);
    findings.push({ path: file.treePath, severity: 'warning', message: 'not a known layout of the results tree; published raw' });
  }
  // Files whose parse failed were kept raw by their reader; make sure nothing else slipped through.
  const lost = input.files.map((f) => f.treePath).filter((p) => !claimed.has(p));

  const allReports = new Map<string, Report>([...reports, ...unknownReports]);
  const verdictsByReport = groupVerdicts(verdicts, runs);
  return {
    root: input.root,
    reports: sortedMap(allReports),
    runs,
    verdictsByReport,
    curatedSets,
    dumps: input.dumps ?? [],
    raw: raw.sort((a, b) => compare(a.path, b.path)),
    findings: findings.sort((a, b) => compare(a.path, b.path) || compare(a.message, b.message)),
    inputs: { total: input.inputTotal ?? input.files.length, byLayout: sortedRecord(byLayout) },
    lost,
    unrecognized: classified.filter((c) => c.info.kind === 'unrecognized').map((c) => c.file.treePath),
  };
}

function noteOddities(file: SourceFile, findings: Finding[]): void {
  if (file.undecodable) {
    findings.push({ path: file.treePath, severity: 'error', message: 'not valid UTF-8; bad bytes shown as U+FFFD' });
  }
  const nul = file.text.indexOf(NUL);
  if (nul !== -1) {
    const line = file.text.slice(0, nul).split('\n').length;
    findings.push({ path: file.treePath, line, severity: 'warning', message: 'contains NUL bytes (shown as ␀ on the site)' });
  }
  if (MOJIBAKE.test(file.text)) {
    findings.push({ path: file.treePath, severity: 'info', message: 'contains mojibake (UTF-8 decoded twice, e.g. "Â " for a non-breaking space); kept as is' });
  }
}

// ---------------------------------------------------------------------------------------------
// Reports

interface ReportParts {
  source: Source;
  id: string;
  section?: string;
  text?: SourceFile;
  withoutComments?: SourceFile;
  toml?: { file: SourceFile; meta: GitlabIssueToml };
  tomlFailed?: SourceFile;
  folders?: { target: string; host: string; accel: string };
  files: SourceFile[];
}

function readReports(classified: readonly Classified[], findings: Finding[], claimed: Set<string>, raw: RawFile[]): Map<string, Report> {
  const parts = new Map<string, ReportParts>();
  const partsFor = (source: Source, id: string): ReportParts => {
    const key = `${source}/${id}`;
    let p = parts.get(key);
    if (!p) {
      p = { source, id, files: [] };
      parts.set(key, p);
    }
    return p;
  };
  for (const { file, info } of classified) {
    switch (info.kind) {
      case 'gitlab-toml': {
        const p = partsFor('gitlab', info.id);
        p.files.push(file);
        setFolders(p, info, file, findings);
        try {
          p.toml = { file, meta: parseGitlabToml(file.text) };
        } catch (error) {
          p.tomlFailed = file;
          raw.push({ path: file.treePath, blob: file.blob, text: file.text });
          const line = error instanceof TomlSyntaxError ? error.line : undefined;
          findings.push({ path: file.treePath, ...(line !== undefined ? { line } : {}), severity: 'error', message: `TOML does not parse (${(error as Error).message}); the issue is built from its text, the TOML published raw` });
        }
        break;
      }
      case 'gitlab-text': {
        const p = partsFor('gitlab', info.id);
        p.files.push(file);
        setFolders(p, info, file, findings);
        p.text = file;
        break;
      }
      case 'gitlab-semantic':
        addText(partsFor('gitlab-semantic', info.id), file);
        break;
      case 'launchpad':
        addText(partsFor('launchpad', info.id), file);
        break;
      case 'launchpad-without-comments': {
        const p = partsFor('launchpad', info.id);
        p.files.push(file);
        p.withoutComments = file;
        break;
      }
      case 'mailinglist':
        addText(partsFor('mailinglist', info.id), file);
        break;
      case 'box64':
      case 'fex': {
        let p = partsFor(info.kind, info.id);
        if (p.text && p.section !== info.section) {
          findings.push({ path: file.treePath, severity: 'warning', message: `${info.kind} id ${info.id} also at ${p.text.treePath}; kept as ${info.section ?? 'root'}-${info.id}` });
          p = partsFor(info.kind, `${info.section ?? 'root'}-${info.id}`);
        }
        if (info.section !== undefined) p.section = info.section;
        addText(p, file);
        break;
      }
      default:
        break;
    }
  }
  const reports = new Map<string, Report>();
  for (const [key, p] of parts) {
    const report = buildReport(key, p, findings);
    reports.set(key, report);
    for (const f of p.files) claimed.add(f.treePath);
  }
  return reports;
}

function addText(p: ReportParts, file: SourceFile): void {
  p.files.push(file);
  p.text = file;
}

function setFolders(p: ReportParts, info: { target: string; host: string; accel: string }, file: SourceFile, findings: Finding[]): void {
  const folders = { target: info.target, host: info.host, accel: info.accel };
  if (p.folders && (p.folders.target !== folders.target || p.folders.host !== folders.host || p.folders.accel !== folders.accel)) {
    findings.push({ path: file.treePath, severity: 'warning', message: `gitlab issue ${p.id} sits under different target/host/accel folders than its other file` });
    return;
  }
  p.folders = folders;
}

function buildReport(key: string, p: ReportParts, findings: Finding[]): Report {
  const text = p.text?.text;
  const meta = p.toml?.meta;
  const title = meta?.title ?? (text !== undefined ? titleOf(text) : undefined) ?? p.withoutComments?.text.split('\n')[0]?.trim() ?? p.id;
  if (meta?.id !== undefined && meta.id !== p.id) {
    findings.push({ path: p.toml!.file.treePath, severity: 'warning', message: `TOML id ${meta.id} differs from the file name's id ${p.id}` });
  }
  if (p.source === 'gitlab' && !p.toml && !p.tomlFailed) {
    findings.push({ path: p.text!.treePath, severity: 'warning', message: `gitlab issue ${p.id} has text but no TOML metadata` });
  }
  let gitlab: GitlabMeta | undefined;
  if (p.source === 'gitlab') {
    const { id: _id, title: _title, ...fields } = meta ?? { labels: [] };
    gitlab = { ...withoutUndefined(fields), labels: fields.labels, ...(p.folders ?? { target: 'missing', host: 'missing', accel: 'missing' }) };
  }
  const withoutComments = p.withoutComments?.text;
  return {
    key,
    source: p.source,
    id: p.id,
    title: title.length > 0 ? title : p.id,
    ...(text !== undefined ? { text } : {}),
    ...(withoutComments !== undefined ? { textWithoutComments: withoutComments } : {}),
    ...(gitlab ? { gitlab } : {}),
    ...(p.section !== undefined ? { section: p.section } : {}),
    provenance: p.files.flatMap((f) => f.provenance),
  };
}

function withoutUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

function buildIdIndex(reports: ReadonlyMap<string, Report>, findings: Finding[]): Map<string, string> {
  const index = new Map<string, string>();
  for (const source of CLASSIFIED_SOURCES) {
    for (const r of reports.values()) {
      if (r.source !== source) continue;
      const existing = index.get(r.id);
      if (existing !== undefined) {
        findings.push({ path: r.provenance[0]?.path ?? r.key, severity: 'warning', message: `id ${r.id} is both ${existing} and ${r.key}; runs' files resolve to ${existing}` });
        continue;
      }
      index.set(r.id, r.key);
    }
  }
  return index;
}

// ---------------------------------------------------------------------------------------------
// Runs and verdicts

interface RunParts {
  name: string;
  files: Map<string, { id: string; files: { half: VerdictFile['half']; label: string; file: SourceFile }[] }>;
  categories?: SourceFile;
  analysis?: SourceFile;
  readme?: SourceFile;
  changeLists: { from: string; to: string; file: SourceFile }[];
}

function readRuns(
  classified: readonly Classified[],
  resolve: (id: string, file: SourceFile) => string,
  findings: Finding[],
  claimed: Set<string>,
): { runs: Map<string, Run>; verdicts: Verdict[] } {
  const parts = new Map<string, RunParts>();
  const partsFor = (name: string): RunParts => {
    let p = parts.get(name);
    if (!p) {
      p = { name, files: new Map(), changeLists: [] };
      parts.set(name, p);
    }
    return p;
  };
  for (const { file, info } of classified) {
    switch (info.kind) {
      case 'run-file': {
        const p = partsFor(info.run);
        let group = p.files.get(info.id);
        if (!group) {
          group = { id: info.id, files: [] };
          p.files.set(info.id, group);
        }
        group.files.push({ half: info.half, label: info.label, file });
        break;
      }
      case 'run-categories':
        partsFor(info.run).categories = file;
        break;
      case 'run-analysis':
        partsFor(info.run).analysis = file;
        break;
      case 'run-readme':
        partsFor(info.run).readme = file;
        break;
      case 'change-list':
        partsFor(info.run).changeLists.push({ from: info.from, to: info.to, file });
        break;
      default:
        break;
    }
  }

  const runs = new Map<string, Run>();
  const verdicts: Verdict[] = [];
  for (const name of [...parts.keys()].sort(compare)) {
    const p = parts.get(name)!;
    const runVerdicts = [...p.files.values()]
      .sort((a, b) => compareIds(a.id, b.id))
      .map((g) => buildVerdict(name, g.id, g.files, resolve, findings));
    verdicts.push(...runVerdicts);
    for (const g of p.files.values()) for (const f of g.files) claimed.add(f.file.treePath);
    runs.set(name, buildRun(p, runVerdicts, findings, claimed));
  }
  return { runs, verdicts };
}

function buildVerdict(
  run: string,
  id: string,
  files: readonly { half: VerdictFile['half']; label: string; file: SourceFile }[],
  resolve: (id: string, file: SourceFile) => string,
  findings: Finding[],
): Verdict {
  const sorted = [...files].sort((a, b) => compare(a.half, b.half) || compare(a.label, b.label));
  const first = sorted[0]!;
  const reportKey = resolve(id, first.file);
  const output = sorted.filter((f) => f.half === 'output');
  const reasoningFiles = sorted.filter((f) => f.half === 'reasoning');
  const flat = sorted.filter((f) => f.half === 'flat');
  for (const half of [output, reasoningFiles, flat]) {
    if (half.length > 1) {
      findings.push({
        path: half[1]!.file.treePath,
        severity: 'warning',
        message: `id ${id} sits under ${half.length} labels in one half of ${run}: ${half.map((h) => h.label).join(', ')}`,
      });
    }
  }
  const primary = output[0] ?? flat[0] ?? reasoningFiles[0]!;
  const label = primary.label;
  const modelLabel = reasoningFiles[0] && output[0] && reasoningFiles[0].label !== output[0].label ? reasoningFiles[0].label : undefined;
  if (modelLabel !== undefined) {
    findings.push({
      path: reasoningFiles[0]!.file.treePath,
      severity: 'info',
      message: `${run}: id ${id} is "${output[0]!.label}" in output/ (reviewed) but "${modelLabel}" in reasoning/ (model)`,
    });
  }
  let text: string | undefined;
  let scores: (readonly Score[])[] | undefined;
  const textFile = output[0] ?? flat[0];
  if (textFile) {
    const scored = parseScoredText(textFile.file.text);
    if (scored) {
      scores = [...scored.scores];
      text = scored.text;
    } else text = textFile.file.text;
  }
  let reasoning: Reasoning | undefined;
  if (reasoningFiles[0]) reasoning = parseReasoning(reasoningFiles[0].file.text);
  const labels = [...new Set(sorted.map((f) => f.label))];
  return {
    run,
    reportKey,
    id,
    label,
    labels,
    ...(modelLabel !== undefined ? { modelLabel } : {}),
    ...(text !== undefined ? { text } : {}),
    ...(reasoning ? { reasoning } : {}),
    ...(scores ? { scores } : {}),
    files: sorted.flatMap((f) => f.file.provenance.map((provenance) => ({ half: f.half, label: f.label, provenance }))),
  };
}

function buildRun(p: RunParts, verdicts: readonly Verdict[], findings: Finding[], claimed: Set<string>): Run {
  const layout: RunLayout = p.name.startsWith('zero-shot/')
    ? 'zero-shot'
    : verdicts.some((v) => v.files.some((f) => f.half !== 'flat'))
      ? 'split'
      : 'flat';
  const labelCounts: Record<string, number> = {};
  for (const v of verdicts) {
    const labelsOfFinalHalf = v.files.filter((f) => f.half !== 'reasoning').map((f) => f.label);
    const counted = labelsOfFinalHalf.length > 0 ? [...new Set(labelsOfFinalHalf)] : [v.label];
    for (const l of counted) labelCounts[l] = (labelCounts[l] ?? 0) + 1;
  }
  const labels = Object.keys(labelCounts).sort(compare);
  let zeroShot: ZeroShotParams | undefined;
  let readme: Run['readme'];
  if (p.readme) {
    zeroShot = parseZeroShotReadme(p.readme.text);
    readme = { text: p.readme.text, provenance: p.readme.provenance[0]! };
    claimed.add(p.readme.treePath);
  }
  const description = describeRun(p.name, labels, zeroShot);
  const table = (file: SourceFile | undefined): CountTable | undefined => {
    if (!file) return undefined;
    claimed.add(file.treePath);
    const parsed = parseCountsCsv(file.text);
    for (const problem of parsed.problems) findings.push({ path: file.treePath, line: problem.line, severity: 'warning', message: problem.message });
    return { rows: parsed.rows, provenance: file.provenance[0]! };
  };
  const changeLists: ChangeList[] = p.changeLists
    .sort((a, b) => compare(a.from, b.from) || compare(a.to, b.to))
    .map(({ from, to, file }) => {
      claimed.add(file.treePath);
      const parsed = parseChangeList(file.text);
      for (const problem of parsed.problems) findings.push({ path: file.treePath, line: problem.line, severity: 'warning', message: problem.message });
      return { from, to, declared: parsed.declared, changes: parsed.changes, provenance: file.provenance[0]! };
    });
  const categoriesCsv = table(p.categories);
  const analysisCsv = table(p.analysis);
  return {
    name: p.name,
    slug: runSlug(p.name),
    layout,
    task: description.task,
    models: description.models,
    thinking: description.thinking,
    ...(zeroShot ? { zeroShot } : {}),
    ...(readme ? { readme } : {}),
    labels,
    labelCounts: sortedRecord(labelCounts),
    ...(categoriesCsv ? { categoriesCsv } : {}),
    ...(analysisCsv ? { analysisCsv } : {}),
    changeLists,
  };
}

// ---------------------------------------------------------------------------------------------
// Curated sets and cross-checks

function readCuratedSets(
  classified: readonly Classified[],
  resolve: (id: string, file: SourceFile) => string,
  claimed: Set<string>,
): CuratedSet[] {
  const sets = new Map<string, CuratedMember[]>();
  for (const { file, info } of classified) {
    if (info.kind !== 'curated') continue;
    const scored = parseScoredText(file.text);
    const members = sets.get(info.set) ?? [];
    members.push({
      id: info.id,
      reportKey: resolve(info.id, file),
      provenance: file.provenance[0]!,
      text: scored ? scored.text : file.text,
      ...(scored ? { scores: scored.scores } : {}),
    });
    sets.set(info.set, members);
    claimed.add(file.treePath);
  }
  return [...sets.entries()]
    .sort(([a], [b]) => compare(a, b))
    .map(([name, members]) => ({ name, members: members.sort((a, b) => compareIds(a.id, b.id)) }));
}

/**
 * categories.csv against the folders; analysis.csv against how the semantic bugs fell.
 * An analysis table counts the members a run classified, but not always all of them: the real
 * tables were made over the GitLab members only. The basis compared is the first whose size is the
 * table's total: all classified members, else one source's classified members, else all of them;
 * the message names the basis so a reader can check it.
 */
function checkRunTables(runs: ReadonlyMap<string, Run>, verdicts: readonly Verdict[], sets: readonly CuratedSet[], findings: Finding[]): void {
  const members = sets.find((s) => s.name === 'semantic-bugs')?.members ?? [];
  const verdictsByRun = new Map<string, Map<string, Verdict>>();
  for (const v of verdicts) {
    const m = verdictsByRun.get(v.run) ?? new Map<string, Verdict>();
    m.set(v.id, v);
    verdictsByRun.set(v.run, m);
  }
  for (const run of runs.values()) {
    if (run.categoriesCsv) compareCounts(run.categoriesCsv, run.labelCounts, `the folders of ${run.name}`, findings);
    if (!run.analysisCsv || members.length === 0) continue;
    const runVerdicts = verdictsByRun.get(run.name) ?? new Map<string, Verdict>();
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
    compareCounts(run.analysisCsv, fell, basis.name, findings);
  }
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

function groupVerdicts(verdicts: readonly Verdict[], runs: ReadonlyMap<string, Run>): Map<string, Verdict[]> {
  const order = new Map([...runs.keys()].map((name, i) => [name, i]));
  const by = new Map<string, Verdict[]>();
  for (const v of verdicts) {
    const list = by.get(v.reportKey) ?? [];
    list.push(v);
    by.set(v.reportKey, list);
  }
  for (const list of by.values()) list.sort((a, b) => order.get(a.run)! - order.get(b.run)!);
  return sortedMap(by);
}

// ---------------------------------------------------------------------------------------------

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Numeric ids in numeric order, then the rest by code point: stable across builds. */
export function compareIds(a: string, b: string): number {
  const na = /^\d+$/.test(a);
  const nb = /^\d+$/.test(b);
  if (na && nb) return Number(a) - Number(b) || compare(a, b);
  if (na !== nb) return na ? -1 : 1;
  return compare(a, b);
}

function sortedMap<V>(map: ReadonlyMap<string, V>): Map<string, V> {
  return new Map([...map.entries()].sort(([a], [b]) => compare(a, b)));
}

function sortedRecord(record: Readonly<Record<string, number>>): Record<string, number> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => compare(a, b)));
}
