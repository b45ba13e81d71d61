/**
 * A citation as plain text, the way a mail quotes a source: what it is (title, report id, run and
 * label), the quoted lines with their numbers, then the address, the tree commit and the files.
 * Pure and browser-safe: "Copy as plain text" (src/client/lines.ts) gathers the values from the
 * page and the current selection (`#L3-L7`, `#<run>-L12`, `#<run>`) and calls `plainCitation`.
 *
 *   “statx() returns EFAULT” (gitlab/1742), lines 3–4 of the report text:
 *   > 3 | Running a small Node.js program under …
 *   > 4 | Steps to reproduce:
 *   https://results.example.org/reports/gitlab/1742/#L3-L4
 */

export interface QuotedLine {
  /** The file's line number. */
  readonly n: number;
  readonly text: string;
}

export interface Citation {
  readonly title: string;
  /** `gitlab/1742`. */
  readonly key: string;
  /** A run's verdict: its run, label after review, the label first filed under when it differs, its model. */
  readonly run?: { readonly name: string; readonly label: string; readonly firstFiled?: string; readonly model?: string };
  /** The selected lines and what they are lines of (`the report text`, `its reasoning`). */
  readonly quote?: { readonly of: string; readonly lines: readonly QuotedLine[] };
  /** Text shown whole after the header when nothing is selected (a run's answer). */
  readonly answer?: string;
  /** The address of the page, with the selection's fragment. */
  readonly address: string;
  /** The commit of the results tree the page shows, when the page names one. */
  readonly commit?: string;
  /** Further lines after the address: the original report, the verdicts, tree files. */
  readonly more?: readonly string[];
}

/** `[3, 4, 5]` → `lines 3–5`, `[12]` → `line 12`, `[3, 5]` → `lines 3–5` (a range, as the fragment). */
export function lineSpan(lines: readonly QuotedLine[]): string {
  if (lines.length === 0) return '';
  const first = lines[0]!.n;
  const last = lines.at(-1)!.n;
  return first === last ? `line ${first}` : `lines ${first}–${last}`;
}

/** `> 12 | text`, numbers right-aligned within the quote, a blank line without trailing spaces. */
export function quoteLines(lines: readonly QuotedLine[]): string[] {
  const width = Math.max(0, ...lines.map((l) => String(l.n).length));
  return lines.map((l) => `> ${String(l.n).padStart(width)} |${l.text === '' ? '' : ` ${l.text}`}`);
}

export function plainCitation(c: Citation): string {
  const out: string[] = [];
  const span = c.quote && c.quote.lines.length > 0 ? `${lineSpan(c.quote.lines)} of ${c.quote.of}` : undefined;
  if (c.run) {
    const { name, label, firstFiled, model } = c.run;
    out.push(`${c.title} (${c.key})`);
    out.push(
      `Run ${name}: ${label}${firstFiled !== undefined ? ` (after review; first filed under ${firstFiled})` : ''}${model ? ` (model: ${model})` : ''}${span ? `, ${span}:` : ''}`,
    );
  } else if (span) {
    out.push(c.title, `${c.key}, ${span}:`);
  } else {
    out.push(c.title, c.key);
  }
  if (span) out.push(...quoteLines(c.quote!.lines));
  else if (c.answer) out.push('', 'Answer:', c.answer, '');
  out.push(c.address);
  if (c.commit) out.push(`Tree commit ${c.commit}`);
  if (c.more && c.more.length > 0) out.push(...c.more);
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n')}\n`;
}
