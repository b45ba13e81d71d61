/**
 * dist/build-report.json: what the build did (steps, time, memory), what it read (the reader's
 * findings, from content/site.json), what it made (files, page sizes) and the budgets it was held to.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { filesBelow } from '../../src/lib/files.ts';
import type { Settings } from '../../src/lib/settings.ts';
import type { PagePlan } from '../incremental/pages.ts';
import { BUDGETS } from './budgets.ts';
import { peakTotalMemoryKB } from './processMemory.ts';
import { resultOf } from './stepMessages.ts';
import type { StepResult } from './steps.ts';

/** Said by the build report (JSON and page) when the site has no origin of its own. */
export const SITE_URL_NOT_SET = 'SITE_URL is not set: no page names an origin (no canonical or OpenGraph URL, no sitemap.xml); cite lines show the path and, in the browser, the address the page was opened at.';

/**
 * The build's share of the budgets (scripts/lib/budgets.ts), as build-report.json names them;
 * exceeded budgets are reported (and fail the build when BUDGET_STRICT=1).
 */
const BUDGET = {
  totalSeconds: BUDGETS.coldBuildSeconds,
  peakMemoryMB: BUDGETS.peakMemoryMB,
  files: BUDGETS.files,
  medianReportPageKB: BUDGETS.medianReportPageKB,
  maxPageKB: BUDGETS.maxPageKB,
  maxReportPageKB: BUDGETS.maxReportPageKB,
};

export interface BuildFacts {
  readonly settings: Settings;
  readonly buildId: string;
  readonly resultsDir: string | undefined;
  readonly dumpsDir: string | undefined;
  /** The built site, before it replaces dist/. */
  readonly outDir: string;
  readonly contentDir: string;
  readonly totalSeconds: number;
  /** The steps in order; the first is the content writer's. */
  readonly steps: readonly StepResult[];
  readonly plan: PagePlan;
  /** What the search index step said about itself. */
  readonly search: unknown;
}

function quantile(sorted: number[], q: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))]! : 0;
}

export function buildReport(f: BuildFacts) {
  const files = filesBelow(f.outDir).map((rel) => ({ rel, size: statSync(path.join(f.outDir, rel)).size }));
  const pages = files.filter((x) => x.rel.endsWith('.html'));
  const reportPages = pages.filter((x) => /^reports\/[^/]+\/[^/]+\/index\.html$/.test(x.rel) && !/\/page\//.test(x.rel));
  const sizes = reportPages.map((x) => x.size).sort((a, b) => a - b);
  const largest = [...pages].sort((a, b) => b.size - a.size).slice(0, 10);
  const peak = Math.max(Math.round(peakTotalMemoryKB() / 1024), ...f.steps.map((s) => s.peakRssMB ?? 0));
  const content = resultOf(f.steps[0]!.stdoutTail);
  let site: { findingCounts?: unknown; findings?: unknown[]; inputs?: unknown; lost?: unknown[]; unrecognized?: unknown[] } = {};
  try {
    site = JSON.parse(readFileSync(path.join(f.contentDir, 'site.json'), 'utf8'));
  } catch {
    site = {};
  }
  const siteUrl = f.settings.siteUrl;
  const report = {
    buildId: f.buildId,
    builtAt: new Date().toISOString(),
    resultsDir: f.resultsDir,
    dumpsDir: f.dumpsDir ?? null,
    base: f.settings.siteBase,
    siteUrl: siteUrl ?? null,
    notes: siteUrl ? [] : [SITE_URL_NOT_SET],
    totalSeconds: f.totalSeconds,
    steps: f.steps.map(({ stdoutTail: _t, ...s }) => s),
    peakRssMB: peak,
    content,
    pages:
      f.plan.kind === 'full'
        ? { mode: 'full', reason: f.plan.reason }
        : { mode: 'partial', built: f.plan.rebuild.length, carried: f.plan.carry.length, removed: f.plan.removed.length },
    search: f.search,
    model: { findingCounts: site.findingCounts ?? null, inputs: site.inputs ?? null, lost: site.lost?.length ?? null, unrecognized: site.unrecognized?.length ?? null },
    // Every finding of the reader, as on /build-report/: path, line (where it helps), severity, message.
    findings: site.findings ?? [],
    output: {
      files: files.length + 1, // + this report
      htmlPages: pages.length,
      pagefindFiles: files.filter((x) => x.rel.startsWith('pagefind/')).length,
      bytes: files.reduce((n, x) => n + x.size, 0),
      reportPages: reportPages.length,
      reportPageKB: { median: Math.round(quantile(sizes, 0.5) / 102.4) / 10, p90: Math.round(quantile(sizes, 0.9) / 102.4) / 10, max: Math.round((sizes.at(-1) ?? 0) / 102.4) / 10 },
      largestPages: largest.map((x) => ({ path: x.rel, kb: Math.round(x.size / 102.4) / 10 })),
    },
    budget: BUDGET,
    overBudget: [] as string[],
  };
  if (f.totalSeconds > BUDGET.totalSeconds) report.overBudget.push(`build took ${f.totalSeconds} s (budget ${BUDGET.totalSeconds} s)`);
  if (peak > BUDGET.peakMemoryMB) report.overBudget.push(`peak memory ${peak} MB (budget ${BUDGET.peakMemoryMB} MB)`);
  if (report.output.files > BUDGET.files) report.overBudget.push(`${report.output.files} files (budget ${BUDGET.files})`);
  if (report.output.reportPageKB.median > BUDGET.medianReportPageKB) report.overBudget.push(`median report page ${report.output.reportPageKB.median} KB`);
  // Every page has a size budget: report pages one, every other page (source lists included) the other.
  const reportPageSet = new Set(reportPages.map((x) => x.rel));
  const tooBigReports = reportPages.filter((x) => x.size > BUDGET.maxReportPageKB * 1024);
  if (tooBigReports.length) report.overBudget.push(`${tooBigReports.length} report pages over ${BUDGET.maxReportPageKB} KB: ${tooBigReports.slice(0, 5).map((x) => x.rel).join(', ')}`);
  const tooBig = pages.filter((x) => !reportPageSet.has(x.rel) && x.size > BUDGET.maxPageKB * 1024);
  if (tooBig.length) report.overBudget.push(`${tooBig.length} other pages over ${BUDGET.maxPageKB} KB: ${tooBig.slice(0, 5).map((x) => x.rel).join(', ')}`);
  return report;
}

export type BuildReport = ReturnType<typeof buildReport>;
