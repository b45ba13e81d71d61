/**
 * Classifier runs and their verdicts: files grouped by run and id, split halves joined.
 */
import { MANUAL_REVIEW, type ChangeList, type RawFile, type CountTable, type Finding, type Reasoning, type Run, type RunLayout, type Score, type SplitHalves, type Verdict, type VerdictFile, type ZeroShotParams } from '../model.ts';
import { parseChangeList } from '../parse/changeList.ts';
import { parseCountsCsv } from '../parse/countsCsv.ts';
import { parseReasoning } from '../parse/reasoning.ts';
import { describeRun } from '../parse/runName.ts';
import { parseScoredText } from '../parse/scoredText.ts';
import { parseZeroShotReadme } from '../parse/zeroShotReadme.ts';
import { assignSegments, describeOddities, labelSlug, plainSegment } from '../slug.ts';
import { visibleName } from '../content/text.ts';
import { lazyField, rawFile, recently } from './lazy.ts';
import { keptOf, reasoningFromShape } from './kept.ts';
import type { SourceFile, Classified } from './types.ts';
import { compare, compareIds, sortedRecord } from '../order.ts';

interface RunParts {
  name: string;
  files: Map<string, { id: string; files: { half: VerdictFile['half']; label: string; file: SourceFile }[] }>;
  categories?: SourceFile;
  analysis?: SourceFile;
  readme?: SourceFile;
  changeLists: { from: string; to: string; file: SourceFile }[];
}

export function readRuns(
  classified: readonly Classified[],
  resolve: (id: string, file: SourceFile) => string,
  findings: Finding[],
  claimed: Set<string>,
  raw: RawFile[],
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
  const { segments, notes } = assignSegments('run', parts.keys());
  for (const note of notes) {
    findings.push({
      path: `results/classifier/${note.name}`,
      severity: 'warning',
      message: `run name "${visibleName(note.name)}" is not a plain URL name (${note.reason}); its pages are under runs/${note.segment}/`,
    });
  }
  for (const name of [...parts.keys()].sort(compare)) {
    const p = parts.get(name)!;
    const runVerdicts = [...p.files.values()]
      .sort((a, b) => compareIds(a.id, b.id))
      .map((g) => buildVerdict(name, g.id, g.files, resolve, findings, raw));
    verdicts.push(...runVerdicts);
    for (const g of p.files.values()) for (const f of g.files) claimed.add(f.file.treePath);
    runs.set(name, buildRun(p, segments.get(name)!, runVerdicts, findings, claimed));
  }
  return { runs, verdicts };
}

function buildVerdict(
  run: string,
  id: string,
  files: readonly { half: VerdictFile['half']; label: string; file: SourceFile }[],
  resolve: (id: string, file: SourceFile) => string,
  findings: Finding[],
  raw: RawFile[],
): Verdict {
  const sorted = [...files].sort((a, b) => compare(a.half, b.half) || compare(a.label, b.label));
  const first = sorted[0]!;
  const reportKey = resolve(id, first.file);
  const output = sorted.filter((f) => f.half === 'output');
  const reasoningFiles = sorted.filter((f) => f.half === 'reasoning');
  const flat = sorted.filter((f) => f.half === 'flat');
  // The verdict is read from the first file of each half (and from the flat file only when there
  // are no halves); any other file of the id is published raw, and the finding names every file.
  const shown = new Set([output[0], reasoningFiles[0], output.length + reasoningFiles.length === 0 ? flat[0] : undefined].filter((f) => f !== undefined));
  const unshown = sorted.filter((f) => !shown.has(f));
  for (const f of unshown) raw.push(rawFile(f.file));
  for (const half of [output, reasoningFiles, flat]) {
    if (half.length > 1) {
      findings.push({
        path: half[1]!.file.treePath,
        severity: 'warning',
        message: `id ${id} sits under ${half.length} labels in one half of ${run}: ${half.map((h) => h.label).join(', ')}; the page shows ${half[0]!.file.treePath}${half[0]!.half === 'flat' && !shown.has(half[0]!) ? ' (published raw)' : ''}, and ${half.slice(1).map((h) => h.file.treePath).join(', ')} ${half.length > 2 ? 'are' : 'is'} published raw`,
      });
    }
  }
  if (flat.length > 0 && output.length + reasoningFiles.length > 0) {
    findings.push({
      path: flat[0]!.file.treePath,
      severity: 'warning',
      message: `id ${id} has a flat file beside the split halves of ${run} (${[...output, ...reasoningFiles].map((h) => h.file.treePath).join(', ')}): the verdict is read from the halves; ${flat.map((h) => h.file.treePath).join(', ')} ${flat.length > 1 ? 'are' : 'is'} published raw`,
    });
  }
  // The half the label is read from: reasoning/ is the label after review (see SplitHalves).
  const labelHalf = reasoningFiles.length > 0 ? reasoningFiles : output.length > 0 ? output : flat;
  const label = labelHalf[0]!.label;
  const split = output.length > 0 || reasoningFiles.length > 0 ? splitHalves(run, id, output, reasoningFiles, findings) : undefined;
  let scores: readonly (readonly Score[])[] | undefined;
  const textFile = output[0] ?? flat[0];
  if (textFile) {
    // Found when the file was first read (src/lib/tree/kept.ts), not by reading it again.
    scores = keptOf(textFile.file, 'scores') ?? undefined;
  }
  const labels = [...new Set(labelHalf.map((f) => f.label))];
  const verdict = {
    run,
    reportKey,
    id,
    label,
    labels,
    ...(split?.firstFiled !== undefined ? { firstFiled: split.firstFiled } : {}),
    ...(split ? { halves: split.halves } : {}),
  };
  // The texts are read at use (src/lib/tree/lazy.ts); scores, the reasoning's last word and its
  // line numbers are kept, for the pages across reports.
  if (textFile) lazyVerdictText(verdict, textFile.file);
  if (reasoningFiles[0]) Object.assign(verdict, { reasoning: lazyReasoning(reasoningFiles[0].file) });
  return Object.assign(verdict, {
    ...(scores ? { scores } : {}),
    files: sorted.flatMap((f) => f.file.provenance.map((provenance) => ({ half: f.half, label: f.label, provenance }))),
  });
}

/** The text as classified: after the zero-shot scores where the file has them, else the whole file. */
function classifiedText(file: string): string {
  const scored = parseScoredText(file);
  return scored ? scored.text : file;
}

/** In a function of its own, so the getter's closure holds the file and nothing else. */
function lazyVerdictText(verdict: object, file: SourceFile): void {
  lazyField(verdict, 'text', () => classifiedText(file.text));
}

/**
 * The reasoning as parseReasoning makes it, in its key order, with its texts (preamble, thinking,
 * answer) read again from the file at use (once for the three) and the rest kept.
 */
function lazyReasoning(file: SourceFile): Reasoning {
  return reasoningFromShape(keptOf(file, 'reasoning'), (out, k) => lazyField(out, k, () => recently(file, 'reasoning', () => parseReasoning(file.text))[k]));
}

type HalfFiles = readonly { label: string; file: SourceFile }[];

/**
 * How a split verdict's halves stand (model.ts, `SplitHalves`), with a finding for each
 * difference: a review (output/manual-review, reasoning/<label>) is said as one; any other
 * shape is shown as it is and named as unexplained, never guessed at.
 */
function splitHalves(run: string, id: string, output: HalfFiles, reasoning: HalfFiles, findings: Finding[]): { halves: SplitHalves; firstFiled?: string } {
  const filed = output[0];
  const reviewed = reasoning[0];
  if (!filed) {
    findings.push({ path: reviewed!.file.treePath, severity: 'warning', message: `${run}: id ${id} has a reasoning/ file but no output/ file; its label "${reviewed!.label}" is shown as the label after review, with no first filing` });
    return { halves: 'reasoning-only' };
  }
  if (!reviewed) {
    findings.push({ path: filed.file.treePath, severity: 'warning', message: `${run}: id ${id} has an output/ file but no reasoning/ file; its label "${filed.label}" is the label as first filed, and no review can be told` });
    return { halves: 'output-only' };
  }
  if (filed.label === reviewed.label) return { halves: 'same' };
  if (filed.label === MANUAL_REVIEW) {
    findings.push({ path: reviewed.file.treePath, severity: 'info', message: `${run}: id ${id} was first filed under "${MANUAL_REVIEW}" (output/) and reviewed as "${reviewed.label}" (reasoning/)` });
    return { halves: 'reviewed', firstFiled: filed.label };
  }
  findings.push({
    path: reviewed.file.treePath,
    severity: 'warning',
    message: `${run}: id ${id} is "${filed.label}" in output/ (as first filed) but "${reviewed.label}" in reasoning/ (after review): not a review out of ${MANUAL_REVIEW}, so the archive cannot tell why; both labels are shown, the reasoning/ one counted`,
  });
  return { halves: 'differs', firstFiled: filed.label };
}

function buildRun(p: RunParts, slug: string, verdicts: readonly Verdict[], findings: Finding[], claimed: Set<string>): Run {
  const layout: RunLayout = p.name.startsWith('zero-shot/')
    ? 'zero-shot'
    : verdicts.some((v) => v.files.some((f) => f.half !== 'flat'))
      ? 'split'
      : 'flat';
  const labelCounts: Record<string, number> = {};
  for (const v of verdicts) for (const l of v.labels) labelCounts[l] = (labelCounts[l] ?? 0) + 1;
  const labels = Object.keys(labelCounts).sort(compare);
  for (const label of labels) {
    if (plainSegment('label', label) !== null) continue;
    findings.push({
      path: `results/classifier/${p.name}`,
      severity: 'warning',
      message: `label "${visibleName(label)}" is not a plain URL name (${describeOddities(label)}); its page is runs/${slug}/${labelSlug(label)}/`,
    });
  }
  let zeroShot: ZeroShotParams | undefined;
  let readme: Run['readme'];
  if (p.readme) {
    zeroShot = parseZeroShotReadme(p.readme.text);
    readme = { text: p.readme.text, provenance: p.readme.provenance[0]! };
    claimed.add(p.readme.treePath);
  }
  const description = describeRun(p.name, labels, zeroShot);
  if (description.nameSuggests !== undefined) {
    const where = p.categories?.treePath ?? p.readme?.treePath ?? `results/classifier/${p.name}`;
    findings.push({
      path: where,
      severity: 'info',
      message: `${p.name}: the name suggests the ${description.nameSuggests} task, but its labels (${labels.join(', ')}) are the ${description.task} task's; filed under ${description.task}`,
    });
  }
  const table = (file: SourceFile | undefined): CountTable | undefined => {
    if (!file) return undefined;
    claimed.add(file.treePath);
    const parsed = parseCountsCsv(file.text);
    for (const problem of parsed.problems) findings.push({ path: file.treePath, line: problem.line, severity: 'warning', message: problem.message });
    return { rows: parsed.rows, text: file.text, provenance: file.provenance[0]! };
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
    slug,
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
