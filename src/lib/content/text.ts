/**
 * Text helpers shared by the content writer and the pages. Pure functions.
 *
 * Display rule: corpus text is shown escaped (by Astro) and with every control character made
 * VISIBLE (NUL → ␀, ESC → ␛, …, from the Unicode "Control Pictures" block), never dropped. Line
 * ends: `\n` splits lines; a `\r` right before `\n` is a CRLF line end (reported, not shown);
 * any other `\r` is shown as ␍. Tabs stay tabs.
 */
import { LOOK_ALIKE } from '../slug.ts';

/** Runs of at least this many blank lines are shown as one collapsed row (degenerate model output has 77,000). */
export const BLANK_RUN_MIN = 20;

/** Lines past this many are shown as one plain block (still escaped and complete), not one anchor each. */
export const MAX_ANCHORED_LINES = 4000;

export type DisplayRow =
  | { readonly n: number; readonly text: string }
  | { readonly gapFrom: number; readonly gapTo: number }
  /** Lines `restFrom`…`restTo`, joined with `\n`, without per-line anchors. */
  | { readonly restFrom: number; readonly restTo: number; readonly text: string };

/**
 * Display rows with 1-based line numbers. A run of ≥ BLANK_RUN_MIN blank (empty or
 * whitespace-only) lines becomes one `gap` row naming its line range, so a page never carries
 * tens of thousands of empty anchored lines; line numbers after the gap stay the file's. After
 * `maxAnchored` rows the rest of the text is one `rest` row (degenerate model output repeats a
 * line tens of thousands of times: one anchor per line would make a page of megabytes).
 */
export function displayRows(text: string, maxAnchored = MAX_ANCHORED_LINES): DisplayRow[] {
  const lines = displayLines(text);
  const rows: DisplayRow[] = [];
  let i = 0;
  let anchored = 0;
  while (i < lines.length) {
    if (anchored >= maxAnchored) {
      rows.push({ restFrom: i + 1, restTo: lines.length, text: lines.slice(i).join('\n') });
      break;
    }
    anchored++;
    if (lines[i]!.trim() === '') {
      let j = i;
      while (j < lines.length && lines[j]!.trim() === '') j++;
      if (j - i >= BLANK_RUN_MIN) {
        rows.push({ gapFrom: i + 1, gapTo: j });
        i = j;
        continue;
      }
    }
    rows.push({ n: i + 1, text: lines[i]! });
    i++;
  }
  return rows;
}

export interface DisplayStats {
  /** Number of NUL bytes. */
  readonly nul: number;
  /** Other control characters made visible (ESC, BEL, lone CR, DEL, …). */
  readonly control: number;
  /** Lines ending in CRLF. */
  readonly crlf: number;
  /** Whether the text ends with a newline. */
  readonly finalNewline: boolean;
}

// C0 controls except TAB (0x09) and LF (0x0a); CR handled separately; DEL.
const CONTROL_RE = /[\u0000-\u0008\u000b-\u001f\u007f]/g;

function picture(ch: string): string {
  const c = ch.charCodeAt(0);
  if (c === 0x7f) return '\u2421'; // ␡
  return String.fromCharCode(0x2400 + c); // ␀ … ␟
}

/** Makes control characters visible in one line (no `\n` inside). */
export function visibleLine(line: string): string {
  return line.replace(CONTROL_RE, picture);
}

/** Splits a text into display lines (control characters made visible, CRLF ends removed). */
export function displayLines(text: string): string[] {
  if (text === '') return [];
  const body = text.endsWith('\n') ? text.slice(0, -1) : text;
  return body.split('\n').map((l) => visibleLine(l.endsWith('\r') ? l.slice(0, -1) : l));
}

export function displayStats(text: string): DisplayStats {
  let nul = 0;
  let control = 0;
  let crlf = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0) nul++;
    else if (c === 0x0d) {
      if (text.charCodeAt(i + 1) === 0x0a) crlf++;
      else control++;
    } else if ((c < 0x20 && c !== 0x09 && c !== 0x0a) || c === 0x7f) control++;
  }
  return { nul, control, crlf, finalNewline: text.endsWith('\n') };
}

/** Human note about what the display changed, or `undefined` when nothing. */
export function displayNote(stats: DisplayStats): string | undefined {
  const parts: string[] = [];
  if (stats.nul) parts.push(`${stats.nul} NUL byte${stats.nul === 1 ? '' : 's'} shown as ␀`);
  if (stats.control) parts.push(`${stats.control} other control character${stats.control === 1 ? '' : 's'} shown as visible symbols (␛, ␍, …)`);
  if (stats.crlf) parts.push(`${stats.crlf} CRLF line end${stats.crlf === 1 ? '' : 's'} (shown as plain line breaks)`);
  return parts.length ? `This text has ${parts.join('; ')}.` : undefined;
}

/** Whitespace-normalised form for "is this the same text" comparisons. */
export function normalizeWs(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

export function sameText(a: string | undefined, b: string | undefined): boolean {
  return textMatcher(b)(a) === 0;
}

/**
 * `sameText` against fixed references, each normalised once (a report's text is compared with
 * the text of every run that classified it, once per run: normalising it each time showed in
 * the corpus build's time).
 * Returns the index of the first reference the text equals, or -1.
 */
export function textMatcher(...refs: readonly (string | undefined)[]): (text: string | undefined) => number {
  const normalized: (string | undefined)[] = [];
  const seen = new Map<string, number>();
  return (text) => {
    if (text === undefined) return -1;
    const known = seen.get(text);
    if (known !== undefined) return known;
    let n: string | undefined;
    const found = refs.findIndex((r, i) => r !== undefined && (r === text || (normalized[i] ??= normalizeWs(r)) === (n ??= normalizeWs(text))));
    seen.set(text, found);
    return found;
  };
}

/** Stable JSON text for content files (sorted by construction, 0 indentation, final newline). */
export function jsonFile(value: unknown): string {
  return JSON.stringify(value) + '\n';
}

const HIDDEN_IN_NAMES = new RegExp(`${LOOK_ALIKE.source}|[\\u0000-\\u001f\\u007f]`, 'gu');

/**
 * A name (run, label, id) as shown: invisible and direction-changing characters, and controls,
 * written out as `⟨U+202E⟩`, so a name that would read as another name never does.
 */
export function visibleName(name: string): string {
  return name.replace(HIDDEN_IN_NAMES, (ch) => `⟨U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}⟩`);
}

/** Titles and list entries longer than this are cut (the whole text stays on the report page). */
export const TITLE_MAX_CHARS = 300;

/** A report page's heading shows a cut title whole up to this length (a longer one is a text, shown as one). */
export const FULL_TITLE_MAX_CHARS = 16 * 1024;

/** The heading of a report page: the whole title when it fits, else the cut one and what was cut. */
export function reportHeading(data: { readonly title: string; readonly fullTitle?: string; readonly titleChars?: number }): { text: string; cutNote?: string } {
  if (data.fullTitle !== undefined) return { text: data.fullTitle };
  if (data.titleChars === undefined) return { text: data.title };
  return { text: data.title, cutNote: `The title is cut here: it has ${groupDigits(data.titleChars)} characters; the whole of it is in the report’s files, named below.` };
}

/** A title cut to `TITLE_MAX_CHARS` code points, with `…` when something was cut. */
export function cutTitle(title: string): string {
  if (title.length <= TITLE_MAX_CHARS) return title;
  let i = 0;
  for (let n = 0; n < TITLE_MAX_CHARS && i < title.length; n++) i += title.codePointAt(i)! > 0xffff ? 2 : 1;
  return i >= title.length ? title : `${title.slice(0, i)}…`;
}

/** Texts longer than this (in UTF-16 units) are shown only in part on a page and published whole as raw text. */
export const LARGE_TEXT_CHARS = 512 * 1024;
/** How much of a large text a page shows. */
export const LARGE_TEXT_SHOWN = 64 * 1024;

/** The shown beginning of a large text: whole lines when one ends in the window, never half a surrogate pair. */
export function textBeginning(text: string): string {
  let end = LARGE_TEXT_SHOWN;
  const nl = text.lastIndexOf('\n', end);
  if (nl > end / 2) end = nl + 1;
  else if (/[\ud800-\udbff]/.test(text[end - 1] ?? '')) end--;
  return text.slice(0, end);
}

/** Report texts longer than this many display rows are folded (src/components/Lines.astro). */
export const FOLD_OVER_ROWS = 300;
/** How many display rows of a folded text stay visible above the fold. */
export const FOLD_KEEP_ROWS = 40;

/**
 * Splits display rows into what is shown and what is folded behind a `<details>`: nothing is
 * folded up to `over` rows; past it the first `keep` rows stay visible, so the start of the text
 * (and a link to one of its first lines) never needs the fold opened.
 */
export function foldRows<T>(rows: readonly T[], over = FOLD_OVER_ROWS, keep = FOLD_KEEP_ROWS): { shown: readonly T[]; folded: readonly T[] } {
  if (rows.length <= over) return { shown: rows, folded: [] };
  return { shown: rows.slice(0, keep), folded: rows.slice(keep) };
}

/** First and last file line a display row stands for. */
export function rowSpan(row: DisplayRow): [number, number] {
  return 'n' in row ? [row.n, row.n] : 'gapFrom' in row ? [row.gapFrom, row.gapTo] : [row.restFrom, row.restTo];
}

/** `4001` → `4,001`, the same on every machine (no locale data involved). */
export function groupDigits(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * A display line as written into a numbered line's element (src/components/LineRows.astro),
 * which is not a `<pre>` (text browsers never wrap a `<pre>`): the spaces that HTML would
 * collapse where CSS is not read (w3m, lynx), leading ones and all but the first of a run, become
 * no-break spaces, so indentation survives there. Graphical browsers show both alike
 * (`white-space: pre-wrap`) and copy a no-break space as a space; `lineTextOf` in
 * src/client/lines.ts turns them back.
 *   `'  a  b'` → `'\u00a0\u00a0a \u00a0b'`, `'a b'` → `'a b'`
 */
export function keepSpaces(line: string): string {
  return line.replace(/(?<=^| ) /g, '\u00a0');
}

/**
 * A line number as text browsers show it (graphical ones draw it from `data-line` by CSS):
 * right-aligned to the widest number of its block with no-break spaces, then a space.
 *   `(7, 3)` → `'\u00a0\u00a07 '`, `(120, 3)` → `'120 '`
 */
export function lineNumberText(n: number, width: number): string {
  const s = String(n);
  return '\u00a0'.repeat(Math.max(0, width - s.length)) + s + ' ';
}
