/**
 * A results tree written to break converters: the sample tree plus names and texts with HTML,
 * URL and unicode tricks, broken CSV and TOML, a symlink out of the tree, a symlink loop, a FIFO
 * and a 5 MB line. Made at test time (symlinks and FIFOs cannot be committed); `HOSTILE` names
 * what the tests look for.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './builtSite.ts';

const LONG_ID = `${'l'.repeat(120)}${'%'.repeat(80)}`;
const HUGE_LINE_BYTES = 5 * 1024 * 1024;

export const HOSTILE = {
  longId: LONG_ID,
  /** box64 ids that an encode-then-escape rule maps to one file name. */
  collidingIds: ['a b', 'a_20b'],
  /** Flat runs whose names differ only by case. */
  caseRuns: ['Case:1b', 'case:1b'],
  queryRun: 'run #1?x=%2F..:3b',
  encodedRun: 'x%2Fy:1b',
  rtlRun: 'mode-\u202eevil:1b',
  zeroWidthId: '12\u200b34',
  /** Labels of the flat run `labels:1b`. */
  labels: ['say "hi"', '<b>', '100%', '🙂', '漢字', 'ÄÖ', 'q?a#b=c&d:e+f,g@h', 'a_b', 'a b'],
  hugeLaunchpadId: '9999999',
  hugeLineBytes: HUGE_LINE_BYTES,
  /** GitLab issue whose TOML has values the page does not show. */
  oddTomlId: '7001',
  /** GitLab issue whose url is on a host that is not GitLab's. */
  foreignUrlId: '7002',
  /** A reasoning file with text before `<think>`. */
  preambleRun: 'deepseek-r1:14b',
  preamble: 'PREAMBLE-before-think',
  /** A one-line report, its copy in a flat run with one more blank line, and a flat dump of that line. */
  oneLine: { id: '8888888', text: 'Only a title line', dump: 'ambiguous-flat.txt' },
  /** Second round (issue 24): names spelled like what the site itself writes. */
  siteNames: {
    /** Labels of gemma3:12b (a compared run) spelled like a run's data file and a pair page's matrix. */
    labels: { 'verdicts.csv': '03807713', 'matrix.csv': '1873340' },
    /** Flat runs named like a report page's own sections, all on launchpad/1638427 (with a text of their own). */
    runs: ['verdicts', 'classified-1', 'without-comments', 'history'],
    runReport: '1638427',
    /** Unrecognised files: one's published name is the other's folder. */
    raw: ['extra/notes', 'extra/notes.txt/readme'],
  },
  /** Two inputs for one output. */
  twice: {
    /** A GitLab issue's text under two target folders, and another's TOML. */
    gitlabText: { id: '7003', paths: ['target_arm/host_x86/accel_TCG', 'target_i386/host_x86/accel_KVM'] },
    gitlabToml: { id: '7004', paths: ['target_arm/host_x86/accel_TCG', 'target_mips/host_x86/accel_TCG'] },
    /** box64 `documentation/77` beside `77` (kept as documentation-77) and a real `documentation-77`. */
    box64: ['77', 'documentation/77', 'documentation-77'],
    /** A flat run's id under three labels; a split run's reasoning under three labels. */
    flatRun: 'gemma3:27b', flatId: '2417', flatLabels: ['instruction', 'kvm', 'boot'],
    splitRun: 'qwen3:32b', splitId: '1742', splitLabels: ['syscall', 'runtime', 'boot'],
    /** A flat file beside a split run's halves of one id. */
    flatBesideSplit: { label: 'vmm', id: '2417' },
    /** A cgit page dump of a tree file, showing other content. */
    dump: { file: 'claims-1638427.txt', path: 'scraper/launchpad/1638427', text: 'A page dump title\nThe dump shows other content than the tree file.\n' },
  },
  /** Values the reader or renderer would change. */
  altered: {
    dateId: '7005',
    titleId: '7006',
    longTitle: `${'Long title '.repeat(90)}END-OF-TITLE`,
    controlHostOs: 'Debian\u001b[31m red\u0007 bell\b',
    oddCounts: { syscall: '0x12', performance: '140e-1' },
    refTitle: 'A link-reference title',
    footnote: 'An unreferenced footnote text',
  },
  /** A zero-shot change list with thousands of distinct from/to labels (each change its own move). */
  wideChanges: { file: 'classifier/zero-shot/002/000-002', changes: 4000 },
  /** Two compared runs with more labels than a matrix is drawn for, or a run page lists. */
  widePair: { runs: ['wide-a:1b', 'wide-b:1b'], labels: 250 },
  /**
   * A split run with thousands of labels after review, every verdict first filed under
   * manual-review (so the reviewer moved each into a label of its own); one label is named like
   * the run's list of every label.
   */
  manyLabels: { run: 'many-labels:1b', labels: 1100, named: 'labels', firstId: 9_200_000 },
} as const;

/** The labels of `HOSTILE.manyLabels`: `ml-0000`, …, and the one named like the list. */
export function manyLabelNames(): string[] {
  const { labels, named } = HOSTILE.manyLabels;
  return [...Array.from({ length: labels - 1 }, (_, i) => `ml-${String(i).padStart(4, '0')}`), named];
}

function put(root: string, rel: string, text: string | Buffer): void {
  const file = path.join(root, rel);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}

/** Writes the tree to `<dir>/results` and a dumps folder to `<dir>/dumps` (replacing them); returns the tree. */
export function writeHostileTree(dir: string): string {
  const root = path.join(dir, 'results');
  rmSync(root, { recursive: true, force: true });
  cpSync(path.join(repoRoot, 'sample/results'), root, { recursive: true });
  const report = (title: string) => `${title}\nSome text <script>window.pwned=1</script> {props} & more.\n`;

  // One bad CSV line per table.
  put(root, 'classifier/gemma3:12b/categories.csv', 'category, count\nlabel "x", 1\nruntime, 2\n');
  put(root, 'classifier/gemma3:12b/analysis.csv', 'category, count\n"unclosed, 3\n');

  // Ids and run names that are not plain.
  for (const id of HOSTILE.collidingIds) put(root, `scraper/box64/${id}`, report(`Colliding id ${id}`));
  put(root, `scraper/box64/${LONG_ID}`, report('A very long id'));
  put(root, 'scraper/box64/index.html', report('An id named index.html'));
  put(root, `scraper/box64/${HOSTILE.zeroWidthId}`, report('Zero-width id'));
  for (const run of [...HOSTILE.caseRuns, HOSTILE.encodedRun, HOSTILE.rtlRun]) {
    put(root, `classifier/${run}/runtime/1905562`, report('Flat verdict'));
  }
  put(root, `classifier/${HOSTILE.queryRun}/runtime/1905562`, report('Flat verdict'));
  for (const label of HOSTILE.labels) put(root, `classifier/labels:1b/${label}/1638427`, report('Label test'));

  // Reasoning with a preamble before the think block.
  put(
    root,
    `classifier/${HOSTILE.preambleRun}/reasoning/runtime/1873340`,
    `${HOSTILE.preamble}\nsecond preamble line\n<think>\nthinking here\n</think>\n\nThe answer is runtime\n`,
  );
  put(root, `classifier/${HOSTILE.preambleRun}/output/runtime/1873340`, report('Output half'));

  // TOML values the page does not show, and a url on a foreign host; a TOML date (time-zone bait).
  const toml = (id: string, extra: string) =>
    `id = "${id}"\ntitle = "Issue ${id}"\nstate = "opened"\ncreated_at = 2024-03-01T23:30:00Z\nclosed_at = "n/a"\n${extra}`;
  put(root, `scraper/gitlab/issues_toml/target_arm/host_x86/accel_TCG/${HOSTILE.oddTomlId}.toml`, toml(HOSTILE.oddTomlId, 'labels = "not-a-list"\nurl = "ftp://example.org/x"\nsecret_key = "shown raw"\nnested = { a = 1 }\n'));
  put(root, `scraper/gitlab/issues_text/target_arm/host_x86/accel_TCG/${HOSTILE.oddTomlId}`, report(`Issue ${HOSTILE.oddTomlId}`));
  put(root, `scraper/gitlab/issues_toml/target_arm/host_x86/accel_TCG/${HOSTILE.foreignUrlId}.toml`, toml(HOSTILE.foreignUrlId, 'labels = []\nurl = "https://evil.example/phish"\n'));
  put(root, `scraper/gitlab/issues_text/target_arm/host_x86/accel_TCG/${HOSTILE.foreignUrlId}`, report(`Issue ${HOSTILE.foreignUrlId}`));

  // An unrecognised file with a name at the file-system limit (published raw).
  put(root, `classifier/${'n'.repeat(250)}.md`, 'not a known layout\n');

  // A flat dump whose line fits two tree files.
  put(root, `scraper/launchpad/${HOSTILE.oneLine.id}`, `${HOSTILE.oneLine.text}\n`);
  put(root, `classifier/gemma3:12b/runtime/${HOSTILE.oneLine.id}`, `${HOSTILE.oneLine.text}\n\n`);
  const dumps = path.join(dir, 'dumps');
  rmSync(dumps, { recursive: true, force: true });
  cpSync(path.join(repoRoot, 'sample/dumps'), dumps, { recursive: true });
  put(dumps, HOSTILE.oneLine.dump, HOSTILE.oneLine.text);
  const claim = HOSTILE.twice.dump;
  const lines = claim.text.split('\n').slice(0, -1);
  put(dumps, claim.file, `summary refs log tree commit diff stats\npath: root/results/${claim.path}\nblob: ${'0'.repeat(40)} (plain) (blame)\n${lines.map((_, i) => i + 1).join('\n')}\n${lines.join('\n')}\n`);

  writeRoundTwo(root);

  // One 5 MB line.
  put(root, `scraper/launchpad/${HOSTILE.hugeLaunchpadId}`, `${'W'.repeat(HUGE_LINE_BYTES)}\n`);

  // Things that are not regular files: never followed, never read.
  symlinkSync('/etc/passwd', path.join(root, 'scraper/launchpad/1000001'));
  symlinkSync('..', path.join(root, 'scraper/box64/loop'));
  execFileSync('mkfifo', [path.join(root, 'scraper/mailinglist/00000001')]);
  return root;
}

/** Issue 24's classes: names colliding with the site's own, one output claimed twice, values quietly changed. */
function writeRoundTwo(root: string): void {
  const report = (title: string) => `${title}\nText of ${title}.\n`;
  const { siteNames, twice, altered } = HOSTILE;
  for (const [label, id] of Object.entries(siteNames.labels)) put(root, `classifier/gemma3:12b/${label}/${id}`, report(`Label ${label}`));
  for (const run of siteNames.runs) put(root, `classifier/${run}/runtime/${siteNames.runReport}`, report(`Run named ${run}`));
  for (const rel of siteNames.raw) put(root, rel, `raw file ${rel}\n`);

  const gitlab = 'scraper/gitlab';
  const toml = (id: string, title: string, extra = '') => `id = ${id}\ntitle = ${JSON.stringify(title)}\nstate = "opened"\ncreated_at = "2024-03-01T10:00:00Z"\nclosed_at = "n/a"\nlabels = []\nurl = "https://gitlab.com/qemu-project/qemu/-/issues/${id}"\n${extra}`;
  for (const [i, folders] of twice.gitlabText.paths.entries()) {
    put(root, `${gitlab}/issues_text/${folders}/${twice.gitlabText.id}`, report(`Issue ${twice.gitlabText.id} copy ${i + 1}`));
  }
  put(root, `${gitlab}/issues_toml/${twice.gitlabText.paths[0]}/${twice.gitlabText.id}.toml`, toml(twice.gitlabText.id, `Issue ${twice.gitlabText.id}`));
  for (const [i, folders] of twice.gitlabToml.paths.entries()) {
    put(root, `${gitlab}/issues_toml/${folders}/${twice.gitlabToml.id}.toml`, toml(twice.gitlabToml.id, `Issue ${twice.gitlabToml.id} toml copy ${i + 1}`));
  }
  put(root, `${gitlab}/issues_text/${twice.gitlabToml.paths[0]}/${twice.gitlabToml.id}`, report(`Issue ${twice.gitlabToml.id}`));
  for (const id of twice.box64) put(root, `scraper/box64/${id}`, report(`box64 file ${id}`));
  for (const label of twice.flatLabels) put(root, `classifier/${twice.flatRun}/${label}/${twice.flatId}`, report(`Flat ${label}`));
  for (const label of twice.splitLabels) put(root, `classifier/${twice.splitRun}/reasoning/${label}/${twice.splitId}`, `<think>\nthinking ${label}\n</think>\n\n${label}\n`);
  put(root, `classifier/${twice.splitRun}/${twice.flatBesideSplit.label}/${twice.flatBesideSplit.id}`, report('Flat beside split'));

  put(
    root,
    `${gitlab}/issues_toml/target_arm/host_x86/accel_TCG/${altered.dateId}.toml`,
    `id = ${altered.dateId}\ntitle = "Impossible dates"\nstate = "closed"\ncreated_at = 2024-02-30T10:00:00Z\nclosed_at = "2024-03-01T25:61:00Z"\nlabels = []\n` +
      `url = "https://gitlab.com/qemu-project/qemu/-/issues/${altered.dateId}"\nhost-os = ${JSON.stringify(altered.controlHostOs)}\n` +
      `description = """See [the page][ref] for more, a note[^1] and [the host](#host-environment).\n\n[ref]: https://example.org/page "${altered.refTitle}"\n\n[^unused]: ${altered.footnote}\n\n[^1]: A used footnote.\n"""\n` +
      `reproduce = """1. A step[^1], see [the notes](#notes).\n\n## Notes\n\n[^1]: The step's footnote.\n"""\n`,
  );
  put(root, `${gitlab}/issues_text/target_arm/host_x86/accel_TCG/${altered.dateId}`, report('Impossible dates'));
  put(root, `${gitlab}/issues_toml/target_arm/host_x86/accel_TCG/${altered.titleId}.toml`, toml(altered.titleId, altered.longTitle));
  put(root, `${gitlab}/issues_text/target_arm/host_x86/accel_TCG/${altered.titleId}`, report(altered.longTitle));
  const wide = Array.from({ length: HOSTILE.wideChanges.changes }, (_, i) => `${9_000_000 + i}: from-label-${i} -> to-label-${i}`);
  put(root, HOSTILE.wideChanges.file, `${wide.length} changes:\n${wide.join('\n')}\n`);
  put(root, `classifier/${HOSTILE.widePair.runs[0]}/categories.csv`, `category, count\n${Array.from({ length: HOSTILE.widePair.labels }, (_, i) => `wa-${i}, 1`).join('\n')}\n`);
  for (let i = 0; i < HOSTILE.widePair.labels; i++) {
    put(root, `classifier/${HOSTILE.widePair.runs[0]}/wa-${i}/${9_100_000 + i}`, report(`Wide ${i}`));
    put(root, `classifier/${HOSTILE.widePair.runs[1]}/wb-${(i * 7) % HOSTILE.widePair.labels}/${9_100_000 + i}`, report(`Wide ${i}`));
  }
  const many = HOSTILE.manyLabels;
  manyLabelNames().forEach((label, i) => {
    const id = many.firstId + i;
    // A scraped report each (an id no scraper has is a warning of its own, which is not this case's).
    put(root, `scraper/launchpad/${id}`, report(`Many labels ${i}`));
    put(root, `classifier/${many.run}/output/manual-review/${id}`, report(`Many labels ${i}`));
    put(root, `classifier/${many.run}/reasoning/${label}/${id}`, `<think>\nthinking ${i}\n</think>\n\n${label}\n`);
  });
  put(root, `classifier/gemma3:27b/categories.csv`, `category, count\nsyscall, ${altered.oddCounts.syscall}\nperformance, ${altered.oddCounts.performance}\ninstruction, 1\n`);
}
