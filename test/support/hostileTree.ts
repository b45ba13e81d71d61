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
} as const;

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

  // One 5 MB line.
  put(root, `scraper/launchpad/${HOSTILE.hugeLaunchpadId}`, `${'W'.repeat(HUGE_LINE_BYTES)}\n`);

  // Things that are not regular files: never followed, never read.
  symlinkSync('/etc/passwd', path.join(root, 'scraper/launchpad/1000001'));
  symlinkSync('..', path.join(root, 'scraper/box64/loop'));
  execFileSync('mkfifo', [path.join(root, 'scraper/mailinglist/00000001')]);
  return root;
}
