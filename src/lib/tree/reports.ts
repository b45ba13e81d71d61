/**
 * Scraped reports: one per source and id, from its TOML, text and without-comments files.
 */
import type { Finding, GitlabMeta, RawFile, Report, Source } from '../model.ts';
import { lineOfTomlKey, parseGitlabToml, TomlSyntaxError, type GitlabIssueToml } from '../parse/gitlabToml.ts';
import { impossibleTimestamp } from '../content/dates.ts';
import { isKnownUpstreamUrl } from '../links/original.ts';
import { detached, lazyField, rawFile, recently } from './lazy.ts';
import type { SourceFile, Classified } from './types.ts';
import { keptOf } from './kept.ts';

/** Source order in which a bare classifier id is looked up: QEMU sources only (runs classify QEMU bugs). */
const CLASSIFIED_SOURCES: readonly Source[] = ['gitlab', 'gitlab-semantic', 'launchpad', 'mailinglist'];

interface ReportParts {
  source: Source;
  id: string;
  section?: string;
  text?: SourceFile;
  withoutComments?: SourceFile;
  toml?: { file: SourceFile; meta: GitlabIssueToml };
  tomlFailed?: SourceFile;
  folders?: { target: string; host: string; accel: string };
  files: SourceFile[];
}

export function readReports(classified: readonly Classified[], findings: Finding[], claimed: Set<string>, raw: RawFile[]): Map<string, Report> {
  const parts = new Map<string, ReportParts>();
  const partsFor = (source: Source, id: string): ReportParts => {
    const key = `${source}/${id}`;
    let p = parts.get(key);
    if (!p) {
      p = { source, id, files: [] };
      parts.set(key, p);
    }
    return p;
  };
  // box64/fex files at the source's root, by key: an id kept under another name never takes one.
  const rootFiles = new Map(classified.flatMap(({ file, info }) => ((info.kind === 'box64' || info.kind === 'fex') && info.section === undefined ? [[`${info.kind}/${info.id}`, file.treePath] as const] : [])));
  for (const { file, info } of classified) {
    switch (info.kind) {
      case 'gitlab-toml': {
        const p = partsFor('gitlab', info.id);
        if (p.toml || p.tomlFailed) {
          keepSecondCopy(p, 'TOML', p.toml?.file ?? p.tomlFailed!, file, findings, claimed, raw);
          break;
        }
        p.files.push(file);
        setFolders(p, info, file, findings);
        try {
          p.toml = { file, meta: parseGitlabToml(file.text) };
          for (const u of p.toml.meta.unshown ?? []) {
            findings.push({ path: file.treePath, ...(u.line !== undefined ? { line: u.line } : {}), severity: 'warning', message: `TOML value ${u.key}: ${u.why}; shown raw on the report page` });
          }
          for (const [key, value] of [['created_at', p.toml.meta.createdAt], ['closed_at', p.toml.meta.closedAt]] as const) {
            const why = value === undefined ? undefined : impossibleTimestamp(value);
            if (why === undefined) continue;
            const line = lineOfTomlKey(file.text, key);
            findings.push({ path: file.treePath, ...(line !== undefined ? { line } : {}), severity: 'warning', message: `TOML value ${key} ${JSON.stringify(value)} is not a real date and time (${why}); shown as written, not read as a date` });
          }
          const url = p.toml.meta.url;
          if (url !== undefined && !isKnownUpstreamUrl(url)) {
            findings.push({ path: file.treePath, severity: 'warning', message: `url ${JSON.stringify(url)} is not on a known upstream host; shown as text, not linked as the original report` });
          }
        } catch (error) {
          p.tomlFailed = file;
          raw.push(rawFile(file));
          const line = error instanceof TomlSyntaxError ? error.line : undefined;
          findings.push({ path: file.treePath, ...(line !== undefined ? { line } : {}), severity: 'error', message: `TOML does not parse (${(error as Error).message}); the issue is built from its text, the TOML published raw` });
        }
        break;
      }
      case 'gitlab-text': {
        const p = partsFor('gitlab', info.id);
        if (p.text) {
          keepSecondCopy(p, 'text', p.text, file, findings, claimed, raw);
          break;
        }
        p.files.push(file);
        setFolders(p, info, file, findings);
        p.text = file;
        break;
      }
      case 'gitlab-semantic':
        addText(partsFor('gitlab-semantic', info.id), file);
        break;
      case 'launchpad':
        addText(partsFor('launchpad', info.id), file);
        break;
      case 'launchpad-without-comments': {
        const p = partsFor('launchpad', info.id);
        p.files.push(file);
        p.withoutComments = file;
        break;
      }
      case 'mailinglist':
        addText(partsFor('mailinglist', info.id), file);
        break;
      case 'box64':
      case 'fex': {
        let p = partsFor(info.kind, info.id);
        if (p.text && p.section !== info.section) {
          // Kept under another id: `<section>-<id>`, or, when a file of that name is there too,
          // the path below the source (`documentation/77`, a name with its own hashed URL).
          const first = p.text.treePath;
          let kept = `${info.section ?? 'root'}-${info.id}`;
          const taken = parts.get(`${info.kind}/${kept}`)?.text?.treePath ?? rootFiles.get(`${info.kind}/${kept}`);
          if (taken !== undefined) {
            kept = `${info.section ?? 'root'}/${info.id}`;
            findings.push({ path: file.treePath, severity: 'warning', message: `${info.kind} id ${info.id} also at ${first}, and the id ${info.section ?? 'root'}-${info.id} is ${taken}'s; kept as ${kept}` });
          } else {
            findings.push({ path: file.treePath, severity: 'warning', message: `${info.kind} id ${info.id} also at ${first}; kept as ${kept}` });
          }
          p = partsFor(info.kind, kept);
        }
        if (info.section !== undefined) p.section = info.section;
        addText(p, file);
        break;
      }
      default:
        break;
    }
  }
  const reports = new Map<string, Report>();
  for (const [key, p] of parts) {
    const report = buildReport(key, p, findings);
    reports.set(key, report);
    for (const f of p.files) claimed.add(f.treePath);
  }
  return reports;
}

/**
 * A second file of one kind for one GitLab issue (the same id under two `target_*` folders): the
 * first is the one the page is built from, the second is published raw, and the finding names both.
 */
function keepSecondCopy(p: ReportParts, what: string, first: SourceFile, second: SourceFile, findings: Finding[], claimed: Set<string>, raw: RawFile[]): void {
  raw.push(rawFile(second));
  claimed.add(second.treePath);
  findings.push({
    path: second.treePath,
    severity: 'warning',
    message: `gitlab issue ${p.id} has a second ${what} file: its page is built from ${first.treePath}; ${second.treePath} is published raw`,
  });
}

function addText(p: ReportParts, file: SourceFile): void {
  p.files.push(file);
  p.text = file;
}

function setFolders(p: ReportParts, info: { target: string; host: string; accel: string }, file: SourceFile, findings: Finding[]): void {
  const folders = { target: info.target, host: info.host, accel: info.accel };
  if (p.folders && (p.folders.target !== folders.target || p.folders.host !== folders.host || p.folders.accel !== folders.accel)) {
    findings.push({ path: file.treePath, severity: 'warning', message: `gitlab issue ${p.id} sits under different target/host/accel folders than its other file` });
    return;
  }
  p.folders = folders;
}

function buildReport(key: string, p: ReportParts, findings: Finding[]): Report {
  const meta = p.toml?.meta;
  const title = meta?.title ?? (p.text ? keptOf(p.text, 'title') : undefined) ?? p.withoutComments?.text.split('\n')[0]?.trim() ?? p.id;
  if (meta?.id !== undefined && meta.id !== p.id) {
    findings.push({ path: p.toml!.file.treePath, severity: 'warning', message: `TOML id ${meta.id} differs from the file name's id ${p.id}` });
  }
  if (p.source === 'gitlab' && !p.toml && !p.tomlFailed) {
    findings.push({ path: p.text!.treePath, severity: 'warning', message: `gitlab issue ${p.id} has text but no TOML metadata` });
  }
  let gitlab: GitlabMeta | undefined;
  if (p.source === 'gitlab') {
    const { id: _id, title: _title, ...fields } = meta ?? { labels: [] };
    gitlab = gitlabMeta(withoutUndefined(fields), p.toml?.file, p.folders ?? { target: 'missing', host: 'missing', accel: 'missing' });
  }
  const report = {
    key,
    source: p.source,
    id: p.id,
    title: detached(title.length > 0 ? title : p.id),
  };
  // The texts are read at use (src/lib/tree/lazy.ts): the report keeps its files, not their texts.
  if (p.text) lazyText(report, 'text', p.text);
  if (p.withoutComments) lazyText(report, 'textWithoutComments', p.withoutComments);
  return Object.assign(report, {
    ...(gitlab ? { gitlab } : {}),
    ...(p.section !== undefined ? { section: p.section } : {}),
    provenance: p.files.flatMap((f) => f.provenance),
  });
}

/** Defined in a function of its own, so the getter's closure holds the file and nothing else of the report's parts. */
function lazyText(report: object, key: 'text' | 'textWithoutComments', file: SourceFile): void {
  lazyField(report, key, () => file.text);
}

/** The GitLab issue's markdown fields: long texts, read again from the TOML at use. */
const MARKDOWN_FIELDS = new Set<string>(['description', 'reproduce', 'additional']);

/**
 * A GitLab report's metadata in the TOML's key order (the page data keeps it), then the folders;
 * the markdown fields are getters that parse the TOML file again (once for the three).
 */
function gitlabMeta(fields: Omit<GitlabIssueToml, 'id' | 'title'>, toml: SourceFile | undefined, folders: { target: string; host: string; accel: string }): GitlabMeta {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) {
    if (MARKDOWN_FIELDS.has(k) && toml) lazyField(out, k, () => recently(toml, 'toml', () => parseGitlabToml(toml.text))[k as 'description']);
    else out[k] = detached(v);
  }
  out.labels = detached(fields.labels);
  return Object.assign(out, folders) as unknown as GitlabMeta;
}

function withoutUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

export function buildIdIndex(reports: ReadonlyMap<string, Report>, findings: Finding[]): Map<string, string> {
  const index = new Map<string, string>();
  for (const source of CLASSIFIED_SOURCES) {
    for (const r of reports.values()) {
      if (r.source !== source) continue;
      const existing = index.get(r.id);
      if (existing !== undefined) {
        findings.push({ path: r.provenance[0]?.path ?? r.key, severity: 'warning', message: `id ${r.id} is both ${existing} and ${r.key}; runs' files resolve to ${existing}` });
        continue;
      }
      index.set(r.id, r.key);
    }
  }
  return index;
}
