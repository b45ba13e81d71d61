/**
 * GitLab markdown (description / reproduce / additional) → sanitised HTML, rendered once at
 * content-writing time and cached on disk (`.cache/render/<sha256>.html`, keyed by renderer
 * version + input text), so Astro never parses corpus markdown.
 *
 * Pipeline: remark-parse + remark-gfm → raw HTML nodes turned into TEXT (so `<script>` shows as
 * the word, never runs and never vanishes) → remark-rehype → rehype-sanitize (GitHub schema:
 * drops `javascript:` links, event handlers, prefixes ids with `user-content-`, the one place ids
 * get it: remark-rehype makes footnote ids without a prefix and headings get GitLab's anchors
 * before it) → in-page links resolved (`rehypeInPageLinks`) → our rewrites
 * (root- and plain-relative GitLab links made absolute on the project, images turned into links: the archive loads nothing
 * from elsewhere, external links get `rel`) → shiki on fenced code of a fixed language set →
 * rehype-stringify. Shiki runs AFTER sanitising: it only turns code text into escaped spans.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { remark } from 'remark';
import remarkGfm from 'remark-gfm';
import remarkRehype from 'remark-rehype';
import rehypeSanitize from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import { createHighlighterCoreSync, type HighlighterCore } from 'shiki/core';
import { createJavaScriptRegexEngine } from 'shiki/engine/javascript';
import asm from 'shiki/langs/asm.mjs';
import c from 'shiki/langs/c.mjs';
import cpp from 'shiki/langs/cpp.mjs';
import diff from 'shiki/langs/diff.mjs';
import ini from 'shiki/langs/ini.mjs';
import json from 'shiki/langs/json.mjs';
import log from 'shiki/langs/log.mjs';
import make from 'shiki/langs/make.mjs';
import python from 'shiki/langs/python.mjs';
import shellscript from 'shiki/langs/shellscript.mjs';
import shellsession from 'shiki/langs/shellsession.mjs';
import yaml from 'shiki/langs/yaml.mjs';
import githubDarkDefault from 'shiki/themes/github-dark-default.mjs';
import githubLightDefault from 'shiki/themes/github-light-default.mjs';
import { CONTINUE, SKIP, visit } from 'unist-util-visit';
import { settings } from '../settings.ts';

/** Bump when the output of the pipeline changes: invalidates the disk cache. */
export const RENDERER_VERSION = 'md-9';

const GITLAB_PROJECT = 'https://gitlab.com/qemu-project/qemu';

/** Fence info → loaded shiki language. Anything else stays plain (sanitised `<pre><code>`). */
const LANG_ALIASES: Readonly<Record<string, string>> = {
  c: 'c',
  h: 'c',
  cpp: 'cpp',
  'c++': 'cpp',
  cc: 'cpp',
  sh: 'shellscript',
  bash: 'shellscript',
  shell: 'shellscript',
  shellscript: 'shellscript',
  zsh: 'shellscript',
  console: 'shellsession',
  shellsession: 'shellsession',
  diff: 'diff',
  patch: 'diff',
  asm: 'asm',
  assembly: 'asm',
  nasm: 'asm',
  s: 'asm',
  python: 'python',
  py: 'python',
  json: 'json',
  yaml: 'yaml',
  yml: 'yaml',
  make: 'make',
  makefile: 'make',
  ini: 'ini',
  log: 'log',
};

/** GitHub's "default" (Primer) pair: unlike github-light/-dark, every token colour keeps WCAG AA contrast. */
const CODE_THEMES = { light: 'github-light-default', dark: 'github-dark-default' } as const;

let highlighter: HighlighterCore | undefined;

/**
 * The highlighter, made on first use: a build whose markdown all comes from the render cache
 * never compiles a grammar (the first highlight per language compiles its regular expressions).
 */
function getHighlighter(): HighlighterCore {
  if (highlighter === undefined) {
    highlighter = createHighlighterCoreSync({
      themes: [githubLightDefault, githubDarkDefault],
      langs: [c, cpp, shellscript, shellsession, diff, asm, python, json, yaml, make, ini, log],
      engine: createJavaScriptRegexEngine({ forgiving: true }),
    });
    // With two themes, the first highlight in a language of a fresh highlighter can give some
    // tokens the wrong light colour (later ones are right): a throw-away call per language makes
    // every render the same.
    for (const lang of highlighter.getLoadedLanguages()) highlighter.codeToHast('x', { lang, themes: CODE_THEMES });
  }
  return highlighter;
}

// Minimal hast/mdast shapes: the few fields the plugins below read or write.
interface Node {
  type: string;
  value?: string;
  tagName?: string;
  properties?: Record<string, unknown>;
  children?: Node[];
  // mdast references and definitions
  identifier?: string;
  label?: string;
  url?: string;
  title?: string | null;
}

/** The text of a node: its text nodes, in document order. */
function textOf(node: Node): string {
  let text = '';
  visit(node, 'text', (t: Node) => {
    text += t.value ?? '';
  });
  return text;
}

/** remark: raw HTML (block or inline) becomes literal text. */
function remarkHtmlAsText() {
  return (tree: Node) => {
    visit(tree, 'html', (c: Node, i: number | undefined, n: Node | undefined) => {
      if (n === undefined || i === undefined) return;
      // A block of raw HTML at block level becomes a paragraph of text; inline stays inline.
      n.children![i] =
        n.type === 'root' || n.type === 'blockquote' || n.type === 'listItem'
          ? { type: 'paragraph', children: [{ type: 'text', value: c.value ?? '' }] }
          : { type: 'text', value: c.value ?? '' };
    });
  };
}

/**
 * remark: what markdown would drop, kept as written. A footnote no text refers to and a link
 * definition no link uses render as nothing in CommonMark/GFM; here each becomes a paragraph of
 * its own text (`[^note]: …`, `[ref]: https://… "title"`), so nothing written vanishes.
 */
function remarkKeepUnused() {
  return (tree: Node) => {
    const used = { footnote: new Set<string>(), definition: new Set<string>() };
    visit(tree, (n: Node) => {
      if (n.type === 'footnoteReference' && n.identifier) used.footnote.add(n.identifier);
      if ((n.type === 'linkReference' || n.type === 'imageReference') && n.identifier) used.definition.add(n.identifier);
    });
    visit(tree, (n: Node, i: number | undefined, parent: Node | undefined) => {
      if (parent === undefined || i === undefined) return CONTINUE;
      if (n.type === 'footnoteDefinition' && !used.footnote.has(n.identifier ?? '')) {
        const [first, ...rest] = n.children ?? [];
        const lead: Node = { type: 'text', value: `[^${n.label ?? n.identifier}]: ` };
        const head: Node = first?.type === 'paragraph' ? { ...first, children: [lead, ...(first.children ?? [])] } : { type: 'paragraph', children: [lead] };
        parent.children!.splice(i, 1, head, ...(first?.type === 'paragraph' ? rest : (first ? [first, ...rest] : [])));
        return [SKIP, i + 1];
      }
      if (n.type === 'definition' && !used.definition.has(n.identifier ?? '')) {
        const title = n.title ? ` ${JSON.stringify(n.title)}` : '';
        parent.children![i] = { type: 'paragraph', children: [{ type: 'text', value: `[${n.label ?? n.identifier}]: ${n.url ?? ''}${title}` }] };
        return SKIP;
      }
      return CONTINUE;
    });
  };
}

/** The prefix rehype-sanitize puts on every id (and every id reference) of a rendered text. */
export const ID_PREFIX = 'user-content-';

/**
 * GitLab's anchor of a heading (its `TableOfContentsFilter`): the text lower-cased, every
 * character that is not a letter, mark, digit, connector, `-` or space dropped, spaces → `-`,
 * runs of `-` one. `USE flags \`app-emulation/qemu\`` → `use-flags-app-emulationqemu`.
 */
export function gitlabAnchor(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, '')
    .replace(/ /g, '-')
    .replace(/-{2,}/g, '-');
}

/** The ids of a hast tree. */
function idsOf(tree: Node): Set<string> {
  const ids = new Set<string>();
  visit(tree, 'element', (e: Node) => {
    if (typeof e.properties?.id === 'string') ids.add(e.properties.id);
  });
  return ids;
}

/**
 * rehype, before sanitising: each heading gets GitLab's anchor as its id (a second heading of the
 * same anchor `-1`, `-2`, as GitLab counts), so a link written for GitLab (`[below](#host-environment)`)
 * finds it here. Sanitising then prefixes it like every other id.
 */
function rehypeHeadingIds() {
  return (tree: Node) => {
    const taken = idsOf(tree);
    const seen = new Map<string, number>();
    visit(tree, 'element', (e: Node) => {
      if (!/^h[1-6]$/.test(e.tagName ?? '') || e.properties?.id !== undefined) return;
      const anchor = gitlabAnchor(textOf(e));
      if (anchor === '') return;
      let n = seen.get(anchor) ?? 0;
      let id = n === 0 ? anchor : `${anchor}-${n}`;
      while (taken.has(id)) id = `${anchor}-${++n}`;
      seen.set(anchor, n + 1);
      taken.add(id);
      e.properties = { ...(e.properties ?? {}), id };
    });
  };
}

/** What a text is rendered for, beyond its markdown (part of the render cache's key). */
export interface RenderContext {
  /**
   * Put after `user-content-` in every id of the text and every link to one, so two texts on one
   * page never share an id: `reproduce-` gives `user-content-reproduce-fn-1`. Default none.
   */
  readonly idScope?: string;
  /**
   * The page the text was written on (a known upstream issue): a `#section` link that names no
   * element of the text leads to that section there. Without it such a link is shown as text,
   * with its `#section` after it.
   */
  readonly documentUrl?: string;
}

/**
 * rehype, after sanitising: every in-page link (`#…`) lands on an element of the text. A link
 * written for GitLab names an id without the prefix sanitising added (`#fn-1`, `#host-environment`)
 * and is pointed at the prefixed id; then the text's ids and links to them get `idScope`. A link
 * to no element of the text goes to the original's section (`documentUrl`), or, without one,
 * becomes text followed by its `#section`: nothing on the page links to an id it does not have.
 */
function rehypeInPageLinks() {
  return (tree: Node, file: { data: Record<string, unknown> }) => {
    const { idScope = '', documentUrl } = (file.data.context ?? {}) as RenderContext;
    const ids = idsOf(tree);
    const scoped = (id: string) => (id.startsWith(ID_PREFIX) ? ID_PREFIX + idScope + id.slice(ID_PREFIX.length) : id);
    const target = (fragment: string): string | undefined => {
      let decoded = fragment;
      try {
        decoded = decodeURIComponent(fragment);
      } catch {
        // a malformed escape: only the fragment as written can match
      }
      for (const f of new Set([fragment, decoded])) {
        if (ids.has(ID_PREFIX + f)) return ID_PREFIX + f;
        if (f.startsWith(ID_PREFIX) && ids.has(f)) return f;
      }
      return undefined;
    };
    visit(tree, 'element', (e: Node, i: number | undefined, parent: Node | undefined) => {
      const props = e.properties;
      if (!props) return CONTINUE;
      if (typeof props.id === 'string') props.id = scoped(props.id);
      for (const key of ['ariaDescribedBy', 'ariaLabelledBy'] as const) {
        const v = props[key];
        if (Array.isArray(v)) props[key] = v.map((x) => (typeof x === 'string' ? scoped(x) : x));
      }
      const href = props.href;
      // `#` and `#top` are the top of the page in HTML, with no element.
      if (e.tagName !== 'a' || typeof href !== 'string' || !href.startsWith('#') || /^#(?:top)?$/i.test(href)) return CONTINUE;
      const id = target(href.slice(1));
      if (id !== undefined) {
        props.href = `#${scoped(id)}`;
        return CONTINUE;
      }
      if (documentUrl !== undefined) {
        props.href = documentUrl.replace(/#.*$/, '') + href;
        return CONTINUE;
      }
      if (parent === undefined || i === undefined) return CONTINUE;
      parent.children!.splice(i, 1, ...(e.children ?? []), { type: 'element', tagName: 'span', properties: { className: ['link-title'] }, children: [{ type: 'text', value: ` (${href})` }] });
      return [SKIP, i + (e.children?.length ?? 0) + 1];
    });
  };
}

function rewriteHref(href: string): string {
  if (href.startsWith('/uploads/')) return GITLAB_PROJECT + href;
  if (href.startsWith('/') && !href.startsWith('//')) return 'https://gitlab.com' + href;
  // Relative links mean the project on GitLab, never a page of the archive: a bare commit id
  // (`[c15e568](c15e568)`) its commit, anything else a file of the repository.
  if (href !== '' && !/^(?:[a-z][a-z0-9+.-]*:|\/\/|[#?])/i.test(href)) {
    if (/^[0-9a-f]{7,40}$/.test(href)) return `${GITLAB_PROJECT}/-/commit/${href}`;
    return `${GITLAB_PROJECT}/-/blob/master/${href.replace(/^(?:\.\/)+/, '')}`;
  }
  return href;
}

/** rehype, after sanitising: absolute GitLab links, rel on links, images → links, shiki on code. */
function rehypeArchive() {
  return (tree: Node) => {
    visit(tree, 'element', (c: Node, i: number | undefined, parent: Node | undefined) => {
      if (parent === undefined || i === undefined) return;
      const kids = parent.children!;
      if (c.tagName === 'a' && c.properties) {
        const href = c.properties.href;
        if (typeof href === 'string') c.properties.href = rewriteHref(href);
        if (typeof c.properties.href === 'string' && /^https?:/i.test(c.properties.href)) {
          c.properties.rel = ['nofollow', 'noopener', 'noreferrer'];
        }
        // A link's title is shown after it, not only as a tooltip (which no reader of text sees).
        if (typeof c.properties.title === 'string' && c.properties.title !== '') {
          kids.splice(i + 1, 0, { type: 'element', tagName: 'span', properties: { className: ['link-title'] }, children: [{ type: 'text', value: ` (“${c.properties.title}”)` }] });
        }
      }
      const h = /^h([1-6])$/.exec(c.tagName ?? '');
      if (h) c.tagName = `h${Math.min(6, Number(h[1]) + 2)}`; // sits under the page's h1 and section h2
      if (c.tagName === 'img') {
        const src = typeof c.properties?.src === 'string' ? rewriteHref(c.properties.src) : undefined;
        const alt = typeof c.properties?.alt === 'string' && c.properties.alt ? c.properties.alt : 'image';
        kids[i] = src
          ? { type: 'element', tagName: 'a', properties: { href: src, rel: ['nofollow', 'noopener', 'noreferrer'] }, children: [{ type: 'text', value: `[image: ${alt}]` }] }
          : { type: 'text', value: `[image: ${alt}]` };
        return SKIP;
      }
      if (c.tagName === 'pre' && c.children?.length === 1 && c.children[0]!.tagName === 'code') {
        const code = c.children[0]!;
        const cls = code.properties?.className;
        const langClass = Array.isArray(cls) ? cls.find((x) => typeof x === 'string' && x.startsWith('language-')) : undefined;
        const lang = typeof langClass === 'string' ? LANG_ALIASES[langClass.slice('language-'.length).toLowerCase()] : undefined;
        if (lang) {
          const text = textOf(code).replace(/\n$/, '');
          const shiki = getHighlighter();
          try {
            // Both themes: light inline, dark as `--shiki-dark` variables that site.css applies under
            // prefers-color-scheme: dark. No time limit per line: shiki's default (0.5 s) stops
            // tokenizing early on a busy machine, so one input would highlight two ways.
            const root = shiki.codeToHast(text, { lang, themes: CODE_THEMES, tokenizeTimeLimit: 0 }) as unknown as Node;
            const pre = root.children?.find((x) => x.type === 'element' && x.tagName === 'pre');
            if (pre) {
              pre.properties = { ...(pre.properties ?? {}), tabindex: undefined, dataLang: lang };
              kids[i] = pre;
            }
          } catch {
            // fall through: leave the sanitised plain block
          }
        }
        return SKIP;
      }
      return CONTINUE;
    });
  };
}

export type MarkdownRenderer = ((markdown: string, context?: RenderContext) => string) & {
  readonly stats: { hits: number; misses: number };
};

export interface RendererOptions {
  /** Disk cache folder; `null` disables the cache. Default `$RENDER_CACHE_DIR` or `.cache/render` under cwd. */
  readonly cacheDir?: string | null;
}

/** The context as part of the cache key: empty when there is none. */
function contextKey(context: RenderContext | undefined): string {
  if (!context || (context.idScope === undefined && context.documentUrl === undefined)) return '';
  return JSON.stringify([context.idScope ?? '', context.documentUrl ?? null]);
}

/** Where the disk cache keeps the rendering of `markdown` (in `context`). */
export function renderCacheFile(cacheDir: string, markdown: string, context?: RenderContext): string {
  const key = createHash('sha256').update(RENDERER_VERSION).update('\0').update(contextKey(context)).update('\0').update(markdown).digest('hex');
  return path.join(cacheDir, key.slice(0, 2), `${key}.html`);
}

/** Creates the (synchronous, cached) renderer; async only because shiki loads its grammars. */
export function createMarkdownRenderer(options: RendererOptions = {}): MarkdownRenderer {
  const cacheDir = options.cacheDir === undefined ? path.resolve(settings().renderCacheDir) : options.cacheDir;
  if (cacheDir) mkdirSync(cacheDir, { recursive: true });
  const processor = remark()
    .use(remarkGfm)
    .use(remarkHtmlAsText)
    .use(remarkKeepUnused)
    // Footnote ids without a prefix: sanitising adds it, once (remark-rehype's own would be doubled).
    .use(remarkRehype, { clobberPrefix: '' })
    .use(rehypeHeadingIds)
    .use(rehypeSanitize)
    .use(rehypeInPageLinks)
    .use(rehypeArchive)
    .use(rehypeStringify)
    .freeze();
  const stats = { hits: 0, misses: 0 };
  const render = (markdown: string, context?: RenderContext): string => {
    const file = cacheDir ? renderCacheFile(cacheDir, markdown, context) : undefined;
    if (file && existsSync(file)) {
      stats.hits++;
      return readFileSync(file, 'utf8');
    }
    stats.misses++;
    // NUL is not valid in HTML: make it visible before parsing (micromark would turn it into U+FFFD).
    const input = markdown.replace(/\u0000/g, '\u2400');
    const html = String(processor.processSync({ value: input, data: { context } }));
    if (file) {
      mkdirSync(path.dirname(file), { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      writeFileSync(tmp, html);
      renameSync(tmp, file);
    }
    return html;
  };
  return Object.assign(render, { stats });
}
