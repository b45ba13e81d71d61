/**
 * Report pages: `report-data/<source>/<id>.json`, rendered by src/pages/reports/[source]/[id].astro.
 *
 * No MDX entry per report: its body would be the same four component tags for every report, and
 * Astro bundles every MDX entry as its own module: one per report cost the corpus build much of
 * its time and memory (`npm run bench` prints where a build's time goes).
 */
import type { Report, ResultsModel, Run, Score, Verdict } from '../model.ts';
import { runSlug } from '../slug.ts';
import type { AgreementData, MarkdownSection, ProvenanceData, ReportData, ScoreData, TextBlock, VerdictData } from './types.ts';
import { cutTitle, FULL_TITLE_MAX_CHARS, textMatcher, visibleName } from './text.ts';
import { TASK_TITLES } from './tasks.ts';
import { verdictTable } from './verdictTable.ts';
import { labelKey } from '../compare/comparisons.ts';
import { modelSlugOf } from './modelPages.ts';
import { compare as cmp } from '../order.ts';
import { provData } from './provenance.ts';
import { isKnownUpstreamUrl } from '../links/original.ts';
import type { RenderContext } from './markdown.ts';

export type Markdown = (markdown: string, context?: RenderContext) => string;

/**
 * A GitLab report's markdown fields that have text, in page order, each with what it is rendered
 * for: the description keeps GitLab's ids (`user-content-fn-1`), the others' ids are scoped by
 * the field (`user-content-reproduce.fn-1`: `.` is in no GitLab anchor, so no heading of the
 * description can take it), so the three texts on one page never share an id; a `#section` link
 * to none of a text's ids goes to that section of the original issue.
 */
export function gitlabMarkdownFields(report: Report): { field: MarkdownSection['field']; heading: string; value: string; context: RenderContext }[] {
  const g = report.gitlab;
  if (!g) return [];
  const documentUrl = g.url !== undefined && isKnownUpstreamUrl(g.url) ? g.url : undefined;
  const fields = [
    ['description', 'Description'],
    ['reproduce', 'Steps to reproduce'],
    ['additional', 'Additional information'],
  ] as const;
  return fields.flatMap(([field, heading]) => {
    const value = g[field];
    const context: RenderContext = { ...(field === 'description' ? {} : { idScope: `${field}.` }), ...(documentUrl !== undefined ? { documentUrl } : {}) };
    return value !== undefined && value.trim() !== '' ? [{ field, heading, value, context }] : [];
  });
}

function textProvenance(report: Report, which: 'text' | 'without-comments' | 'toml'): ProvenanceData[] {
  return report.provenance
    .filter((p) => {
      const wc = p.path.includes('launchpad-without-comments/');
      const toml = p.path.endsWith('.toml') || p.path.includes('/issues_toml/');
      if (which === 'toml') return toml;
      if (which === 'without-comments') return wc;
      return !wc && !toml;
    })
    .map(provData);
}

function agreement(verdicts: readonly Verdict[], runs: ReadonlyMap<string, Run>): AgreementData[] {
  const byTask = new Map<string, Verdict[]>();
  for (const v of verdicts) {
    const task = runs.get(v.run)?.task ?? 'unknown';
    if (task === 'zero-shot') continue;
    const list = byTask.get(task) ?? [];
    list.push(v);
    byTask.set(task, list);
  }
  const out: AgreementData[] = [];
  for (const [task, list] of byTask) {
    const counts = new Map<string, number>();
    for (const v of list) counts.set(v.label, (counts.get(v.label) ?? 0) + 1);
    const labels = [...counts].map(([label, n]) => ({ label, runs: n })).sort((a, b) => b.runs - a.runs || cmp(a.label, b.label));
    const title = TASK_TITLES[task] ?? task;
    let summary: string;
    if (list.length === 1) summary = `${title}: 1 run, says ${labels[0]!.label}.`;
    else if (labels.length === 1) summary = `${title}: all ${list.length} runs agree on ${labels[0]!.label}.`;
    else summary = `${title}: ${list.length} runs disagree: ${labels.map((l) => `${l.label} ×${l.runs}`).join(', ')}.`;
    out.push({ task, runs: list.length, labels, summary });
  }
  return out;
}

function scoreGroupData(group: readonly Score[]): ScoreData[] {
  return group.map((s) => ({ label: s.label, score: Number.isFinite(s.score) ? s.score : null, written: s.written }));
}

export function reportData(model: ResultsModel, report: Report, markdown: Markdown): ReportData {
  const verdicts = model.verdictsByReport.get(report.key) ?? [];
  const texts: TextBlock[] = [];
  const notes: string[] = [];
  if (report.text !== undefined) {
    texts.push({ kind: 'text', heading: 'Report text', text: report.text, provenance: textProvenance(report, 'text') });
  } else {
    notes.push('No scraped report has this id: only the texts as the classifier runs saw them are known.');
  }
  if (report.textWithoutComments !== undefined) {
    if (report.textWithoutComments === report.text) {
      notes.push('The Launchpad text without comments is byte-identical to the text above.');
    } else {
      texts.push({
        kind: 'without-comments',
        heading: 'Report text without comments',
        text: report.textWithoutComments,
        provenance: textProvenance(report, 'without-comments'),
      });
    }
  }

  const md: MarkdownSection[] = gitlabMarkdownFields(report).map(({ field, heading, value, context }) => ({ field, heading, html: markdown(value, context) }));

  // Distinct classified texts that differ from the report's, shown once each.
  const classified: { text: string; runs: string[]; provenance: ProvenanceData[] }[] = [];
  const matchReportText = textMatcher(report.text, report.textWithoutComments);
  const verdictData: VerdictData[] = verdicts.map((v) => {
    const run = model.runs.get(v.run);
    const slug = run?.slug ?? runSlug(v.run);
    let textStatus: VerdictData['textStatus'] = 'none';
    let classifiedText: number | undefined;
    if (v.text !== undefined) {
      const match = matchReportText(v.text);
      if (match === 0) textStatus = 'same';
      else if (match === 1) textStatus = 'same-without-comments';
      else {
        textStatus = 'differs';
        let idx = classified.findIndex((c) => c.text === v.text);
        const p = v.files.filter((f) => f.half !== 'reasoning').map((f) => provData(f.provenance));
        if (idx < 0) {
          idx = classified.length;
          classified.push({ text: v.text, runs: [], provenance: [] });
        }
        classified[idx]!.runs.push(v.run);
        classified[idx]!.provenance.push(...p);
        classifiedText = idx;
      }
    }
    const d: { -readonly [K in keyof VerdictData]: VerdictData[K] } = {
      run: v.run,
      runSlug: slug,
      task: run?.task ?? 'unknown',
      models: run?.models ?? [],
      modelSlugs: (run?.models ?? []).map((m) => modelSlugOf(model, m)),
      label: v.label,
      labels: v.labels,
      textStatus,
      files: v.files.map((f) => ({ half: f.half, label: f.label, provenance: provData(f.provenance) })),
    };
    if (v.firstFiled !== undefined) d.firstFiled = v.firstFiled;
    if (v.halves !== undefined) d.halves = v.halves;
    if (v.scores) d.scores = v.scores.map(scoreGroupData);
    if (v.reasoning) {
      if (v.reasoning.preamble !== undefined) {
        d.preamble = v.reasoning.preamble;
        d.preambleLine = v.reasoning.preambleLine ?? 1;
      }
      if (v.reasoning.thinking !== undefined) {
        d.thinking = v.reasoning.thinking;
        if (v.reasoning.thinkingLine !== undefined) d.thinkingLine = v.reasoning.thinkingLine;
      }
      d.answer = v.reasoning.answer;
      d.answerLine = v.reasoning.answerLine;
      if (v.reasoning.finalLabel !== undefined) {
        d.finalLabel = v.reasoning.finalLabel;
        const filed = (v.files.find((f) => f.half === 'output') ?? v.files.find((f) => f.half === 'reasoning'))?.label;
        if (filed !== undefined && labelKey(filed) !== labelKey(v.reasoning.finalLabel)) d.answerFiled = filed;
      }
    }
    if (classifiedText !== undefined) d.classifiedText = classifiedText;
    return d;
  });
  const curated: { -readonly [K in keyof ReportData['curated'][number]]: ReportData['curated'][number][K] }[] = [];
  for (const set of model.curatedSets) {
    for (const m of set.members) {
      if (m.reportKey !== report.key) continue;
      const entry: (typeof curated)[number] = { set: set.name, textStatus: 'none', provenance: provData(m.provenance) };
      if (m.scores) entry.scores = m.scores.map(scoreGroupData);
      const match = matchReportText(m.text);
      if (match === 0) entry.textStatus = 'same';
      else if (match === 1) entry.textStatus = 'same-without-comments';
      else {
        entry.textStatus = 'differs';
        let idx = classified.findIndex((c) => c.text === m.text);
        if (idx < 0) {
          idx = classified.length;
          classified.push({ text: m.text, runs: [], provenance: [] });
        }
        classified[idx]!.runs.push(set.name);
        classified[idx]!.provenance.push(provData(m.provenance));
        entry.classifiedText = idx;
      }
      curated.push(entry);
    }
  }
  classified.forEach((c, i) => {
    texts.push({
      kind: `classified-${i + 1}`,
      heading:
        report.text === undefined
          ? `Text as classified (${c.runs.map(visibleName).join(', ')})`
          : `Text as classified or collected, differing from the report text (${c.runs.map(visibleName).join(', ')})`,
      text: c.text,
      provenance: c.provenance,
    });
  });

  const data: { -readonly [K in keyof ReportData]: ReportData[K] } = {
    key: report.key,
    source: report.source,
    id: report.id,
    title: cutTitle(report.title),
    markdown: md,
    texts,
    notes,
    verdicts: verdictData,
    curated,
    agreement: agreement(verdicts, model.runs),
    table: verdictTable(verdicts, model.runs),
  };
  if (report.section !== undefined) data.section = report.section;
  if (data.title !== report.title) {
    data.titleChars = report.title.length;
    if (report.title.length <= FULL_TITLE_MAX_CHARS) data.fullTitle = report.title;
  }
  const original = originalReportUrl(report);
  if (original !== undefined) data.original = original;
  const g = report.gitlab;
  if (g) {
    const { description: _d, reproduce: _r, additional: _a, ...meta } = g;
    data.gitlab = Object.fromEntries(Object.entries(meta).filter(([, v]) => v !== undefined)) as unknown as ReportData['gitlab'];
    if (md.length) data.markdownProvenance = textProvenance(report, 'toml');
  }
  return data;
}

/** GitHub repositories of the box64 and FEX issue scrapes. */
const GITHUB_ISSUES: Readonly<Record<string, string>> = {
  box64: 'https://github.com/ptitSeb/box64/issues/',
  fex: 'https://github.com/FEX-Emu/FEX/issues/',
};

/**
 * The report as first published: the GitLab issue URL of its metadata, the Launchpad bug, the
 * box64/FEX GitHub issue (numbered by the scraped file's name, which a renamed report keeps).
 * `undefined` for mailing-list threads, semantic issues and ids no scrape has.
 */
export function originalReportUrl(report: Pick<Report, 'source' | 'id' | 'gitlab' | 'provenance'>): string | undefined {
  switch (report.source) {
    case 'gitlab': {
      const url = report.gitlab?.url;
      return url !== undefined && isKnownUpstreamUrl(url) ? url : undefined;
    }
    case 'launchpad':
      return /^\d+$/.test(report.id) ? `https://bugs.launchpad.net/qemu/+bug/${report.id}` : undefined;
    case 'box64':
    case 'fex': {
      const file = report.provenance.find((p) => p.path.startsWith(`results/scraper/${report.source}/`));
      const name = file ? file.path.slice(file.path.lastIndexOf('/') + 1) : report.id;
      return /^\d+$/.test(name) ? `${GITHUB_ISSUES[report.source]}${name}` : undefined;
    }
    default:
      return undefined;
  }
}
