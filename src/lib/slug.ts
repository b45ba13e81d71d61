/**
 * URL segments of names that come from the tree (run, model and label names, report ids): the one
 * rule for them. A segment depends only on the name (and, for the rare plain collision below, on
 * the other names of its kind), never on order or folder placement, so a URL once published keeps
 * working. Browser-safe (no node: imports): the legacy-link resolver uses it too.
 *
 * Plain names keep the URL they always had:
 *   run   `mode-deepseek-r1:32b` → `mode-deepseek-r1-32b`, `zero-shot/105` → `zero-shot-105`
 *   model `deepseek-r1:32b` → `deepseek-r1-32b`, `MoritzLaurer/deberta-v3` → `moritzlaurer-deberta-v3`
 *   label `operating system` → `operating_system`, `TCG-arm` → `TCG-arm` (case kept: `KVM` and
 *         `kvm` sit side by side in one run)
 *   id    `2469` → `2469`, `gitlab_semantic_rorx` → `gitlab_semantic_rorx`
 *
 * Plain means: ASCII letters, digits, `.`, `_`, `-` (runs and models: with `:` and `/` between
 * parts, and lower-cased in the URL; labels: spaces too, but no `_`), starting with a letter or digit (ids: or `_`),
 * no `..`, not ending in `.html`/`.htm` (a server would take it for a file: an id `index.html`
 * would be the source list's own file), at most 100 characters, and not a name the site itself
 * writes where the segment goes (`siteNameUse`: a file name such as `verdicts.csv` or `matrix.csv`,
 * a pager's `page`, a run's list of its labels `labels`, Astro's `_astro`, Pagefind's `pagefind`, or one of a report page's own
 * section ids such as `verdicts`, `classified-1`, `without-comments`, since a run's segment is
 * also the id of its section there).
 *
 * Any other name gets `<readable>~<hash>`:
 *   readable: the name with accents dropped, each run of other characters one `-`, trimmed, at
 *             most 40 characters (runs and models lower-cased), `_` when nothing is left;
 *   hash:     10 hex digits of a 53-bit hash (cyrb53) of the name's UTF-8 bytes, so a name differing
 *             in one invisible character, or only in case, gets its own URL.
 *   id `a b` → `a-b~…`, id `index.html` → `index.html~…`, id of 200 characters → its first 40 + `~…`,
 *   run `x%2Fy` → `x-2fy~…`, run `a\u202eb` → `a-b~…`,
 *   label `a?b` → `a-b~…`, label `漢字` → `_~…`, label `a_b` → `a_b~…` (so it never
 *   takes `a b`'s `a_b`), label `verdicts.csv` → `verdicts.csv~…` (never the run's data file),
 *   run `verdicts` → `verdicts~…` (never the report page's Verdicts heading).
 * `~` never occurs in a plain segment, so a hashed URL never takes a plain name's; it needs no
 * percent-encoding (links and folder names are the same bytes) and fits any file-name limit.
 *
 * Runs and models only: two plain names can give one segment (`a:b` and `a-b`; `Case:1b` and
 * `case:1b`). Then the name first in code-unit order keeps it (`Case:1b` → `case-1b`) and the
 * others are hashed (`case:1b` → `case-1b~…`; `assignSegments`). Every name that
 * is not plain, or lost such a collision, is a finding of the build; its pages are still built.
 */
import { compare } from './order.ts';

export type NameKind = 'run' | 'model' | 'label' | 'id';

const MAX_PLAIN = 100;
const MAX_READABLE = 40;

const PLAIN: Readonly<Record<NameKind, RegExp>> = {
  run: /^[A-Za-z0-9][A-Za-z0-9._-]*(?:[:/][A-Za-z0-9._-]+)*$/,
  model: /^[A-Za-z0-9][A-Za-z0-9._-]*(?:[:/][A-Za-z0-9._-]+)*$/,
  label: /^[A-Za-z0-9][A-Za-z0-9 .-]*$/,
  id: /^[A-Za-z0-9_][A-Za-z0-9._-]*$/,
};

/**
 * What the site itself writes, by name, where a segment made from a tree name sits: the one list
 * every kind of name is held against (a name never gets a segment the site uses anywhere, so no
 * new page beside an old one can take a name's address). Compared without case (a host's file
 * system may fold it).
 */
const SITE_FILE = /\.(?:html?|csv|json|xml|txt|js|css|svg|pf_\w+)$/i;
const SITE_NAMES: ReadonlyMap<string, string> = new Map([
  ['page', 'pager folder (a list’s further pages)'],
  ['labels', 'list of a run’s labels (src/lib/paths.ts, runLabelsPagePath)'],
  ['_astro', 'folder of Astro’s assets'],
  ['pagefind', 'folder of the search index'],
  ['contested', 'page beside a task’s runs'],
  ['unanimous', 'page beside a task’s runs'],
  // A report page's own fragment ids (a run's segment is the id of its section there).
  ...['verdicts', 'agreement', 'text', 'text-heading', 'without-comments', 'curated-sets', 'history', 'history-h', 'history-at', 'note', 'note-heading', 'main', 'tree-stamp'].map(
    (n) => [n, 'section ids on a report page'] as const,
  ),
]);
/**
 * Families of a report page's own ids: lines, the texts a run classified, GitLab fields, curated
 * sets, history entries, and the ids of a rendered GitLab text (`user-content-fn-1`, headings).
 */
const SITE_ID_FAMILY = /^(?:l\d+|classified-\d+|field-.*|set-.*|history-.*|user-content-.*)$/;

/**
 * What the site uses a segment for, or undefined when it is free:
 *   `verdicts.csv` → `file names (.csv)`, `page` → `pager folder …`, `classified-2` → `section ids
 *   on a report page`, `kvm` → undefined.
 */
export function siteNameUse(segment: string): string | undefined {
  const s = segment.toLowerCase();
  // The site's own names beside tree names never hold a `~`; a hashed segment always does.
  if (s.includes('~')) return undefined;
  if (SITE_FILE.test(s)) return `file names (${s.slice(s.lastIndexOf('.'))})`;
  return SITE_NAMES.get(s) ?? (SITE_ID_FAMILY.test(s) ? 'section ids on a report page' : undefined);
}

/** The plain segment of a name, or `null` when the name is not plain. */
export function plainSegment(kind: NameKind, name: string): string | null {
  if (name.length > MAX_PLAIN || !PLAIN[kind].test(name) || name.includes('..')) return null;
  const segment = kind === 'label' ? name.replace(/ /g, '_') : kind === 'run' || kind === 'model' ? name.toLowerCase().replace(/[:/]/g, '-') : name;
  return siteNameUse(segment) === undefined ? segment : null;
}

/** `<readable>~<hash>`: the segment of a name that is not plain (or lost a plain collision). */
export function hashedSegment(kind: NameKind, name: string): string {
  let readable = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/\.{2,}/g, '.')
    .replace(/^[-.]+|[-.]+$/g, '');
  if (kind === 'run' || kind === 'model') readable = readable.toLowerCase();
  readable = readable.slice(0, MAX_READABLE).replace(/[-.]+$/, '');
  return `${readable || '_'}~${nameHash(name)}`;
}

/** The segment of one name, without looking at other names (see `assignSegments` for runs and models). */
export function nameSegment(kind: NameKind, name: string): string {
  return plainSegment(kind, name) ?? hashedSegment(kind, name);
}

export interface SegmentNote {
  readonly name: string;
  readonly segment: string;
  /** Why the name did not get a plain segment. */
  readonly reason: string;
}

/**
 * Segments for a set of names of one kind, unique: plain names keep their plain segment unless a
 * name earlier in code-unit order has it already. `notes` names every name that is not plain.
 */
export function assignSegments(kind: NameKind, names: Iterable<string>): { segments: Map<string, string>; notes: SegmentNote[] } {
  const segments = new Map<string, string>();
  const notes: SegmentNote[] = [];
  const owner = new Map<string, string>();
  for (const name of [...new Set(names)].sort(compare)) {
    const plain = plainSegment(kind, name);
    if (plain !== null && !owner.has(plain)) {
      owner.set(plain, name);
      segments.set(name, plain);
      continue;
    }
    const segment = hashedSegment(kind, name);
    segments.set(name, segment);
    notes.push({
      name,
      segment,
      reason: plain !== null ? `its URL name ${plain} is taken by ${JSON.stringify(owner.get(plain))}` : describeOddities(name),
    });
  }
  return { segments, notes };
}

/** Characters that look like nothing or reorder text: a name holding one reads as another name. */
export const LOOK_ALIKE = /[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0]/gu;

/** Why a name is not plain, in words (`kind` `id`: a `/` is one of the reasons, as it is not in a run's name). */
export function describeOddities(name: string, kind?: NameKind): string {
  const parts: string[] = [];
  if (new RegExp(LOOK_ALIKE.source, 'u').test(name)) parts.push('invisible or direction-changing characters');
  if (/[\u0000-\u001f\u007f]/.test(name)) parts.push('control characters');
  if (/[^\u0000-\u007f]/.test(name)) parts.push('characters beyond ASCII');
  if (name.length > MAX_PLAIN) parts.push(`${name.length} characters`);
  if (name.includes('..')) parts.push('".."');
  const odd = [...new Set(name.match(/[\u0021-\u007e]/g) ?? [])].filter((c) => !/[A-Za-z0-9.:/-]/.test(c));
  if (kind === 'id' && name.includes('/')) odd.push('/');
  if (odd.length) parts.push(`the characters ${odd.map((c) => JSON.stringify(c)).join(' ')}`);
  if (/ /.test(name)) parts.push('spaces');
  const use = siteNameUse(name.replace(/ /g, '_').replace(/[:/]/g, '-'));
  if (use !== undefined) parts.push(`spelled like the site’s own ${use}`);
  return parts.length ? parts.join(', ') : 'not a plain name';
}

/** `mode-deepseek-r1:32b` → `mode-deepseek-r1-32b`; `zero-shot/105` → `zero-shot-105` (one name alone). */
export function runSlug(runName: string): string {
  return nameSegment('run', runName);
}

/** `deepseek-r1:32b` → `deepseek-r1-32b`; `facebook/bart-large-mnli` → `facebook-bart-large-mnli` (one name alone). */
export function modelSlug(modelName: string): string {
  return nameSegment('model', modelName);
}

/** `operating system` → `operating_system`, `KVM` → `KVM`; labels never collide (no `_` in a plain label). */
export function labelSlug(label: string): string {
  return nameSegment('label', label);
}

/** A report id's path segment: `2469` → `2469`; `a b` → `a-b~…` (also the content files' stem). */
export function idSlug(id: string): string {
  return nameSegment('id', id);
}

/** cyrb53 (a public-domain 53-bit string hash) over UTF-8 bytes, as 10 hex digits (40 bits). */
function nameHash(name: string): string {
  const bytes = new TextEncoder().encode(name);
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (const b of bytes) {
    h1 = Math.imul(h1 ^ b, 2654435761);
    h2 = Math.imul(h2 ^ b, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  const n = 4294967296 * (2097151 & h2) + (h1 >>> 0);
  return n.toString(16).padStart(14, '0').slice(-10);
}
