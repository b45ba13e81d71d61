/** One search hit as a list item: title, key, the filtered runs' verdicts, excerpt, best sections. */
import { VERDICT_SEPARATOR, type SearchState } from '../../lib/search/state.ts';
import { el, excerptNodes, plainText } from './dom.ts';
import type { PagefindResult } from './pagefind.ts';

export async function resultItem(r: PagefindResult, s: SearchState): Promise<HTMLLIElement> {
  const d = await r.data();
  const title = plainText(d.meta.title ?? d.url) || d.url;
  const item = el('li', { class: 'hit' }, el('a', { class: 'hit-title', href: d.url }, title));
  if (d.meta.key) item.append(' ', el('span', { class: 'hit-key' }, plainText(d.meta.key)));
  // With a run filter, what that run said.
  const runs = s.filters.run ?? [];
  const said = (d.filters.verdict ?? []).filter((v) => runs.some((run) => v.startsWith(`${run}${VERDICT_SEPARATOR}`)));
  if (said.length) item.append(el('p', { class: 'hit-verdicts' }, said.join(' · ')));
  if (d.excerpt) item.append(el('p', { class: 'hit-excerpt' }, excerptNodes(d.excerpt)));
  // Sections with the most hits (a run's verdict and reasoning, the report text…), in page order.
  const subs = d.sub_results
    .filter((sub) => sub.anchor !== undefined && sub.url !== d.url && sub.locations.length > 0)
    .sort((a, b) => b.locations.length - a.locations.length)
    .slice(0, 3)
    .sort((a, b) => (a.anchor?.location ?? 0) - (b.anchor?.location ?? 0));
  if (subs.length) {
    item.append(
      el(
        'ul',
        { class: 'hit-subs' },
        ...subs.map((sub) => el('li', {}, el('a', { class: 'hit-sub', href: sub.url }, plainText(sub.title) || sub.url), ' ', el('span', { class: 'hit-excerpt' }, excerptNodes(sub.excerpt)))),
      ),
    );
  }
  return item;
}
