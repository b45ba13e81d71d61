/**
 * A note's MDX source → its frontmatter, the archive components it uses (with their lines) and its
 * words, or the problems that make it unusable, each with its line. Pure: the file's text in, data
 * out (src/lib/notes/read.ts does the file system).
 *
 * Notes are written by the archivists and reviewed like code, but they only need the components
 * the page gives them: `import`/`export` and `{expressions}` are refused, and every attribute is a
 * plain string, so what a note points at can be checked before anything is rendered.
 */
import { JSON_SCHEMA, load as loadYaml } from 'js-yaml';
import { remark } from 'remark';
import remarkFrontmatter from 'remark-frontmatter';
import remarkMdx from 'remark-mdx';
import type { Root, RootContent } from 'mdast';
import { noteFrontmatter, type NoteFrontmatter } from './schema.ts';

/** The components a note can use (src/components/notes/), and the attributes each takes. */
export const NOTE_COMPONENTS = {
  Report: { required: ['id'], optional: [] },
  Verdict: { required: ['run'], optional: ['report'] },
  Lines: { required: ['lines'], optional: ['report', 'run'] },
  Pair: { required: ['a', 'b'], optional: [] },
  LabelCount: { required: ['label'], optional: ['run'] },
} as const satisfies Record<string, { required: readonly string[]; optional: readonly string[] }>;

export type NoteComponentName = keyof typeof NOTE_COMPONENTS;

export interface NoteComponentUse {
  readonly name: NoteComponentName;
  readonly attrs: Readonly<Record<string, string>>;
  readonly line: number;
}

export interface NoteProblem {
  /** 1-based line in the note's file, when the problem has one. */
  readonly line?: number;
  readonly message: string;
}

export interface ParsedNote {
  readonly frontmatter: NoteFrontmatter;
  readonly components: readonly NoteComponentUse[];
  /** The note's own words (no markup), for search and the feed. */
  readonly text: string;
}

/** Nodes after which the words of a note get a space (paragraphs, headings, items…). */
const BLOCKS = new Set(['paragraph', 'heading', 'listItem', 'blockquote', 'tableCell', 'tableRow', 'mdxJsxFlowElement']);

/**
 * A component in the note's plain words (search, `/notes/`, the feed), from what the note itself
 * says, so the words are the same before and after the page data is made:
 * `<Report id="gitlab/1033" />` → `gitlab/1033`, `<Lines lines="3-7" />` → `lines 3-7`.
 */
export function componentWords(name: NoteComponentName, attrs: Readonly<Record<string, string>>): string {
  switch (name) {
    case 'Report':
      return attrs.id ?? '';
    case 'Verdict':
      return `${attrs.run ?? ''}’s verdict${attrs.report ? ` on ${attrs.report}` : ''}`;
    case 'Lines':
      return `(lines ${attrs.lines ?? ''}${attrs.run ? ` of ${attrs.run}’s reasoning` : ''}${attrs.report ? ` on ${attrs.report}` : ''})`;
    case 'Pair':
      return `${attrs.a ?? ''} against ${attrs.b ?? ''}`;
    case 'LabelCount':
      return `reports labelled ${attrs.label ?? ''}${attrs.run ? ` by ${attrs.run}` : ''}`;
  }
}

const processor = remark().use(remarkFrontmatter, ['yaml']).use(remarkMdx);

function isComponentName(name: string): name is NoteComponentName {
  return Object.hasOwn(NOTE_COMPONENTS, name);
}

export function parseNote(source: string): { readonly note?: ParsedNote; readonly problems: readonly NoteProblem[] } {
  let tree: Root;
  try {
    tree = processor.parse(source);
  } catch (e) {
    const err = e as { line?: number; place?: { line?: number; start?: { line?: number } }; reason?: string; message?: string };
    const line = err.line ?? err.place?.line ?? err.place?.start?.line;
    return { problems: [{ ...(line ? { line } : {}), message: `MDX syntax: ${err.reason ?? err.message ?? String(e)}` }] };
  }
  const problems: NoteProblem[] = [];
  const components: NoteComponentUse[] = [];
  const words: string[] = [];
  let front: unknown;
  let sawFront = false;

  const visit = (node: RootContent | Root): void => {
    const line = 'position' in node ? node.position?.start.line : undefined;
    const at = line ? { line } : {};
    switch (node.type) {
      case 'yaml':
        sawFront = true;
        try {
          front = loadYaml(node.value, { schema: JSON_SCHEMA });
        } catch (e) {
          const mark = (e as { mark?: { line?: number } }).mark;
          problems.push({ line: (line ?? 1) + 1 + (mark?.line ?? 0), message: `frontmatter is not YAML: ${(e as Error).message.split('\n')[0]}` });
        }
        return;
      case 'mdxjsEsm':
        problems.push({ ...at, message: 'import/export is not allowed in a note: the archive components (Report, Verdict, Lines, Pair, LabelCount) are given by the page' });
        return;
      case 'mdxFlowExpression':
      case 'mdxTextExpression':
        problems.push({ ...at, message: `an expression {${node.value.slice(0, 40)}} is not allowed in a note: write text, or use an archive component` });
        return;
      case 'mdxJsxFlowElement':
      case 'mdxJsxTextElement': {
        const name = node.name ?? '';
        if (/^[A-Z]/.test(name)) {
          if (!isComponentName(name)) {
            problems.push({ ...at, message: `unknown component <${name}>: a note can use ${Object.keys(NOTE_COMPONENTS).map((n) => `<${n}>`).join(', ')}` });
          } else {
            const attrs: Record<string, string> = {};
            const spec = NOTE_COMPONENTS[name];
            for (const a of node.attributes) {
              if (a.type !== 'mdxJsxAttribute') {
                problems.push({ ...at, message: `<${name}>: spread attributes are not allowed` });
                continue;
              }
              if (typeof a.value !== 'string') {
                problems.push({ ...at, message: `<${name} ${a.name}>: write the value as a string ("…"), not an expression` });
                continue;
              }
              if (!(spec.required as readonly string[]).includes(a.name) && !(spec.optional as readonly string[]).includes(a.name)) {
                problems.push({ ...at, message: `<${name}> has no attribute ${a.name} (it takes ${[...spec.required, ...spec.optional].join(', ')})` });
                continue;
              }
              attrs[a.name] = a.value;
            }
            for (const r of spec.required) if (!(r in attrs)) problems.push({ ...at, message: `<${name}> needs ${r}="…"` });
            if (node.children.length > 0) problems.push({ ...at, message: `<${name}> takes no content: write it as <${name} … />` });
            components.push({ name, attrs, line: line ?? 0 });
            words.push(componentWords(name, attrs), node.type === 'mdxJsxFlowElement' ? ' ' : '');
          }
        }
        for (const c of node.children) visit(c as RootContent);
        return;
      }
      case 'text':
      case 'inlineCode':
        words.push(node.value);
        return;
      case 'code':
        words.push(` ${node.value} `);
        return;
      default:
        if ('children' in node) for (const c of node.children) visit(c as RootContent);
        if (BLOCKS.has(node.type)) words.push(' ');
    }
  };
  visit(tree);

  if (!sawFront) problems.push({ line: 1, message: 'no frontmatter: a note starts with ---, date: YYYY-MM-DD (title and author optional), ---' });
  let frontmatter: NoteFrontmatter | undefined;
  if (sawFront && front !== undefined) {
    const checked = noteFrontmatter.safeParse(front ?? {});
    if (checked.success) frontmatter = checked.data;
    else for (const issue of checked.error.issues) problems.push({ line: 2, message: `frontmatter ${issue.path.join('.') || '(all)'}: ${issue.message}` });
  } else if (sawFront) problems.push({ line: 2, message: 'frontmatter is empty: date: YYYY-MM-DD is required' });

  if (problems.length > 0 || !frontmatter) return { problems };
  return { note: { frontmatter, components, text: words.join('').replace(/\s+/g, ' ').trim() }, problems };
}
