/**
 * Placing a dump in a tree: header styles name their path; plain dumps are found by blob, then
 * by flattened text; flat dumps by flattened text. The same text often sits at many paths (a
 * report is copied into every run), so every fitting path is a candidate and `path` is set only
 * when one fits. Nothing is ever dropped: an unreadable or unplaceable dump is still returned.
 */
import { gitBlobId } from '../blob.ts';
import { lastWord as lastWordOf } from '../parse/reasoning.ts';
import type { Dump, Finding } from '../model.ts';
import { detectDumpStyle } from './detect.ts';
import { describeDifferences } from './differences.ts';
import { DumpError } from './errors.ts';
import { flattenForMatch } from './flatten.ts';
import { type ParsedDump, parseCgitDump, parseFlatDump, parsePlainDump } from './parse.ts';
import { reportIdOfPath, sharedReportId } from './report-id.ts';
import type { TreeTextIndex } from './tree-index.ts';

export { flattenForMatch } from './flatten.ts';
export { buildTreeTextIndex, type TreeFile, type TreeTextIndex } from './tree-index.ts';

export interface PlacedDump {
  readonly dump: Dump;
  /** What placing found worth saying: disagreements with the tree, dumps left unplaced. */
  readonly findings: readonly Finding[];
}

/** The reasoning files end with the label as last word: the best guess for a dump nothing places. */
export function lastWord(text: string): string | undefined {
  return lastWordOf(flattenForMatch(text));
}

function finding(file: string, severity: Finding['severity'], message: string): Finding {
  return { path: file, severity, message };
}

function placeHeaderDump(file: string, parsed: ParsedDump, index: TreeTextIndex | undefined): PlacedDump {
  let path = parsed.path!;
  const findings: Finding[] = [];
  let losses = parsed.losses;
  if (index && !index.get(path)) {
    const alternative = parsed.pathAlternatives?.find((p) => index.get(p));
    if (alternative) path = alternative;
  }
  const tree = index?.get(path);
  if (index && !tree) {
    findings.push(finding(file, 'warning', `the page shows ${path}, which the tree does not have`));
  } else if (tree && parsed.shownBlob && tree.blob !== parsed.shownBlob) {
    findings.push(
      finding(
        file,
        parsed.exact ? 'error' : 'warning',
        `the page shows ${path} at blob ${parsed.shownBlob}${parsed.exact ? ' (proven by its text)' : ''}, the tree has blob ${tree.blob}`,
      ),
    );
  } else if (tree && !parsed.exact) {
    // The tree holds the very bytes the page showed: say exactly what the dump lost.
    losses = describeDifferences(parsed.text, tree.text);
  }
  const reportId = reportIdOfPath(path);
  const dump: Dump = {
    file,
    style: parsed.style,
    path,
    candidates: [path],
    status: parsed.exact ? 'exact' : 'approximate',
    ...(parsed.shownBlob ? { shownBlob: parsed.shownBlob } : {}),
    blob: gitBlobId(parsed.text),
    text: parsed.text,
    losses,
    ...(reportId ? { reportId } : {}),
  };
  return { dump, findings };
}

/** Readings of a raw file a saver may have touched: a BOM or final newline added or removed, CRLF made LF. */
function plainVariants(text: string): string[] {
  const bases = text.startsWith('\ufeff') ? [text, text.slice(1)] : [text];
  const variants: string[] = [];
  for (const base of bases) {
    const lf = base.replace(/\r\n/g, '\n');
    for (const t of lf === base ? [base] : [base, lf]) {
      variants.push(t, t.endsWith('\n') ? t.slice(0, -1) : `${t}\n`);
    }
  }
  return variants;
}

function placeByText(file: string, parsed: ParsedDump, index: TreeTextIndex | undefined): PlacedDump {
  let text = parsed.text;
  let candidates: readonly string[] = [];
  let exact = false;
  let losses = parsed.losses;

  if (index && parsed.style === 'plain') {
    for (const variant of plainVariants(parsed.text)) {
      const paths = index.pathsByBlob(gitBlobId(variant));
      if (paths.length > 0) {
        text = variant;
        candidates = paths;
        exact = true;
        losses = [];
        break;
      }
    }
  }
  if (index && candidates.length === 0) {
    candidates = index.pathsByFlat(parsed.text);
    if (candidates.length > 0 && parsed.style === 'plain') {
      losses = [`its bytes match no tree file; ${candidates.length} match once flattened`];
      const tree = index.get(candidates[0]!);
      if (tree) losses = [...losses, ...describeDifferences(parsed.text, tree.text)];
    }
  }

  const findings: Finding[] = [];
  const placed = candidates.length > 0;
  if (!placed) {
    findings.push(
      finding(file, 'warning', index ? 'no tree file has this text: the dump stays unplaced' : 'no tree to place the dump in'),
    );
  }
  const reportId = sharedReportId(candidates);
  const labelGuess = placed ? undefined : lastWord(text);
  const dump: Dump = {
    file,
    style: parsed.style,
    path: candidates.length === 1 ? candidates[0]! : null,
    candidates,
    status: !placed ? 'unplaced' : exact ? 'exact' : 'approximate',
    blob: gitBlobId(text),
    text,
    losses,
    ...(labelGuess ? { labelGuess } : {}),
    ...(reportId ? { reportId } : {}),
  };
  return { dump, findings };
}

export function placeDump(file: string, parsed: ParsedDump, index: TreeTextIndex | undefined): PlacedDump {
  return parsed.path !== null ? placeHeaderDump(file, parsed, index) : placeByText(file, parsed, index);
}

/** A dump whose chrome promised a page that its body does not deliver: kept raw, unplaced. */
function unreadableDump(file: string, text: string, error: DumpError): PlacedDump {
  const labelGuess = lastWord(text);
  const dump: Dump = {
    file,
    style: 'unknown',
    path: null,
    candidates: [],
    status: 'unplaced',
    blob: gitBlobId(text),
    text,
    losses: [error.message],
    ...(labelGuess ? { labelGuess } : {}),
  };
  return {
    dump,
    findings: [{ path: file, severity: 'error', message: error.message, ...(error.line ? { line: error.line } : {}) }],
  };
}

function isOneLine(text: string): boolean {
  return !text.replace(/\r?\n$/, '').includes('\n');
}

/**
 * A one-line dump whose bytes are one tree file's, while its flattened text is also other files'
 * (an `output/` copy that differs from its report by a blank line): the line could have been saved
 * from any of them, so it is ambiguous: every such file a candidate, none chosen, not exact.
 */
function unlessAmbiguous(asPlain: PlacedDump, text: string, index: TreeTextIndex | undefined): PlacedDump {
  const flat = index?.pathsByFlat(text) ?? [];
  const candidates = [...new Set([...asPlain.dump.candidates, ...flat])].sort();
  if (candidates.length === asPlain.dump.candidates.length) return asPlain;
  const others = candidates.filter((c) => !asPlain.dump.candidates.includes(c));
  const reportId = sharedReportId(candidates);
  const { reportId: _r, ...rest } = asPlain.dump;
  const dump: Dump = {
    ...rest,
    path: null,
    candidates,
    status: 'approximate',
    losses: [
      `its bytes are those of ${asPlain.dump.candidates.join(', ')}, but a one-line page could also have been saved from ${others.join(', ')} (the same text once flattened): which file it shows is not known`,
    ],
    ...(reportId ? { reportId } : {}),
  };
  return { dump, findings: [...asPlain.findings, finding(asPlain.dump.file, 'info', `ambiguous: its text fits ${candidates.length} tree files (${candidates.join(', ')})`)] };
}

/**
 * Reads and places any dump file: cgit chrome decides the header styles; otherwise one line of
 * text is a flat dump (unless its bytes are a tree file's and no other file flattens to it: a
 * one-line raw file), anything else plain.
 */
export function classifyDumpFile(file: string, text: string, index: TreeTextIndex | undefined): PlacedDump {
  try {
    if (detectDumpStyle(text)) return placeDump(file, parseCgitDump(file, text), index);
    if (!isOneLine(text)) return placeDump(file, parsePlainDump(file, text), index);
    const asPlain = placeDump(file, parsePlainDump(file, text), index);
    if (asPlain.dump.status === 'exact') return unlessAmbiguous(asPlain, text, index);
    return placeDump(file, parseFlatDump(file, text), index);
  } catch (error) {
    if (error instanceof DumpError) return unreadableDump(file, text, error);
    throw error;
  }
}
