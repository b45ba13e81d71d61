/**
 * A K-times results tree, pure part (the file walking is scripts/scaleTree.ts): every report is
 * copied K - 1 times under new ids, in every place that names it, so each run classifies K times
 * as many reports and the reader (src/lib/tree/) reads K times the reports and verdicts.
 *
 * - Scraped report files (GitLab TOML and text, semantic issues, Launchpad with and without
 *   comments, the mailing list, box64 and FEX): copied under the new id; a TOML's `id` names it.
 * - Every run's files (`<run>/[output|reasoning/]<label>/<id>`, the zero-shot iterations' label
 *   folders) and the curated sets' files: copied under the new id, in the same label folder.
 * - Change lists (`zero-shot/NNN/AAA-BBB`): each change line also for every copy, the header's
 *   count times K. `categories.csv` / `analysis.csv`: every count times K. A zero-shot README's
 *   `number_bugs` times K. (A table that disagreed with its folders still disagrees, K times.)
 * - Anything else (files of no known layout, page dumps kept in the tree) is kept once, as is.
 *
 * Copy 0 is the original, byte for byte. Copies are never byte-identical to it (so the dump
 * placer, which matches texts, and git blob ids tell them apart): a marker line
 * `[scaled copy k of <id>]` is added where the reader does not look for meaning: at the end of a
 * report text or a run's output (a title is a first line, scores come first), right after
 * `<think>` in a reasoning file (the label is the answer's last word; one without `<think>` gets
 * trailing blank lines instead, which the reader trims), at the end of a TOML as a
 * comment.
 *
 * New ids: an id of digits becomes `<k>` followed by the id padded with zeros to the tree's
 * longest id of digits (`2417` → `100002417` when the longest has 8 digits): still a number, as
 * upstream ids are, longer than any id of the tree, and distinct for every copy. Any other id gets
 * `-k<k>` (`gitlab_semantic_pdep` → `gitlab_semantic_pdep-k1`). `planIds` checks that no new id is
 * an id of the tree or another copy's.
 *
 * Bytes are edited as latin1 text (one char per byte), so files that are not UTF-8 stay as they are
 * except for the edit.
 */
import { classifyResultsPath, type PathInfo } from '../../src/lib/parse/resultsPath.ts';

const DIGITS = /^\d+$/;

/** How ids are renamed for a tree: the width digits are padded to. */
export interface IdPlan {
  readonly width: number;
}

/** The id a file of the tree names (a report, a verdict, a curated member), or undefined. */
export function idOfPath(info: PathInfo): string | undefined {
  switch (info.kind) {
    case 'gitlab-toml':
    case 'gitlab-text':
    case 'gitlab-semantic':
    case 'launchpad':
    case 'launchpad-without-comments':
    case 'mailinglist':
    case 'box64':
    case 'fex':
    case 'run-file':
    case 'curated':
      return info.id;
    default:
      return undefined;
  }
}

/** The id of copy `k` (k ≥ 1). */
export function copyId(id: string, k: number, plan: IdPlan): string {
  if (k < 1 || !Number.isInteger(k)) throw new Error(`copy ${k}: copies are numbered from 1`);
  return DIGITS.test(id) ? `${k}${id.padStart(plan.width, '0')}` : `${id}-k${k}`;
}

/**
 * The plan for a tree whose files name `ids` (report, run and change-list ids), checked: for
 * copies 1..K-1 every new id is new (not an id of the tree, not another copy's).
 */
export function planIds(ids: Iterable<string>, K: number): IdPlan {
  const all = new Set(ids);
  let width = 0;
  for (const id of all) if (DIGITS.test(id)) width = Math.max(width, id.length);
  const plan = { width };
  const made = new Map<string, string>();
  for (let k = 1; k < K; k++) {
    for (const id of all) {
      const n = copyId(id, k, plan);
      if (all.has(n)) throw new Error(`copy ${k} of id ${id} would be ${n}, an id the tree has`);
      const other = made.get(n);
      if (other !== undefined) throw new Error(`copy ${k} of id ${id} would be ${n}, as ${other} is`);
      made.set(n, `copy ${k} of ${id}`);
    }
  }
  return plan;
}

/** The tree path of copy `k` of a file that names an id (`info` is its classification), else undefined. */
export function copyPath(treePath: string, info: PathInfo, k: number, plan: IdPlan): string | undefined {
  const id = idOfPath(info);
  if (id === undefined) return undefined;
  const slash = treePath.lastIndexOf('/');
  const name = treePath.slice(slash + 1);
  const suffix = info.kind === 'gitlab-toml' ? '.toml' : '';
  if (name !== `${id}${suffix}`) throw new Error(`${treePath}: its name is not its id ${id}`);
  return `${treePath.slice(0, slash + 1)}${copyId(id, k, plan)}${suffix}`;
}

export function marker(id: string, k: number): string {
  return `[scaled copy ${k} of ${id}]`;
}

const latin1 = (b: Uint8Array) => Buffer.from(b).toString('latin1');
const bytes = (s: string) => Buffer.from(s, 'latin1');

/** Appends a line: after a final newline, or on a line of its own. */
function appendLine(text: string, line: string): string {
  return text.length === 0 || text.endsWith('\n') ? `${text}${line}\n` : `${text}\n${line}`;
}

/** The bytes of copy `k` of a file that names an id (see the module comment for where the marker goes). */
export function copyBytes(content: Uint8Array, info: PathInfo, k: number, plan: IdPlan): Buffer {
  const id = idOfPath(info);
  if (id === undefined) throw new Error(`${info.kind}: not a file that names an id`);
  const mark = marker(id, k);
  const text = latin1(content);
  if (info.kind === 'gitlab-toml') {
    const newId = copyId(id, k, plan);
    // `id = 2417` or `id = "2417"`: the same form with the new id (a string when it is not a number).
    const renamed = text.replace(/^(id\s*=\s*)(?:"([^"\n]*)"|'([^'\n]*)'|(\d+))([ \t]*(?:#[^\n]*)?\r?)$/m, (_m, head: string, dq?: string, sq?: string, num?: string, tail = '') => {
      if (num !== undefined && DIGITS.test(newId)) return `${head}${newId}${tail}`;
      if (dq !== undefined || num !== undefined) return `${head}"${newId}"${tail}`;
      return `${head}'${newId}'${tail}`;
    });
    return bytes(appendLine(renamed, `# ${mark}`));
  }
  if (info.kind === 'run-file' && info.half === 'reasoning') {
    const at = text.indexOf('<think>');
    if (at !== -1) {
      const after = at + '<think>'.length;
      return bytes(`${text.slice(0, after)}\n${mark}${text.slice(after)}`);
    }
    // No think block: the whole file is the answer, whose last word is the label (and an empty
    // answer has none): any visible marker would be part of it. The copy differs by trailing
    // blank lines (k + 1 of them), which the reader trims.
    return bytes(`${text}${'\n'.repeat(k + 1)}`);
  }
  return bytes(appendLine(text, mark));
}

/** `category, count` rows (categories.csv, analysis.csv) with every count times K, spacing kept. */
export function scaleCounts(content: Uint8Array, K: number): Buffer {
  const lines = latin1(content).split('\n');
  return bytes(lines.map((line) => line.replace(/^([^,]*,\s*)(\d+)(\s*)$/, (_m, head: string, n: string, tail: string) => `${head}${Number(n) * K}${tail}`)).join('\n'));
}

/** A change list with every change line also for copies 1..K-1 (after the originals) and the header's count times K. */
export function scaleChangeList(content: Uint8Array, K: number, plan: IdPlan): Buffer {
  const lines = latin1(content).split('\n');
  const CHANGE = /^(.+?): (.*?) -> (.*)$/;
  const out: string[] = [];
  let headerSeen = false;
  const changeLines: string[] = [];
  for (const line of lines) {
    const header = /^(\d+)( changes?:\s*\r?)$/.exec(line);
    if (header && !headerSeen && changeLines.length === 0) {
      headerSeen = true;
      out.push(`${Number(header[1]) * K}${header[2]}`);
      continue;
    }
    out.push(line);
    if (CHANGE.test(line.replace(/\r$/, ''))) changeLines.push(line);
  }
  // The copies' lines go where the file's last line was (before a final newline).
  const final = out.length > 0 && out[out.length - 1] === '' ? out.pop() : undefined;
  for (let k = 1; k < K; k++) {
    for (const line of changeLines) {
      const m = CHANGE.exec(line.replace(/\r$/, ''))!;
      const id = m[1]!.trim();
      out.push(line.replace(id, copyId(id, k, plan)));
    }
  }
  if (final !== undefined) out.push(final);
  return bytes(out.join('\n'));
}

/** The ids a change list's lines name (they count for the id plan: a copy must not take one). */
export function changeListIds(content: Uint8Array): string[] {
  return latin1(content)
    .split('\n')
    .flatMap((line) => {
      const m = /^(.+?): (.*?) -> (.*)$/.exec(line.replace(/\r$/, ''));
      return m ? [m[1]!.trim()] : [];
    });
}

/** A zero-shot README with `number_bugs` times K. */
export function scaleReadme(content: Uint8Array, K: number): Buffer {
  return bytes(latin1(content).replace(/^(\s*number_bugs\s*=\s*)(\d+)/m, (_m, head: string, n: string) => `${head}${Number(n) * K}`));
}

/** What becomes of one file of the tree in the K-times tree. */
export type FilePlan =
  | { readonly kind: 'copies'; readonly info: PathInfo }
  | { readonly kind: 'counts' | 'change-list' | 'readme' }
  | { readonly kind: 'as-is' };

export function planFile(treePath: string): FilePlan {
  const info = classifyResultsPath(treePath);
  if (idOfPath(info) !== undefined) return { kind: 'copies', info };
  if (info.kind === 'run-categories' || info.kind === 'run-analysis') return { kind: 'counts' };
  if (info.kind === 'change-list') return { kind: 'change-list' };
  if (info.kind === 'run-readme') return { kind: 'readme' };
  return { kind: 'as-is' };
}

/**
 * Every file of the K-times tree made from one file (`treePath`, its bytes): tree path → bytes,
 * or `'link'` where the file is the original as it is (the walker hard-links it).
 */
export function scaledFiles(treePath: string, content: Uint8Array, K: number, plan: IdPlan): Map<string, Uint8Array | 'link'> {
  const out = new Map<string, Uint8Array | 'link'>();
  const filePlan = planFile(treePath);
  if (K === 1) {
    out.set(treePath, 'link');
    return out;
  }
  switch (filePlan.kind) {
    case 'copies':
      out.set(treePath, 'link');
      for (let k = 1; k < K; k++) out.set(copyPath(treePath, filePlan.info, k, plan)!, copyBytes(content, filePlan.info, k, plan));
      break;
    case 'counts':
      out.set(treePath, scaleCounts(content, K));
      break;
    case 'change-list':
      out.set(treePath, scaleChangeList(content, K, plan));
      break;
    case 'readme':
      out.set(treePath, scaleReadme(content, K));
      break;
    case 'as-is':
      out.set(treePath, 'link');
      break;
  }
  return out;
}
