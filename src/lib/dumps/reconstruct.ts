/**
 * Rebuilding a file's bytes from the lines a text browser showed. What the browsers change
 * (checked against w3m and lynx renderings of cgit 1.2 pages):
 * - both trim trailing whitespace and drop carriage returns;
 * - both expand tabs to spaces, 8 columns a stop, counted from the start of the line;
 * - w3m shows control characters as spaces, lynx drops them; lynx shows NBSP as a space;
 * - neither shows whether the file ends with a newline.
 * We try the usual ways these were written (each layout reading; no CR, CRLF everywhere or CRLF
 * after the title line as scraped GitHub issues have; tabs or spaces; `Â`+NBSP mojibake or not;
 * final newline or not), then put back a trimmed space on one or two lines, and keep the text that
 * hashes to the blob the page shows. Without a match the first (likeliest) reading is kept and the
 * text is approximate.
 */
import { gitBlobId } from '../blob.ts';
import type { ShownLines } from './layout.ts';
import type { PathPriors } from './priors.ts';
import { type HashBudget, type LinedText, restoreOneTrailing, restoreTwoTrailing } from './trailing.ts';
import { charWidth } from './width.ts';

export type Renderer = 'w3m' | 'lynx';

export interface Reconstruction {
  readonly text: string;
  readonly exact: boolean;
  readonly losses: readonly string[];
}

type LineEnds = 'lf' | 'crlf' | 'crlf-after-title';
type Tabs = 'spaces' | 'leading' | 'runs' | 'all-runs';

const TAB_STOP = 8;

/** Leading spaces back to tabs: 8 columns a tab, the rest stay spaces. */
function leadingTabs(line: string): string {
  const m = /^ +/.exec(line);
  if (!m || m[0].length < TAB_STOP) return line;
  const width = m[0].length;
  return '\t'.repeat(Math.floor(width / TAB_STOP)) + ' '.repeat(width % TAB_STOP) + line.slice(width);
}

/**
 * Runs of spaces that end on a tab stop back to tabs (one tab per stop crossed). `minRun` 2 keeps
 * single spaces; 1 also turns a single space before a stop into a tab.
 */
function runTabs(line: string, minRun: number): string {
  if (!line.includes(' ')) return line;
  let out = '';
  let col = 0;
  let run = 0;
  const flush = (endCol: number): void => {
    if (run === 0) return;
    const startCol = endCol - run;
    if (run >= minRun && endCol % TAB_STOP === 0) {
      let c = startCol;
      while (c < endCol) {
        out += '\t';
        c = (Math.floor(c / TAB_STOP) + 1) * TAB_STOP;
      }
    } else {
      out += ' '.repeat(run);
    }
    run = 0;
  };
  for (const ch of line) {
    if (ch === ' ') {
      run++;
      col++;
      continue;
    }
    flush(col);
    out += ch;
    col += charWidth(ch);
  }
  // A run at the end of a line was trimmed by the browser anyway: keep it as spaces.
  out += ' '.repeat(run);
  return out;
}

function applyTabs(lines: readonly string[], tabs: Tabs): readonly string[] {
  switch (tabs) {
    case 'spaces':
      return lines;
    case 'leading':
      return lines.map(leadingTabs);
    case 'runs':
      return lines.map((l) => runTabs(l, 2));
    case 'all-runs':
      return lines.map((l) => runTabs(l, 1));
  }
}

function joinLines(lines: readonly string[], ends: LineEnds, finalNewline: boolean): LinedText {
  const lineEnds: number[] = [];
  let text = '';
  for (let i = 0; i < lines.length; i++) {
    if (i > 0) text += ends === 'crlf' || (ends === 'crlf-after-title' && i > 1) ? '\r\n' : '\n';
    text += lines[i]!;
    lineEnds.push(text.length);
  }
  if (finalNewline && lines.length > 0) {
    text += ends === 'crlf' || (ends === 'crlf-after-title' && lines.length > 1) ? '\r\n' : '\n';
  }
  return { text, lineEnds };
}

interface Reading extends LinedText {
  /** Tabs and NBSP as shown: the readings the trailing-whitespace search starts from. */
  readonly plain: boolean;
}

function* readings(shown: ShownLines, renderer: Renderer, finalNewlineFirst: boolean): Generator<Reading> {
  const all = shown.readings.flat();
  // `Â` + NBSP is the corpus's commonest mojibake and `Â` + space never occurs: restore it first.
  const nbspOptions = renderer === 'lynx' && all.some((l) => l.includes('Â ')) ? [true, false] : [false];
  const hasSpaceRuns = all.some((l) => l.includes('  ') || l.startsWith(' '));
  const tabOptions: Tabs[] = hasSpaceRuns ? ['spaces', 'leading', 'runs', 'all-runs'] : ['spaces'];
  const endOptions: LineEnds[] = shown.lineCount > 1 ? ['lf', 'crlf-after-title', 'crlf'] : ['lf', 'crlf'];
  for (const base of shown.readings) {
    for (const nbsp of nbspOptions) {
      const withNbsp = nbsp ? base.map((l) => l.replaceAll('Â ', 'Â\u00a0')) : base;
      for (const tabs of tabOptions) {
        const lines = applyTabs(withNbsp, tabs);
        const plain = tabs === 'spaces' && nbsp === nbspOptions[0];
        for (const ends of endOptions) {
          yield { ...joinLines(lines, ends, finalNewlineFirst), plain };
          yield { ...joinLines(lines, ends, !finalNewlineFirst), plain };
        }
      }
    }
  }
}

/** Trailing whitespace most often lost: one space, the two of a Markdown line break. */
const TRAILING = [' ', '  '];
/** Bytes the trailing-whitespace search may hash for one dump (a few tens of milliseconds). */
const TRAILING_BUDGET = 48 * 1024 * 1024;

function restoreTrailing(bases: readonly LinedText[], blob: string): string | null {
  const budget: HashBudget = { left: TRAILING_BUDGET };
  for (const ws of TRAILING) {
    for (const base of bases) {
      const found = restoreOneTrailing(base, ws, blob, budget);
      if (found !== null) return found;
    }
  }
  for (const base of bases) {
    const found = restoreTwoTrailing(base, ' ', blob, budget);
    if (found !== null) return found;
  }
  return null;
}

/** What a browser rendering can have lost that this reconstruction could not prove restored. */
function possibleLosses(shown: ShownLines, renderer: Renderer, text: string): string[] {
  const losses = [...shown.problems];
  losses.push('trailing whitespace', 'carriage returns');
  if (/ {2}|^ /m.test(text)) losses.push('tabs expanded to spaces');
  if (renderer === 'lynx') losses.push('non-breaking spaces shown as spaces');
  losses.push('control characters', 'final newline');
  if (shown.readings.length > 1) losses.push('line layout ambiguous (blank first line dropped, or long lines wrapped)');
  return losses;
}

export function reconstruct(
  shown: ShownLines,
  renderer: Renderer,
  shownBlob: string,
  priors: PathPriors,
): Reconstruction {
  const seen = new Set<string>();
  const plainReadings: LinedText[] = [];
  let first: string | undefined;
  for (const reading of readings(shown, renderer, priors.finalNewline)) {
    if (seen.has(reading.text)) continue;
    seen.add(reading.text);
    first ??= reading.text;
    if (reading.plain) plainReadings.push(reading);
    if (gitBlobId(reading.text) === shownBlob) return { text: reading.text, exact: true, losses: [] };
  }
  const restored = restoreTrailing(plainReadings, shownBlob);
  if (restored !== null) return { text: restored, exact: true, losses: [] };
  const text = first ?? '';
  return { text, exact: false, losses: possibleLosses(shown, renderer, text) };
}

/** A seed shows the bytes; only the final newline (and a saver's CRLF) can differ. */
export function reconstructSeed(content: string, shownBlob: string): Reconstruction {
  const variants = [content];
  if (content.endsWith('\n')) variants.push(content.slice(0, -1));
  else variants.push(`${content}\n`);
  if (/\r\n/.test(content)) {
    const lf = content.replace(/\r\n/g, '\n');
    variants.push(lf, lf.endsWith('\n') ? lf.slice(0, -1) : `${lf}\n`);
  }
  for (const text of variants) {
    if (gitBlobId(text) === shownBlob) return { text, exact: true, losses: [] };
  }
  return {
    text: content,
    exact: false,
    losses: [`the shown lines do not hash to the shown blob ${shownBlob}`],
  };
}
