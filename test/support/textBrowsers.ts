/**
 * w3m and lynx for the tests: a page dumped as text, and where a link with a fragment lands.
 *
 * Neither browser's `-dump` scrolls to a fragment (both print the page from its top whatever the
 * URL's `#…`), so the landing point is measured where readers see it: the browser runs in a
 * detached tmux session of a fixed size (80×24) and the screen is read back (`capture-pane`),
 * with the cursor's row (`#{cursor_y}`).
 * - w3m moves its cursor to the fragment's anchor and scrolls so that it is in the middle of the
 *   screen (by default) or on the top row (option `label_topline`): the landing point is the
 *   cursor's row.
 * - lynx scrolls the anchor to the top of the page area, the row below its title line: the
 *   landing point is row 1.
 * The caller finds the row where the target shows (a line's number, a heading's text) and
 * compares the two.
 */
import { execFileSync, spawnSync } from 'node:child_process';

export type TextBrowser = 'w3m' | 'lynx';

export const COLUMNS = 80;
const ROWS = 24;

/** The page as the browser prints it (`-dump`), at 80 columns. */
export function dump(browser: TextBrowser, file: string): string {
  const args = browser === 'w3m' ? ['-dump', '-cols', String(COLUMNS), '-T', 'text/html', file] : ['-dump', '-nolist', `-width=${COLUMNS}`, '-display_charset=utf-8', file];
  return execFileSync(browser, args, { encoding: 'utf8', env: { ...process.env, LANG: 'C.UTF-8', HOME: process.env.HOME ?? '/tmp' } });
}

export interface Screen {
  /** The screen's rows, top to bottom. */
  readonly rows: readonly string[];
  /** The row the browser landed on (see the module comment). */
  readonly landing: number;
}

let sessions = 0;

function tmux(socket: string, ...args: string[]): string {
  return execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
}

/**
 * Opens `url` (a `file://` URL with a fragment) in the browser on an 80×24 terminal, waits until
 * `ready(rows)` holds on a screen that has stopped changing (a large page shows "loaded" counts
 * first), and returns it; after 10 s, the last screen.
 */
export async function openAt(browser: TextBrowser, url: string, ready: (rows: readonly string[]) => boolean, options: { labelTopline?: boolean } = {}): Promise<Screen> {
  const socket = `archive-test-${process.pid}-${sessions++}`;
  const quoted = `'${url.replace(/'/g, `'\\''`)}'`;
  const command =
    browser === 'w3m'
      ? `w3m ${options.labelTopline ? '-o label_topline=1 ' : ''}${quoted}`
      : `lynx -nocolor -display_charset=utf-8 ${quoted}`;
  tmux(socket, 'new-session', '-d', '-x', String(COLUMNS), '-y', String(ROWS), `env LANG=C.UTF-8 ${command}`);
  try {
    let last = '';
    for (let tries = 0; ; tries++) {
      await new Promise((r) => setTimeout(r, 100));
      const screen = tmux(socket, 'capture-pane', '-p', '-t', '0');
      const rows = screen.replace(/\n$/, '').split('\n');
      if ((ready(rows) && screen === last) || tries === 100) {
        const cursor = Number(tmux(socket, 'display-message', '-p', '-t', '0', '#{cursor_y}').trim());
        return { rows, landing: browser === 'w3m' ? cursor : 1 };
      }
      last = screen;
    }
  } finally {
    spawnSync('tmux', ['-L', socket, 'kill-server']);
  }
}

/** The row of a numbered line: its number, right-aligned, then the start of its text. */
export function rowOfLine(rows: readonly string[], n: number, text: string): number {
  const start = text.replace(/\s+/g, ' ').trim().slice(0, 20);
  return rows.findIndex((row) => row.replace(/\u00a0/g, ' ').replace(/\s+/g, ' ').trim().startsWith(`${n} ${start}`.trim()));
}
