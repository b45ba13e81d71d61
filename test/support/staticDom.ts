/**
 * A built page read as the HTML it is served as (htmlparser2's DOM, queried with CSS selectors by
 * css-select), for the checks of what a page's HTML says: the same queries as in a browser, with
 * no browser to start and no page to lay out. Checks of what a reader sees or does (layout,
 * scripts, focus, axe) stay in Chromium.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { selectAll, selectOne } from 'css-select';
import { DomUtils, parseDocument } from 'htmlparser2';

export type StaticDocument = ReturnType<typeof parseDocument>;
export type StaticElement = ReturnType<typeof DomUtils.findAll>[number];

/** The page at `rel` below `dist` (a folder's `index.html` for a path ending in `/`). */
export function readPage(dist: string, rel: string): StaticDocument {
  const file = path.join(dist, rel.endsWith('/') || rel === '' ? `${rel}index.html` : rel);
  return parseDocument(readFileSync(file, 'utf8'));
}

export const all = (selector: string, root: StaticDocument | StaticElement): StaticElement[] => selectAll<StaticElement, StaticElement>(selector, root as StaticElement);

/** The one element `selector` finds; an error naming the selector when there is none. */
export function one(selector: string, root: StaticDocument | StaticElement): StaticElement {
  const found = selectOne<StaticElement, StaticElement>(selector, root as StaticElement);
  if (!found) throw new Error(`no element matches ${selector}`);
  return found;
}

/** An element's text, as the DOM's `textContent` gives it. */
export const text = (el: StaticElement): string => DomUtils.textContent(el);
