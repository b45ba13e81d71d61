/**
 * A small reader of the `_redirects` format (Netlify, Cloudflare Pages), to apply the rules the
 * build writes the way those hosts do: lines `<from> <to> [status]`, `#` comments; `:name` in
 * `from` matches one path segment and `*` the rest (`:splat` in `to`); the query string is not
 * matched; the first rule that matches wins.
 */
export interface Rule {
  readonly from: string;
  readonly to: string;
  readonly status: number;
  readonly match: RegExp;
}

export function readRedirects(text: string): Rule[] {
  const rules: Rule[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const [from, to, status, ...rest] = line.split(/\s+/);
    if (from === undefined || to === undefined || rest.length > 0) throw new Error(`_redirects: cannot read “${line}”`);
    const pattern = from
      .split(/(:[A-Za-z]\w*|\*)/)
      .map((part) => (part === '*' ? '(?<splat>.*)' : /^:[A-Za-z]\w*$/.test(part) ? `(?<${part.slice(1)}>[^/]+)` : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
      .join('');
    rules.push({ from, to, status: status === undefined ? 301 : Number(status), match: new RegExp(`^${pattern}$`) });
  }
  return rules;
}

/** Where a request for `pathAndQuery` is sent, or `null` when no rule matches (the host serves the file or its 404 page). */
export function applyRedirects(rules: readonly Rule[], pathAndQuery: string): { to: string; status: number; rule: Rule } | null {
  const pathname = pathAndQuery.replace(/[?#].*$/, '');
  for (const rule of rules) {
    const m = rule.match.exec(pathname);
    if (!m) continue;
    const to = rule.to.replace(/:([A-Za-z]\w*)/g, (whole, name: string) => m.groups?.[name] ?? whole);
    return { to, status: rule.status, rule };
  }
  return null;
}
