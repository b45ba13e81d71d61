/**
 * The pieces of a report page that its search record repeats: each made once here, from the
 * report's JSON, and used by the page (src/components/ReportHeader.astro, Verdicts.astro,
 * Lines.astro) and by its record (searchRecords.ts), so the two cannot drift apart. Pure.
 *
 * test/site/search.test.ts holds what Pagefind indexes from the pages against what it indexes
 * from the records.
 */
import { isTimestamp, readableTimestamp } from './dates.ts';
import { displayRows, visibleLine, type DisplayRow } from './text.ts';
import type { GitlabMetaData, VerdictData } from './types.ts';

/** One row of a GitLab report's field list: its name, the text shown, and the timestamp a date shows (`<time datetime>`). */
export interface GitlabField {
  readonly name: string;
  readonly text: string;
  readonly datetime?: string;
}

/**
 * A GitLab issue's fields as the report header lists them, in order, those without a value left
 * out; dates read `2024-07-31 21:44 UTC` (a value that is not a timestamp is shown as written).
 * `labels`: the GitLab labels, each as shown.
 */
export function gitlabFields(g: GitlabMetaData): { readonly fields: readonly GitlabField[]; readonly labels: readonly string[] } {
  const dated = (v: string | undefined) => (v !== undefined && isTimestamp(v) ? { text: readableTimestamp(v), datetime: v } : v);
  const rows: [string, string | { text: string; datetime: string } | undefined][] = [
    ['State', g.state],
    ['Created', dated(g.createdAt)],
    ['Closed', dated(g.closedAt)],
    ['Target', g.target],
    ['Host', g.host],
    ['Accel', g.accel],
    ['Host OS', g.hostOs],
    ['Host arch', g.hostArch],
    ['QEMU version', g.qemuVersion],
    ['Guest OS', g.guestOs],
    ['Guest arch', g.guestArch],
  ];
  const fields = rows.flatMap(([name, v]): GitlabField[] =>
    v === undefined || v === '' ? [] : typeof v === 'string' ? [{ name, text: visibleLine(v) }] : [{ name, ...v }],
  );
  return { fields, labels: g.labels.map(visibleLine) };
}

/** Lines of a text (`\n`-separated, as the page numbers them). */
export const lineCount = (s: string): number => s.split('\n').length;

/** `from`…`to` (inclusive), at most 20 from each end (the rest land on the nearest line via lines.ts). */
function span(from: number, to: number): number[] {
  const out: number[] = [];
  for (let n = from; n <= to; n++) if (n < from + 20 || n > to - 20) out.push(n);
  return out;
}

/** Where a part of a reasoning file sits: its first file line, file lines not shown that still get an id, and the first line that gets one. */
export interface ReasoningPart {
  readonly start: number;
  readonly hidden: readonly number[];
  readonly idFrom: number;
}

/**
 * The reasoning file's lines on a verdict: the preamble, the thinking and the answer keep their
 * file line numbers, so a cgit `#n<line>` link (resolved to `#<run>-L<line>`) lands on that line;
 * the tag and blank lines between them get an anchor of their own before the next part.
 * `thinkingLines`: the thinking's length, which its summary names.
 */
export function reasoningParts(v: VerdictData): {
  readonly preamble: ReasoningPart;
  readonly thinking: ReasoningPart;
  readonly answer: ReasoningPart;
  readonly thinkingLines: number;
} {
  const pStart = v.preambleLine ?? 1;
  const pEnd = v.preamble !== undefined ? pStart + lineCount(v.preamble) - 1 : 0;
  const tStart = v.thinkingLine ?? 1;
  const thinkingLines = v.thinking !== undefined ? lineCount(v.thinking) : 0;
  const tEnd = v.thinking !== undefined ? tStart + thinkingLines - 1 : pEnd;
  const aStart = v.answerLine ?? (v.thinking !== undefined ? tEnd + 1 : 1);
  return {
    preamble: { start: pStart, hidden: span(1, pStart - 1), idFrom: 1 },
    thinking: { start: tStart, hidden: span(pEnd + 1, tStart - 1), idFrom: pEnd + 1 },
    answer: { start: aStart, hidden: span(tEnd + 1, aStart - 1), idFrom: tEnd + 1 },
    thinkingLines,
  };
}

/** A text's display rows numbered from file line `start` (a part of a file keeps the file's numbers). */
export function rowsFrom(text: string, start = 1): DisplayRow[] {
  const off = start - 1;
  return displayRows(text).map((r): DisplayRow =>
    'n' in r ? { n: r.n + off, text: r.text } : 'gapFrom' in r ? { gapFrom: r.gapFrom + off, gapTo: r.gapTo + off } : { restFrom: r.restFrom + off, restTo: r.restTo + off, text: r.text },
  );
}

/** What a row that is not one line says in place of a line (a run of blank lines, the unnumbered rest of a very long text). */
export function rowCaption(r: Exclude<DisplayRow, { readonly n: number }>): string {
  return 'gapFrom' in r
    ? `… lines ${r.gapFrom}–${r.gapTo}: ${r.gapTo - r.gapFrom + 1} blank lines, collapsed here …`
    : `… lines ${r.restFrom}–${r.restTo} follow without line numbers (a very long text) …`;
}
