/**
 * Reading a results tree (and page dumps) from disk: walk, read, place the dumps, hand
 * everything to the pure assembler.
 */
import path from 'node:path';
import { buildTreeTextIndex, classifyDumpFile, detectDumpStyle, flattenForMatch, type PlacedDump, type TreeTextIndex } from '../dumps/index.ts';
import type { Dump, Finding, Provenance, RawFile, ResultsModel } from '../model.ts';
import { classifyResultsPath } from '../parse/resultsPath.ts';
import { assembleModel } from './assemble.ts';
import type { SourceFile } from './types.ts';
import { findResultsRoot, listFiles, loadFiles, readLazily, skippedFinding, type LoadedFile, type SkippedEntry } from './walk.ts';
import { lazyField } from './lazy.ts';

export interface ReadOptions {
  /** A folder of page dumps to read beside the tree (or instead of it). */
  readonly dumpsDir?: string;
  /** Blob id → flat key memo for placing flat dumps (see buildTreeTextIndex); filled as keys are made. */
  readonly flatKeys?: Map<string, string>;
}

/** Files a dumps folder may hold that describe the dumps rather than being dumps. */
const DUMPS_FOLDER_DOCS = new Set(['README.md', 'key.tsv']);

export function treeSourceFile(file: LoadedFile): SourceFile {
  const provenance: Provenance = { path: file.treePath, blob: file.blob, via: 'tree' };
  return withProvenance(file, [provenance]);
}

/** `file` with `provenance`; its text is still read at use (a spread would read it now and keep it). */
function withProvenance(file: Omit<SourceFile, 'provenance'>, provenance: readonly Provenance[]): SourceFile {
  const out = {
    treePath: file.treePath,
    blob: file.blob,
    ...(file.undecodable ? { undecodable: true } : {}),
    ...(file.oddities ? { oddities: file.oddities } : {}),
    ...(file.kept ? { kept: file.kept } : {}),
    ...(file.synthetic ? { synthetic: true } : {}),
    provenance,
  };
  return lazyField(out, 'text', () => file.text);
}

/** `dir` is a results tree (or a folder holding one); it may be undefined when only dumps are given. */
export async function readResultsTree(dir: string | undefined, options: ReadOptions = {}): Promise<ResultsModel> {
  if (dir === undefined && options.dumpsDir === undefined) throw new Error('nothing to read: give a results tree, a dumps folder, or both');
  const root = dir !== undefined ? findResultsRoot(dir) : undefined;
  const skippedInTree: SkippedEntry[] = [];
  // The tree's texts are read at use (src/lib/tree/lazy.ts); the dumps' (small) are kept.
  const treeFiles = root ? readLazily(root, listFiles(root, skippedInTree), 'results/') : [];
  const findings: Finding[] = skippedInTree.map((e) => skippedFinding(e, 'results/'));
  const skipped: Record<string, number> = {};
  for (const e of skippedInTree) skipped[e.kind] = (skipped[e.kind] ?? 0) + 1;

  let dumpFolderFiles: LoadedFile[] = [];
  if (options.dumpsDir !== undefined) {
    const skippedInDumps: SkippedEntry[] = [];
    const names = listFiles(options.dumpsDir, skippedInDumps);
    findings.push(...skippedInDumps.map((e) => skippedFinding(e, '')));
    for (const e of skippedInDumps) skipped[e.kind] = (skipped[e.kind] ?? 0) + 1;
    for (const name of names.filter((n) => DUMPS_FOLDER_DOCS.has(path.basename(n)))) {
      findings.push({ path: name, severity: 'info', message: 'documentation of the dumps folder, not read as a dump' });
    }
    dumpFolderFiles = loadFiles(options.dumpsDir, names.filter((n) => !DUMPS_FOLDER_DOCS.has(path.basename(n))), '');
  }
  return assembleWithDumps(root ?? options.dumpsDir!, treeFiles, dumpFolderFiles, findings, options.flatKeys, skipped);
}

/**
 * Dumps are recognised by content wherever they sit: every file of a dumps folder is one, and
 * inside the tree a file of no known layout is one when it shows cgit chrome or its text is a
 * tree file's. A placed dump whose file the tree has adds a provenance to it; one the tree lacks
 * stands in for the file (so a folder of dumps alone rebuilds a tree).
 */
export function assembleWithDumps(
  root: string,
  treeFiles: readonly LoadedFile[],
  dumpFolderFiles: readonly LoadedFile[],
  findings: Finding[],
  flatKeys?: Map<string, string>,
  /** Entries that are not regular files, per kind (`symlink`, `fifo`, …): counted as inputs, never read. */
  skipped: Readonly<Record<string, number>> = {},
): ResultsModel {
  const pathInfo = new Map(treeFiles.map((f) => [f.treePath, classifyResultsPath(f.treePath)]));
  const recognized = treeFiles.filter((f) => pathInfo.get(f.treePath)!.kind !== 'unrecognized');
  const index: TreeTextIndex | undefined = treeFiles.length > 0 ? buildTreeTextIndex(recognized.map((f) => ({ path: f.treePath, blob: f.blob, get text() { return f.text; } })), flatKeys) : undefined;

  const placed: PlacedDump[] = [];
  const dumpPathsInTree = new Set<string>();
  for (const f of treeFiles) {
    if (pathInfo.get(f.treePath)!.kind !== 'unrecognized') continue;
    const result = classifyDumpFile(f.treePath, f.text, index);
    if (detectDumpStyle(f.text) !== null || result.dump.status !== 'unplaced') {
      placed.push(result);
      dumpPathsInTree.add(f.treePath);
    }
  }
  for (const f of dumpFolderFiles) placed.push(classifyDumpFile(f.treePath, f.text, index));

  const files = new Map<string, SourceFile>();
  for (const f of treeFiles) if (!dumpPathsInTree.has(f.treePath)) files.set(f.treePath, treeSourceFile(f));
  const raw: RawFile[] = [];
  for (const { dump, findings: dumpFindings } of placed) {
    findings.push(...dumpFindings);
    const other = mergeDump(dump, files);
    if (other === undefined) continue;
    // A dump and a file (or an earlier dump) claim one path with other content: the page is built
    // from the file that holds the path, the dump's text is published raw, and the finding names both.
    const rawPath = dumpPathsInTree.has(dump.file) ? dump.file : `dumps/${dump.file}`;
    raw.push({ path: rawPath, blob: dump.blob, text: dump.text });
    findings.push({
      path: dump.file,
      severity: 'warning',
      message: `the page dump ${dump.file} shows ${dump.path} with other content (blob ${dump.blob}) than ${other.via === 'tree' ? 'the tree’s file' : `the page dump ${other.dumpFile ?? ''}`} (blob ${other.blob}): the page is built from ${other.via === 'tree' ? `the tree’s ${dump.path}` : `${other.dumpFile ?? ''}`}; the dump’s text is published raw as ${rawPath}`,
    });
  }
  return assembleModel({
    root,
    files: [...files.values()],
    dumps: placed.map((p) => p.dump),
    raw,
    findings,
    pathInfo,
    inputTotal: treeFiles.length + dumpFolderFiles.length + Object.values(skipped).reduce((a, b) => a + b, 0),
    extraLayouts: { ...(placed.length > 0 ? { dump: placed.length } : {}), ...Object.fromEntries(Object.entries(skipped).map(([kind, n]) => [`not read: ${kind}`, n])) },
  });
}

/**
 * Puts a placed dump in: a provenance of the file at its path when that holds the same content
 * (the same bytes, the blob the page shows, or the same text once flattened: what a page dump
 * loses), else the file itself when no file holds the path. Returns what holds the path when that
 * has other content (the dump is then not its provenance).
 */
function mergeDump(dump: Dump, files: Map<string, SourceFile>): Provenance | undefined {
  if (dump.path === null) return undefined;
  const provenance: Provenance = { path: dump.path, blob: dump.blob, via: 'dump', dumpFile: dump.file, exact: dump.status === 'exact' };
  const existing = files.get(dump.path);
  if (existing) {
    const same = existing.blob === dump.blob || existing.blob === dump.shownBlob || flattenForMatch(existing.text) === flattenForMatch(dump.text);
    if (!same) return existing.provenance[0]!;
    files.set(dump.path, withProvenance(existing, [...existing.provenance, provenance]));
    return undefined;
  }
  files.set(dump.path, { treePath: dump.path, text: dump.text, blob: dump.blob, provenance: [provenance], synthetic: true });
  return undefined;
}
