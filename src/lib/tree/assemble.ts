/**
 * Builds the immutable model from files already read (tree files and files recovered from
 * page dumps alike). Pure: no file system here, so it runs on in-memory fixtures too.
 *
 * Every input file must end in a model object (a report, a verdict, a run's table, a curated
 * set member, or a raw file); whatever does not is listed in `lost`, which must stay empty.
 */
import type { Dump, Finding, Provenance, RawFile, Report, ResultsModel, Run, Verdict } from '../model.ts';
import { classifyResultsPath, type PathInfo } from '../parse/resultsPath.ts';
import { rawFile } from './lazy.ts';
import type { Classified, SourceFile } from './types.ts';
import { readReports, buildIdIndex } from './reports.ts';
import { readRuns } from './runs.ts';
import { readCuratedSets, checkRunTables, verdictsByRunAndId } from './curated.ts';
import { compare, sortedMap, sortedRecord } from '../order.ts';
import { checkVerdicts } from './verdictChecks.ts';
import { assignSegments, describeOddities, idSlug, plainSegment } from '../slug.ts';
import { rawAddresses } from '../rawSlugs.ts';
import { visibleName } from '../content/text.ts';
import { textOddities } from '../parse/textOddities.ts';

export interface AssembleInput {
  readonly root: string;
  readonly files: readonly SourceFile[];
  /** Dumps, already placed; their texts are among `files` where they stand in for a tree file. */
  readonly dumps?: readonly Dump[];
  /** Texts published raw by an earlier stage (a page dump that claims a path another file holds, with other content). */
  readonly raw?: readonly RawFile[];
  /** Findings from earlier stages (reading, dump placement). */
  readonly findings?: readonly Finding[];
  /** Total inputs when it differs from `files.length` (dumps count as inputs of their own). */
  readonly inputTotal?: number;
  readonly extraLayouts?: Readonly<Record<string, number>>;
  /** What the caller already classified (tree path → layout), so no path is classified twice. */
  readonly pathInfo?: ReadonlyMap<string, PathInfo>;
}

export function assembleModel(input: AssembleInput): ResultsModel {
  const findings: Finding[] = [...(input.findings ?? [])];
  const claimed = new Set<string>();
  const byLayout: Record<string, number> = { ...(input.extraLayouts ?? {}) };
  const classified: Classified[] = [];
  for (const file of input.files) {
    const info = input.pathInfo?.get(file.treePath) ?? classifyResultsPath(file.treePath);
    classified.push({ file, info });
    if (!file.synthetic) byLayout[info.kind] = (byLayout[info.kind] ?? 0) + 1;
    noteOddities(file, findings);
  }

  const raw: RawFile[] = [...(input.raw ?? [])];
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

  const { runs, verdicts } = readRuns(classified, resolve, findings, claimed, raw);
  const curatedSets = readCuratedSets(classified, resolve, claimed);
  const byRunId = verdictsByRunAndId(verdicts);
  checkRunTables(runs, byRunId, curatedSets, findings);
  checkVerdicts(runs, verdicts, byRunId, findings);

  for (const { file, info } of classified) {
    if (info.kind !== 'unrecognized') continue;
    raw.push(rawFile(file));
    claimed.add(file.treePath);
    findings.push({ path: file.treePath, severity: 'warning', message: 'not a known layout of the results tree; published raw' });
  }
  // Files whose parse failed were kept raw by their reader; make sure nothing else slipped through.
  const lost = input.files.map((f) => f.treePath).filter((p) => !claimed.has(p));

  const allReports = new Map<string, Report>([...reports, ...unknownReports]);
  noteOddNames(allReports, runs, raw, findings);
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

/** Ids and model names that are not plain URL names (src/lib/slug.ts): findings; their pages are still built. */
function noteOddNames(reports: ReadonlyMap<string, Report>, runs: ReadonlyMap<string, Run>, raw: readonly RawFile[], findings: Finding[]): void {
  for (const note of rawAddresses(raw.map((r) => r.path)).notes) {
    findings.push({ path: note.path, severity: 'warning', message: `published raw as raw/${note.slug}.txt, not under its own name: ${note.reason}` });
  }
  for (const r of reports.values()) {
    if (plainSegment('id', r.id) !== null) continue;
    findings.push({
      path: r.provenance[0]?.path ?? `results/ (${r.key})`,
      severity: 'warning',
      message: `id "${visibleName(r.id)}" is not a plain URL name (${describeOddities(r.id, 'id')}); its page is reports/${r.source}/${idSlug(r.id)}/`,
    });
  }
  const usedBy = new Map<string, string>();
  for (const run of runs.values()) for (const m of run.models) if (!usedBy.has(m)) usedBy.set(m, run.name);
  for (const note of assignSegments('model', usedBy.keys()).notes) {
    findings.push({
      path: `results/classifier/${usedBy.get(note.name)!}`,
      severity: 'warning',
      message: `model name "${visibleName(note.name)}" is not a plain URL name (${note.reason}); its page is models/${note.segment}/`,
    });
  }
}

function noteOddities(file: SourceFile, findings: Finding[]): void {
  if (file.undecodable) {
    findings.push({ path: file.treePath, severity: 'error', message: 'not valid UTF-8; bad bytes shown as U+FFFD' });
  }
  // Found when the file was first read (the tree's files), else from the text (fixtures, dumps).
  const { nulLine, mojibake } = file.oddities ?? textOddities(file.text);
  if (nulLine !== undefined) {
    findings.push({ path: file.treePath, line: nulLine, severity: 'warning', message: 'contains NUL bytes (shown as ␀ on the site)' });
  }
  if (mojibake) {
    findings.push({ path: file.treePath, severity: 'info', message: 'contains mojibake (UTF-8 decoded twice, e.g. "Â " for a non-breaking space); kept as is' });
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

