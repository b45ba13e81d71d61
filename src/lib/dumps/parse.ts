/**
 * Reading a page dump into the file text it shows: chrome off, line-number and commit columns
 * off, then the bytes rebuilt as faithfully as the style allows and proven by the blob id the
 * page shows where one reading hashes to it.
 */
import type { DumpStyle } from '../model.ts';
import { readChrome } from './chrome.ts';
import { DumpError } from './errors.ts';
import { readBlameBody, readBlobBody, readSeedBody } from './layout.ts';
import { pathPriors } from './priors.ts';
import { reconstruct, reconstructSeed } from './reconstruct.ts';

export interface ParsedDump {
  readonly file: string;
  readonly style: DumpStyle;
  /** Tree path the page shows (header styles); null for flat and plain dumps. */
  readonly path: string | null;
  /** Other readings of a path the saver wrapped over lines. */
  readonly pathAlternatives?: readonly string[];
  /** Blob id the page shows, if any. */
  readonly shownBlob?: string;
  /** The recovered text: byte-exact when `exact`. */
  readonly text: string;
  /** True only when `text` hashes to the shown blob. */
  readonly exact: boolean;
  /** For inexact texts: what the style lost (or may have lost) that could not be restored. */
  readonly losses: readonly string[];
}

const FLAT_LOSSES = ['line breaks and whitespace runs (collapsed to one space)', 'HTML-looking tags such as <think> (removed)'];

function isBlank(row: string): boolean {
  return row.trim() === '';
}

/** Offset in `text` just after row `row` (0-based) and its newline. */
function offsetAfterRow(text: string, row: number): number {
  let pos = 0;
  for (let i = 0; i <= row; i++) {
    const nl = text.indexOf('\n', pos);
    if (nl < 0) return text.length;
    pos = nl + 1;
  }
  return pos;
}

/** A dump with cgit chrome: `seed`, `w3m`, `lynx` or `blame`. Throws DumpError when it cannot be read. */
export function parseCgitDump(file: string, text: string): ParsedDump {
  const rows = text.split('\n');
  const chrome = readChrome(file, rows);
  const common = {
    file,
    style: chrome.style,
    path: chrome.path,
    ...(chrome.pathAlternatives.length > 0 ? { pathAlternatives: chrome.pathAlternatives } : {}),
    shownBlob: chrome.shownBlob,
  };

  if (chrome.style === 'seed') {
    // The seed saver writes the bytes after the numbers untouched (CR and all).
    const { content } = readSeedBody(file, text.slice(offsetAfterRow(text, chrome.blobRow)), chrome.blobRow + 1);
    const r = reconstructSeed(content, chrome.shownBlob);
    return { ...common, text: r.text, exact: r.exact, losses: r.losses };
  }

  // Browsers never show a CR, so one left in a browser dump is the saver's line end.
  const clean = rows.map((r) => r.replace(/\r$/, ''));
  const problems: string[] = [];
  let end = chrome.footerRow;
  if (end < clean.length) {
    // cgit's footer div leaves one blank line under the table.
    if (end > chrome.blobRow + 1 && isBlank(clean[end - 1]!)) end--;
  } else {
    while (end > chrome.blobRow + 1 && isBlank(clean[end - 1]!)) end--;
    problems.push('no cgit footer: blank lines at the end of the file may be missing');
  }
  const body = { file, rows: clean.slice(chrome.blobRow + 1, end), offset: chrome.blobRow + 1 };
  const priors = pathPriors(chrome.path);
  const shown = chrome.style === 'blame' ? readBlameBody(body, priors) : readBlobBody(body, priors);
  const r = reconstruct(
    { ...shown, problems: [...problems, ...shown.problems] },
    chrome.renderer === 'lynx' ? 'lynx' : 'w3m',
    chrome.shownBlob,
    priors,
  );
  return { ...common, text: r.text, exact: r.exact, losses: r.losses };
}

/** A flat dump: one line, tags removed, whitespace collapsed. Nothing places it but its text. */
export function parseFlatDump(file: string, text: string): ParsedDump {
  const line = text.replace(/\r?\n$/, '');
  if (line.includes('\n')) throw new DumpError(file, 'a flat dump is a single line, this one goes on', 2);
  return { file, style: 'flat', path: null, text: line, exact: false, losses: FLAT_LOSSES };
}

/** A plain dump: the raw file. Whether it is byte-exact is known only by finding its blob in a tree. */
export function parsePlainDump(file: string, text: string): ParsedDump {
  return { file, style: 'plain', path: null, text, exact: false, losses: [] };
}
