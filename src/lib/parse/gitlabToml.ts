import { parse as parseToml, stringify as stringifyToml } from 'smol-toml';
import type { GitlabMeta } from '../model.ts';
import { impossibleTimestamp } from '../content/dates.ts';

/**
 * What the scraper wrote for a GitLab issue; `n/a` values become `undefined`. The folders it sits
 * in (target/host/accel) are not in the file: the reader adds them.
 */
export type GitlabIssueToml = Omit<GitlabMeta, 'target' | 'host' | 'accel'> & { readonly id?: string; readonly title?: string };

/** The keys the scraper writes; any other is kept raw (GitlabMeta.unshown). */
const KNOWN_KEYS = new Set(['id', 'title', 'state', 'created_at', 'closed_at', 'labels', 'url', 'host-os', 'host-arch', 'qemu-version', 'guest-os', 'guest-arch', 'description', 'reproduce', 'additional']);

const MISSING = 'n/a';

export class TomlSyntaxError extends Error {
  readonly line: number | undefined;
  constructor(message: string, line: number | undefined) {
    super(message);
    this.line = line;
  }
}

/** Throws a TomlSyntaxError with the line on malformed input; the caller names the file. */
export function parseGitlabToml(text: string): GitlabIssueToml {
  let doc: Record<string, unknown>;
  try {
    doc = parseToml(text) as Record<string, unknown>;
  } catch (error) {
    const e = error as Error & { line?: number; column?: number };
    const reason = e.message.split('\n')[0]!.replace(/^Invalid TOML document: /, '');
    const where = e.line !== undefined ? `line ${e.line}${e.column !== undefined ? `, column ${e.column}` : ''}: ` : '';
    throw new TomlSyntaxError(`${where}${reason}`, e.line);
  }
  const unshown: { key: string; raw: string; line?: number; why: string }[] = [];
  const keep = (key: string, why: string) => {
    const line = lineOfKey(text, key);
    unshown.push({ key, raw: rawValue(key, doc[key]), ...(line !== undefined ? { line } : {}), why });
  };
  const str = (key: string): string | undefined => {
    const v = doc[key];
    if (v === undefined || v === null) return undefined;
    let s: string;
    if (typeof v === 'string') s = v;
    // A TOML date: its own text (TomlDate.toISOString keeps local dates local), never the machine's
    // time zone; one that names no real day (`2024-02-30`, which the TOML reader rolls over to
    // March 1st) as it is written, for the reader to name.
    else if (v instanceof Date) {
      const written = writtenValue(text, key);
      s = written !== undefined && impossibleTimestamp(written) !== undefined ? written : v.toISOString();
    }
    else if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') s = String(v);
    else {
      keep(key, 'a table or list where text was expected');
      return undefined;
    }
    return s === MISSING ? undefined : s;
  };
  const rawLabels = doc['labels'];
  let labels: string[] = [];
  if (Array.isArray(rawLabels) && rawLabels.every((l) => typeof l === 'string')) labels = rawLabels;
  else if (rawLabels !== undefined) keep('labels', 'not a list of strings');
  let url = str('url');
  if (url !== undefined && !/^https?:\/\/\S+$/i.test(url)) {
    keep('url', 'not an http(s) address');
    url = undefined;
  }
  for (const key of Object.keys(doc)) if (!KNOWN_KEYS.has(key)) keep(key, 'a key the scraper does not write');
  return {
    id: str('id'),
    title: str('title'),
    state: str('state'),
    createdAt: str('created_at'),
    closedAt: str('closed_at'),
    labels,
    url,
    hostOs: str('host-os'),
    hostArch: str('host-arch'),
    qemuVersion: str('qemu-version'),
    guestOs: str('guest-os'),
    guestArch: str('guest-arch'),
    description: str('description'),
    reproduce: str('reproduce'),
    additional: str('additional'),
    ...(unshown.length ? { unshown } : {}),
  };
}

/** `key = value` as TOML writes it (tables as `[key]` sections). */
function rawValue(key: string, value: unknown): string {
  try {
    return stringifyToml({ [key]: value }).trim();
  } catch {
    return `${key} = ${JSON.stringify(value)}`;
  }
}

/** A bare value (a date, with its time) as written on its key's line (`created_at = 2024-02-30T10:00:00Z # x` → `2024-02-30T10:00:00Z`). */
function writtenValue(text: string, key: string): string | undefined {
  const line = lineOfKey(text, key);
  if (line === undefined) return undefined;
  const m = /=\s*(\d{4}-\d\d-\d\d(?:[Tt ]\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:[Zz]|[+-]\d\d:\d\d)?)?|[^\s#]+)/.exec(text.split('\n')[line - 1]!);
  return m?.[1];
}

/** The 1-based line on which a top-level key is set, when it can be found by its text. */
export function lineOfTomlKey(text: string, key: string): number | undefined {
  return lineOfKey(text, key);
}

function lineOfKey(text: string, key: string): number | undefined {
  const escaped = key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const re = new RegExp(`^\\s*(?:"${escaped}"|'${escaped}'|${escaped})\\s*=|^\\s*\\[\\s*${escaped}\\s*\\]`);
  const lines = text.split('\n');
  const i = lines.findIndex((l) => re.test(l));
  return i === -1 ? undefined : i + 1;
}
