/**
 * What Pagefind itself indexes from some HTML documents: they are indexed in memory with its Node
 * API and its fragment files read back (each is gzip'd JSON after a `pagefind_dcd` header, as
 * pagefind.js decodes them in the browser). Fragments carry a page's text as indexed, its word
 * count, filters, meta and anchors (an element with an id, its text and the word it starts at).
 */
import { gunzipSync } from 'node:zlib';
import * as pagefind from 'pagefind';

export interface PagefindFragment {
  readonly url: string;
  readonly content: string;
  readonly word_count: number;
  readonly filters: Readonly<Record<string, readonly string[]>>;
  readonly meta: Readonly<Record<string, string>>;
  readonly anchors: readonly { readonly element: string; readonly id: string; readonly text: string; readonly location: number }[];
}

const HEADER = 'pagefind_dcd';

/** Pagefind's fragment of each document, by URL. */
export async function pagefindFragments(docs: readonly { readonly url: string; readonly html: string }[]): Promise<Map<string, PagefindFragment>> {
  const { index, errors } = await pagefind.createIndex({ forceLanguage: 'en' });
  if (!index) throw new Error(`pagefind: ${errors.join('; ')}`);
  try {
    for (const d of docs) {
      const added = await index.addHTMLFile({ url: d.url, content: d.html });
      if (added.errors.length) throw new Error(`pagefind could not index ${d.url}: ${added.errors.join('; ')}`);
    }
    const { files, errors: fileErrors } = await index.getFiles();
    if (fileErrors.length) throw new Error(`pagefind: ${fileErrors.join('; ')}`);
    const out = new Map<string, PagefindFragment>();
    for (const f of files) {
      if (!f.path.startsWith('fragment/')) continue;
      const raw = gunzipSync(f.content);
      if (raw.subarray(0, HEADER.length).toString('latin1') !== HEADER) throw new Error(`${f.path}: no ${HEADER} header`);
      const fragment = JSON.parse(raw.subarray(HEADER.length).toString('utf8')) as PagefindFragment;
      out.set(fragment.url, fragment);
    }
    return out;
  } finally {
    await index.deleteIndex();
  }
}

export const closePagefind = (): Promise<null> => pagefind.close();
