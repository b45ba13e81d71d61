/**
 * Taking the line-number (and blame commit) columns off a dump's body, leaving the file's lines
 * as the browser showed them. Two layouts exist for the same page:
 * - `beside`: the browser drew the table, numbers left of the lines (w3m);
 * - `column`: the browser linearised the table, all numbers first, then all lines (lynx, seed).
 *
 * Both browsers drop a blank first line of the file (the newline right after `<pre>`), and in
 * the column layouts the lines are bottom-aligned on the footer, so counting up from the bottom
 * by cgit's line count finds the first line whatever happened at the top.
 */
import { DumpError } from './errors.ts';
import type { PathPriors } from './priors.ts';
import { displayWidth } from './width.ts';

export interface ShownLines {
  readonly layout: 'beside' | 'column';
  /** cgit's line count: one number per line; a final newline ends the last line, it starts none. */
  readonly lineCount: number;
  /**
   * The file's lines as shown, `lineCount` of them, in every way the layout can be read (a blank
   * first line dropped or not, wrapped rows joined or not), the likeliest first.
   */
  readonly readings: readonly (readonly string[])[];
  /** What the layout leaves uncertain or did not let us recover, in words. */
  readonly problems: readonly string[];
}

/** Body rows of a page (between the blob line and the footer) and where they sit in the dump. */
export interface Body {
  readonly file: string;
  readonly rows: readonly string[];
  /** 0-based dump row of rows[0], for error messages. */
  readonly offset: number;
}

const HASH_PREFIX_RE = /^[0-9a-f]{4,40}(?: \^)?\s*$/;

function isBlank(row: string): boolean {
  return row.trim() === '';
}

/** The number written at column p of a row whose left part is blank (or a blame commit), else -1. */
function numberAt(row: string, p: number, allowHash: boolean): number {
  const left = row.slice(0, p);
  if (!(isBlank(left) || (allowHash && HASH_PREFIX_RE.test(left)))) return -1;
  const m = /^(\d+)(?= |$)/.exec(row.slice(p));
  return m ? Number(m[1]) : -1;
}

function emptyFile(layout: ShownLines['layout']): ShownLines {
  return { layout, lineCount: 0, readings: [[]], problems: [] };
}

/** Narrower than this, a widest row is a short file's longest line, not a browser's wrap width. */
const MIN_WRAP_WIDTH = 60;
/** A wrapped piece that ended in spaces lost them; further than this from the widest, a row is a line. */
const MAX_TRIMMED = 8;

/**
 * Joins `joins` rows that a browser hard-wrapped (lynx wraps even <pre> lines at its screen
 * width) to the rows below them. The first pieces of wrapped lines are the widest rows of the
 * page, or nearly: a piece that ended in spaces was trimmed, so it is padded back to the width.
 * `nearWidest` false also lets narrower rows be pieces (lynx breaks some lines early at a tab).
 */
function rejoinWraps(rows: readonly string[], joins: number, nearWidest: boolean): string[] | null {
  const widths = rows.map(displayWidth);
  const widest = Math.max(0, ...widths);
  if (widest < MIN_WRAP_WIDTH || joins < 1) return null;
  const floor = nearWidest ? widest - MAX_TRIMMED : MIN_WRAP_WIDTH;
  const pieces = rows
    .map((row, i) => ({ i, width: widths[i]! }))
    .filter(({ i, width }) => width >= floor && i + 1 < rows.length && !isBlank(rows[i + 1]!))
    .sort((a, b) => b.width - a.width || a.i - b.i);
  if (pieces.length < joins) return null;
  const wrapped = new Set(pieces.slice(0, joins).map((p) => p.i));
  const out: string[] = [];
  for (let i = 0; i < rows.length; i++) {
    let row = rows[i]!;
    while (wrapped.has(i)) {
      row += ' '.repeat(widest - widths[i]! <= MAX_TRIMMED ? widest - widths[i]! : 0) + rows[i + 1]!;
      i++;
    }
    out.push(row);
  }
  return out;
}

/** The last n rows, when every row above them is blank (a separator, blame's background). */
function bottomFit(rows: readonly string[], n: number): string[] | null {
  const start = rows.length - n;
  if (start < 0) return null;
  for (let i = 0; i < start; i++) if (!isBlank(rows[i]!)) return null;
  return rows.slice(start);
}

/**
 * Lines at the bottom of a column layout: `region` is everything below the numbers (a blank
 * separator or blame's blank background rows, then the lines). Bottom-aligned, so a dropped
 * blank first line is taken from the blank rows above. Wrapped long lines add rows; when the
 * rows fit both with and without joining them, both readings are kept.
 */
function bottomReadings(region: readonly string[], n: number, priors: PathPriors, problems: string[]): string[][] {
  const asShown = bottomFit(region, n);
  // Rows beyond n below the first text are wraps (the first line, when blank, hides above it).
  const firstText = region.findIndex((row) => !isBlank(row));
  const extra = firstText < 0 ? 0 : region.length - firstText - n;
  const joinedReadings: string[][] = [];
  for (const nearWidest of [true, false]) {
    if (joinedReadings.length > 0) break;
    for (let joins = Math.max(1, extra); joins <= extra + 2; joins++) {
      const rejoined = rejoinWraps(region, joins, nearWidest);
      const fit = rejoined && bottomFit(rejoined, n);
      if (fit) joinedReadings.push(fit);
    }
  }
  if (!asShown && joinedReadings.length === 0) {
    if (region.length < n) {
      problems.push(`${n - region.length} of ${n} numbered lines not shown`);
      return [[...Array<string>(n - region.length).fill(''), ...region]];
    }
    problems.push(`long lines wrapped: ${region.length} rows shown for ${n} numbered lines`);
    return [region.slice(region.length - n)];
  }
  if (!asShown) return joinedReadings;
  if (joinedReadings.length === 0) return [asShown];
  // Both fit: the page shows either a blank separator and line 1, or a dropped blank line 1 and
  // a wrap. lynx drops only a blank first line, so a blank row where line 1 would be means a drop.
  const lineOneRow = region[region.length - n];
  const dropLikely = priors.blankFirstLine || (lineOneRow !== undefined && isBlank(lineOneRow));
  return dropLikely ? [...joinedReadings, asShown] : [asShown, ...joinedReadings];
}

/** The body of a blob page (w3m or lynx), in either layout. */
export function readBlobBody(body: Body, priors: PathPriors): ShownLines {
  const { rows, file, offset } = body;
  let s = 0;
  while (s < rows.length && isBlank(rows[s]!)) s++;
  if (s === rows.length) return emptyFile('column');
  const first = /^( *)1(?= |$)/.exec(rows[s]!);
  if (!first) throw new DumpError(file, 'expected line number 1 at the start of the blob', offset + s + 1);
  const p = first[1]!.length;
  let n = 0;
  while (s + n < rows.length && numberAt(rows[s + n]!, p, false) === n + 1) n++;
  const numbered = rows.slice(s, s + n);
  const rest = rows.slice(s + n);
  const textBeside = numbered.some((row, i) => !isBlank(row.slice(p + String(i + 1).length)));
  const problems: string[] = [];

  if (textBeside || rest.every(isBlank)) {
    const contentCol = p + String(n).length + 1;
    const lines = numbered.map((row, i) => {
      if (!isBlank(row.slice(p + String(i + 1).length, contentCol))) {
        throw new DumpError(file, `text inside the line-number column`, offset + s + i + 1);
      }
      return row.slice(contentCol);
    });
    const stray = rest.findIndex((row) => !isBlank(row));
    if (stray >= 0) {
      throw new DumpError(file, `expected line number ${n + 1} or the end of the blob`, offset + s + n + stray + 1);
    }
    return { layout: 'beside', lineCount: n, readings: besideReadings(lines, priors), problems };
  }

  return { layout: 'column', lineCount: n, readings: bottomReadings(rest, n, priors, problems), problems };
}

/**
 * w3m drops a blank first line and shows the rest one row up, leaving the last row blank. A
 * non-blank first line is never dropped, so a blank first row proves the drop; otherwise a blank
 * last row is ambiguous and both readings are kept.
 */
function besideReadings(lines: readonly string[], priors: PathPriors): string[][] {
  const n = lines.length;
  if (n === 0 || lines[n - 1] !== '') return [[...lines]];
  const dropped = ['', ...lines.slice(0, -1)];
  if (lines[0] === '') return [dropped];
  return priors.blankFirstLine ? [dropped, [...lines]] : [[...lines], dropped];
}

/**
 * The body of a blame page. w3m draws it as a table whose cells are vertically centred: the
 * commit and number columns float in the middle and the lines sit at the bottom, above the
 * footer; lynx lists commits, then numbers, then the lines. Either way the last `n` rows are the
 * `n` lines, and in the w3m table their text starts right after the widest line number.
 */
export function readBlameBody(body: Body, priors: PathPriors): ShownLines {
  const { rows, file, offset } = body;
  const firstRe = /^((?:[0-9a-f]{4,40}(?: \^)?\s+)?\s*)1(?= |$)/;
  let oneRow = -1;
  for (let i = 0; i < rows.length; i++) {
    if (firstRe.test(rows[i]!)) {
      oneRow = i;
      break;
    }
  }
  if (oneRow < 0) {
    const onlyChrome = rows.every((r) => isBlank(r) || HASH_PREFIX_RE.test(r));
    if (onlyChrome) return emptyFile('beside');
    throw new DumpError(file, 'no line number 1 in the blame table', offset + 1);
  }
  const left = firstRe.exec(rows[oneRow]!)![1]!;
  const p = left.length;
  // lynx puts the numbers at the left margin, alone; w3m's table puts them right of the commits.
  const beside = p > 0 || /^1 +\S/.test(rows[oneRow]!);
  const problems: string[] = [];

  if (beside) {
    // Content never reaches column p (it starts right of the numbers), so any number at p is one.
    let n = 0;
    for (let i = oneRow; i < rows.length; i++) if (numberAt(rows[i]!, p, true) === n + 1) n++;
    const contentCol = p + String(n).length + 1;
    if (rows.length < n) throw new DumpError(file, `${n} numbered lines but only ${rows.length} rows`, offset + 1);
    const start = rows.length - n;
    for (let i = 0; i < start; i++) {
      if (!isBlank(rows[i]!.slice(contentCol))) {
        problems.push(`text above the last ${n} rows was ignored (dump line ${offset + i + 1})`);
        break;
      }
    }
    const lines = rows.slice(start).map((row, i) => {
      const chrome = row.slice(0, contentCol);
      if (!(isBlank(chrome) || /^(?:[0-9a-f]{4,40}(?: \^)?)?\s*\d+\s*$/.test(chrome) || HASH_PREFIX_RE.test(chrome))) {
        throw new DumpError(file, 'text left of the blame line column', offset + start + i + 1);
      }
      return row.slice(contentCol);
    });
    return { layout: 'beside', lineCount: n, readings: [lines], problems };
  }

  // lynx: numbers one per row (blank rows between commits), then blank rows, then the lines.
  // A line that continues the sequence could pass for a number: the lines must fit below the numbers.
  let n = 0;
  const rowOf: number[] = [];
  for (let i = oneRow; i < rows.length; i++) {
    const row = rows[i]!;
    if (isBlank(row)) continue;
    if (row !== String(n + 1)) break;
    n++;
    rowOf[n] = i;
  }
  while (n > 0 && rowOf[n]! >= rows.length - n) n--;
  const readings = bottomReadings(rows.slice(n > 0 ? rowOf[n]! + 1 : oneRow + 1), n, priors, problems);
  return { layout: 'column', lineCount: n, readings, problems };
}

/**
 * A seed page: numbers one per line, then the file's bytes as they are. The file has as many
 * lines as there are numbers, so the split point follows from the row count alone (a file whose
 * first lines are themselves numbers cannot fool it).
 */
export function readSeedBody(file: string, body: string, offset: number): { content: string; lineCount: number } {
  const rows = body.split('\n');
  const n = Math.floor(rows.length / 2);
  for (let i = 0; i < n; i++) {
    if (rows[i]!.replace(/\r$/, '') !== String(i + 1)) {
      throw new DumpError(file, `expected line number ${i + 1} (the seed shows ${n} numbers)`, offset + i + 1);
    }
  }
  let pos = 0;
  for (let i = 0; i < n; i++) pos += rows[i]!.length + 1;
  return { content: body.slice(pos), lineCount: n };
}
