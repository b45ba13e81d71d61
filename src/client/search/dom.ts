/** Building the search page's elements, and putting Pagefind's HTML strings on it as text. */

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  e.append(...children);
  return e;
}

/** Pagefind's strings are HTML text (entities kept as written on the page): parsed inertly, kept as text. */
export function plainText(html: string): string {
  return new DOMParser().parseFromString(`<body>${html}`, 'text/html').body.textContent ?? '';
}

/** An excerpt as text nodes and `<mark>` elements only. */
export function excerptNodes(html: string): DocumentFragment {
  const out = document.createDocumentFragment();
  const walk = (node: Node) => {
    for (const c of Array.from(node.childNodes)) {
      if (c.nodeType === Node.TEXT_NODE) out.append(c.textContent ?? '');
      else if (c.nodeName === 'MARK') out.append(el('mark', {}, c.textContent ?? ''));
      else walk(c);
    }
  };
  walk(new DOMParser().parseFromString(`<body>${html}`, 'text/html').body);
  return out;
}
