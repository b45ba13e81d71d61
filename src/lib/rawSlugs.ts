/**
 * Where a file of no known layout is published: `raw/<slug>.txt` (and its data in
 * `raw-data/<slug>.json`). The slug is the tree path with each segment made path-safe:
 *   `results/classifier/odd dir/x?.md` → `classifier/odd-dir/x-.md`
 * Two paths can give one slug (`a b/c`, `a-b/c`), and one file's published name can be another's
 * folder (`extra/notes` is published as `raw/extra/notes.txt`, the folder of
 * `extra/notes.txt/readme`'s `raw/extra/notes.txt/readme.txt`; the same with `.json` for the data
 * files). The path first in code-unit order keeps the plain slug, except that a folder always keeps
 * its name; the other gets `-<8 hex digits of the path's SHA-1>` (never a `~`: `texts~/` is the
 * large texts'), and `notes` names it, for the build report.
 */
import { createHash } from 'node:crypto';
import { compare as cmp } from './order.ts';
import { hashedSegment } from './slug.ts';

/** The suffixes the published files add to a slug (`raw/<slug>.txt`, `raw-data/<slug>.json`). */
const PUBLISHED_SUFFIXES = ['.txt', '.json'] as const;

export interface RawSlugNote {
  readonly path: string;
  readonly slug: string;
  /** Why the path did not get its plain slug. */
  readonly reason: string;
}

function plainRawSlug(p: string): string {
  return (
    p
      .replace(/^results\//, '')
      .split('/')
      // A segment past 100 characters gets the stable short form of src/lib/slug.ts (a 255-byte
      // file name plus `.json` would pass the file-system limit).
      .map((seg) => (seg.length > 100 ? hashedSegment('id', seg) : seg.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^\.+/, '_') || '_'))
      .join('/')
  );
}

export function rawAddresses(paths: readonly string[]): { slugs: Map<string, string>; notes: RawSlugNote[] } {
  const sorted = [...new Set(paths)].sort(cmp);
  const plain = new Map(sorted.map((p) => [p, plainRawSlug(p)]));
  // Every folder the published files need, with the path that needs it first.
  const folders = new Map<string, string>();
  for (const [p, slug] of plain) {
    const parts = slug.split('/');
    for (let i = 1; i < parts.length; i++) {
      const folder = parts.slice(0, i).join('/');
      if (!folders.has(folder)) folders.set(folder, p);
    }
  }
  const slugs = new Map<string, string>();
  const notes: RawSlugNote[] = [];
  const used = new Map<string, string>();
  for (const p of sorted) {
    const base = plain.get(p)!;
    const folderOf = PUBLISHED_SUFFIXES.map((s) => folders.get(base + s)).find((f) => f !== undefined);
    const taken = used.get(base) ?? folderOf;
    let slug = base;
    if (taken !== undefined) {
      slug = `${base}-${createHash('sha1').update(p).digest('hex').slice(0, 8)}`;
      notes.push({
        path: p,
        slug,
        reason: used.has(base) ? `its address raw/${base}.txt is taken by ${taken}` : `its published name would be the folder of ${taken}'s`,
      });
    }
    used.set(slug, p);
    slugs.set(p, slug);
  }
  return { slugs, notes };
}

/** The slugs alone (see `rawAddresses`). */
export function rawSlugs(paths: readonly string[]): Map<string, string> {
  return rawAddresses(paths).slugs;
}
