/**
 * A pure parser of what `git log --raw -M --no-abbrev -z` prints with the header format
 * `GIT_LOG_FORMAT`: per commit its id, parents, committer date and subject, then every changed
 * path with its old and new blob ids (renames with both paths). No checkout, no git here: the
 * process that prints it is src/lib/tree/history.ts.
 */

/** `git log --format=` for `parseGitLog`: a \x01 before the id marks each commit's start. */
export const GIT_LOG_FORMAT = '%x01%H%x00%P%x00%cI%x00%s%x00';

/** The arguments `parseGitLog` expects, oldest commit first (the replay needs that order). */
export const GIT_LOG_ARGS = [
  'log',
  '--reverse',
  // A merge is read as one change against its first parent, so replaying the log gives each
  // commit's tree; the merged branch's own commits are not listed (a finding says so).
  '--first-parent',
  '--diff-merges=first-parent',
  '--raw',
  '-M',
  '--no-abbrev',
  '-z',
  `--format=${GIT_LOG_FORMAT}`,
] as const;

export type ChangeStatus = 'A' | 'D' | 'M' | 'R' | 'C' | 'T' | 'U' | 'X';

export interface PathChange {
  readonly status: ChangeStatus;
  /** Rename/copy similarity (0–100); 100 when the blob is unchanged. Absent for other statuses. */
  readonly score?: number;
  readonly oldMode: string;
  readonly newMode: string;
  /** 40 zeros when there was no file before (A) or after (D). */
  readonly oldBlob: string;
  readonly newBlob: string;
  /** The path after the change (for D: the path deleted). */
  readonly path: string;
  /** R and C: the path before. */
  readonly fromPath?: string;
}

export interface LoggedCommit {
  readonly sha: string;
  readonly parents: readonly string[];
  /** Committer date, strict ISO 8601 with the committer's offset (`2025-07-08T16:45:54+02:00`). */
  readonly date: string;
  readonly subject: string;
  readonly changes: readonly PathChange[];
}

export interface GitLogParse {
  readonly commits: readonly LoggedCommit[];
  /** What could not be read, with the token's position; the rest is kept. */
  readonly problems: readonly string[];
}

const HEADER = /^\n?\u0001([0-9a-f]{40})$/;
const RAW = /^\n?:(\d{6}) (\d{6}) ([0-9a-f]{40}) ([0-9a-f]{40}) ([ADMRCTUX])(\d{0,3})$/;
const SHA = /^[0-9a-f]{40}$/;

export function parseGitLog(text: string): GitLogParse {
  const tokens = text.split('\u0000');
  const commits: LoggedCommit[] = [];
  const problems: string[] = [];
  let i = 0;
  while (i < tokens.length) {
    const head = HEADER.exec(tokens[i]!);
    if (!head) {
      if (tokens[i]!.trim() !== '') problems.push(`token ${i}: expected a commit, found ${JSON.stringify(tokens[i]!.slice(0, 80))}`);
      i++;
      continue;
    }
    const parents = (tokens[i + 1] ?? '').split(' ').filter((p) => p !== '');
    const date = tokens[i + 2] ?? '';
    const subject = tokens[i + 3] ?? '';
    if (!parents.every((p) => SHA.test(p))) problems.push(`commit ${head[1]}: parents not read: ${JSON.stringify(tokens[i + 1])}`);
    i += 4;
    const changes: PathChange[] = [];
    while (i < tokens.length && !HEADER.test(tokens[i]!)) {
      const raw = RAW.exec(tokens[i]!);
      if (!raw) {
        if (tokens[i]!.trim() !== '') problems.push(`commit ${head[1]}: not a raw diff line: ${JSON.stringify(tokens[i]!.slice(0, 80))}`);
        i++;
        continue;
      }
      const status = raw[5] as ChangeStatus;
      const common = { status, oldMode: raw[1]!, newMode: raw[2]!, oldBlob: raw[3]!, newBlob: raw[4]! };
      const score = raw[6] !== '' ? { score: Number(raw[6]) } : {};
      if (status === 'R' || status === 'C') {
        const fromPath = tokens[i + 1];
        const toPath = tokens[i + 2];
        if (fromPath === undefined || toPath === undefined) {
          problems.push(`commit ${head[1]}: ${status} without two paths`);
          break;
        }
        changes.push({ ...common, ...score, fromPath, path: toPath });
        i += 3;
      } else {
        const p = tokens[i + 1];
        if (p === undefined) {
          problems.push(`commit ${head[1]}: ${status} without a path`);
          break;
        }
        changes.push({ ...common, ...score, path: p });
        i += 2;
      }
    }
    commits.push({ sha: head[1]!, parents, date, subject, changes });
  }
  return { commits, problems };
}
