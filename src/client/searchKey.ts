/**
 * `/` on any page: focus the search box when the page has one, otherwise open `<base>search/`
 * (whose box has autofocus). Ignored while typing in a field or with a modifier key.
 */
// Astro's BASE_URL is already normaliseBase(SITE_BASE) (astro.config.mjs, src/lib/paths.ts); browser
// scripts do not import paths.ts for it, so this page's script stays small and inline.
const SEARCH = `${import.meta.env.BASE_URL.replace(/\/?$/, '/')}search/`;

document.addEventListener('keydown', (e) => {
  if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
  const t = e.target;
  if (t instanceof HTMLElement && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
  e.preventDefault();
  const box = document.getElementById('search-q');
  if (box) box.focus();
  else location.assign(SEARCH);
});
