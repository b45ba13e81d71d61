/**
 * What a note's component points at, resolved against the site's data: the address (through
 * src/lib/paths.ts) and what the component shows. The content step resolves every component of
 * every note with this before anything is rendered (a name that is missing fails the build with
 * the note's file and line); the components resolve the same way while the page renders, so the
 * check and the page cannot disagree.
 */
import type { PairData, ReportData, RunData, VerdictData } from '../content/types.ts';
import {
  lineRangeAnchor,
  pairPagePath,
  reasoningLineAnchor,
  reportLineAnchor,
  reportPagePath,
  reportPathStem,
  runLabelPagePath,
  verdictAnchor,
} from '../paths.ts';
import type { NoteComponentUse } from './parse.ts';
import type { NoteTarget } from './target.ts';

/** The site's data as notes see it (the generated content files, or a test's maps). */
export interface NoteLookup {
  /** A report by its page stem (`gitlab/1033`). */
  report(stem: string): ReportData | undefined;
  /** A run by its page slug. */
  runBySlug(slug: string): RunData | undefined;
  /** A run by its name as the tree writes it (`deepseek-r1:32b`). */
  runByName(name: string): RunData | undefined;
  /** Two runs compared, by slugs in either order. */
  pair(aSlug: string, bSlug: string): PairData | undefined;
}

export interface QuotedLine {
  readonly n: number;
  readonly text: string;
}

/** `path` is relative to the site base, with its fragment. */
export type NoteRef =
  | { readonly kind: 'report'; readonly path: string; readonly key: string; readonly title: string }
  | { readonly kind: 'verdict'; readonly path: string; readonly key: string; readonly run: string; readonly label: string; readonly firstFiled?: string }
  | { readonly kind: 'lines'; readonly path: string; readonly key: string; readonly run?: string; readonly what: string; readonly lines: readonly QuotedLine[] }
  | { readonly kind: 'pair'; readonly path: string; readonly a: string; readonly b: string; readonly n: number; readonly agreement: number | null; readonly kappa: number | null }
  | { readonly kind: 'label-count'; readonly path: string; readonly run: string; readonly label: string; readonly count: number };

/** Quoting more than this many lines is a sign the note wants a link instead. */
export const MAX_QUOTED_LINES = 40;

type Resolved = NoteRef | { readonly error: string };

function reportFor(use: NoteComponentUse, target: NoteTarget, lookup: NoteLookup): { stem: string; data: ReportData } | { error: string } {
  const key = use.attrs.report ?? use.attrs.id;
  if (key === undefined) {
    if (target.kind !== 'report') return { error: `<${use.name}> outside a report's note needs report="<source>/<id>"` };
    const data = lookup.report(target.stem);
    return data ? { stem: target.stem, data } : { error: `no report page ${target.stem}` };
  }
  const slash = key.indexOf('/');
  if (slash <= 0 || slash === key.length - 1) return { error: `"${key}" is not a report: write <source>/<id>, e.g. gitlab/1033` };
  const stem = reportPathStem({ source: key.slice(0, slash), id: key.slice(slash + 1) });
  const data = lookup.report(stem);
  return data ? { stem, data } : { error: `the tree has no report ${key}` };
}

function runNamed(use: NoteComponentUse, target: NoteTarget, lookup: NoteLookup): RunData | { error: string } {
  const name = use.attrs.run;
  if (name === undefined) {
    if (target.kind !== 'run') return { error: `<${use.name}> outside a run's note needs run="<run name>"` };
    return lookup.runBySlug(target.slug) ?? { error: `no run page ${target.slug}` };
  }
  return lookup.runByName(name) ?? { error: `the tree has no run named "${name}"` };
}

/** `12` → [12, 12]; `3-7` → [3, 7]. */
export function parseLineSpan(s: string): readonly [number, number] | undefined {
  const m = /^(\d+)(?:-(\d+))?$/.exec(s.trim());
  if (!m) return undefined;
  const from = Number(m[1]);
  const to = m[2] === undefined ? from : Number(m[2]);
  return from >= 1 && to >= from ? [from, to] : undefined;
}

/** The reasoning file's lines that the page shows, by file line (preamble, thinking, answer). */
export function reasoningFileLines(v: VerdictData): Map<number, string> {
  const lines = new Map<number, string>();
  const put = (text: string | undefined, start: number | undefined) => {
    if (text === undefined || start === undefined) return;
    text.split('\n').forEach((t, i) => lines.set(start + i, t));
  };
  put(v.preamble, v.preambleLine);
  put(v.thinking, v.thinkingLine ?? 1);
  put(v.answer, v.answerLine);
  return lines;
}

/** `[2, 3, 4, 9]` → `2–4, 9`; `[]` → `none`. */
export function lineSpans(lines: readonly number[]): string {
  const sorted = [...lines].sort((a, b) => a - b);
  const spans: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    spans.push(i === j ? `${sorted[i]}` : `${sorted[i]}–${sorted[j]}`);
    i = j + 1;
  }
  return spans.length ? spans.join(', ') : 'none';
}

export function resolveNoteComponent(use: NoteComponentUse, target: NoteTarget, lookup: NoteLookup): Resolved {
  switch (use.name) {
    case 'Report': {
      const r = reportFor(use, target, lookup);
      if ('error' in r) return r;
      return { kind: 'report', path: reportPagePath(r.stem), key: r.data.key, title: r.data.title };
    }
    case 'Verdict': {
      const r = reportFor(use, target, lookup);
      if ('error' in r) return r;
      const run = lookup.runByName(use.attrs.run!);
      if (!run) return { error: `the tree has no run named "${use.attrs.run}"` };
      const v = r.data.verdicts.find((x) => x.run === run.name);
      if (!v) return { error: `run ${run.name} has no verdict on ${r.data.key}` };
      return {
        kind: 'verdict',
        path: `${reportPagePath(r.stem)}#${verdictAnchor(v.runSlug)}`,
        key: r.data.key,
        run: v.run,
        label: v.label,
        ...(v.firstFiled !== undefined ? { firstFiled: v.firstFiled } : {}),
      };
    }
    case 'Lines': {
      const r = reportFor(use, target, lookup);
      if ('error' in r) return r;
      const span = parseLineSpan(use.attrs.lines!);
      if (!span) return { error: `lines="${use.attrs.lines}" is not a line or a range (write 12 or 3-7)` };
      const [from, to] = span;
      if (to - from + 1 > MAX_QUOTED_LINES) return { error: `lines="${use.attrs.lines}" quotes ${to - from + 1} lines; at most ${MAX_QUOTED_LINES} (link to the page for more)` };
      let source: Map<number, string>;
      let anchor: (n: number) => string;
      let what: string;
      let run: string | undefined;
      if (use.attrs.run !== undefined) {
        const v = r.data.verdicts.find((x) => x.run === use.attrs.run);
        if (!v) return { error: `run ${use.attrs.run} has no verdict on ${r.data.key}` };
        source = reasoningFileLines(v);
        anchor = (n) => reasoningLineAnchor(v.runSlug, n);
        what = `${v.run}'s reasoning`;
        run = v.run;
      } else {
        const text = r.data.texts.find((t) => t.kind === 'text');
        if (!text) return { error: `${r.data.key} has no report text` };
        source = new Map(text.text.replace(/\n$/, '').split('\n').map((t, i) => [i + 1, t] as const));
        anchor = reportLineAnchor;
        what = 'the report text';
      }
      const lines: QuotedLine[] = [];
      for (let n = from; n <= to; n++) {
        const t = source.get(n);
        if (t === undefined) return { error: `line ${n} is not shown in ${what} of ${r.data.key} (the lines shown are ${lineSpans([...source.keys()])})` };
        lines.push({ n, text: t });
      }
      return {
        kind: 'lines',
        path: `${reportPagePath(r.stem)}#${lineRangeAnchor(anchor, from, to)}`,
        key: r.data.key,
        ...(run !== undefined ? { run } : {}),
        what,
        lines,
      };
    }
    case 'Pair': {
      const a = lookup.runByName(use.attrs.a!);
      const b = lookup.runByName(use.attrs.b!);
      if (!a) return { error: `the tree has no run named "${use.attrs.a}"` };
      if (!b) return { error: `the tree has no run named "${use.attrs.b}"` };
      const p = lookup.pair(a.slug, b.slug);
      if (!p) return { error: `runs ${a.name} and ${b.name} are not compared (different tasks, or one has no verdicts)` };
      return { kind: 'pair', path: pairPagePath(a.slug, b.slug), a: a.name, b: b.name, n: p.kappa.n, agreement: p.kappa.agreement, kappa: p.kappa.kappa };
    }
    case 'LabelCount': {
      const run = runNamed(use, target, lookup);
      if ('error' in run) return run;
      const row = run.labelCounts.find((c) => c.label === use.attrs.label);
      if (!row) return { error: `run ${run.name} has no label "${use.attrs.label}"` };
      return { kind: 'label-count', path: runLabelPagePath(run.slug, row.labelSlug), run: run.name, label: row.label, count: row.count };
    }
  }
}
