import { parse as parseToml } from 'smol-toml';
import type { GitlabMeta } from '../model.ts';

/**
 * What the scraper wrote for a GitLab issue; `n/a` values become `undefined`. The folders it sits
 * in (target/host/accel) are not in the file: the reader adds them.
 */
export type GitlabIssueToml = Omit<GitlabMeta, 'target' | 'host' | 'accel'> & { readonly id?: string; readonly title?: string };

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
  const str = (key: string): string | undefined => {
    const v = doc[key];
    if (v === undefined || v === null) return undefined;
    const s = typeof v === 'string' ? v : String(v);
    return s === MISSING ? undefined : s;
  };
  const rawLabels = doc['labels'];
  const labels = Array.isArray(rawLabels) ? rawLabels.map((l) => String(l)) : [];
  return {
    id: str('id'),
    title: str('title'),
    state: str('state'),
    createdAt: str('created_at'),
    closedAt: str('closed_at'),
    labels,
    url: str('url'),
    hostOs: str('host-os'),
    hostArch: str('host-arch'),
    qemuVersion: str('qemu-version'),
    guestOs: str('guest-os'),
    guestArch: str('guest-arch'),
    description: str('description'),
    reproduce: str('reproduce'),
    additional: str('additional'),
  };
}
