/**
 * What the build's steps say to each other. scripts/build.ts runs each step as a child process of
 * its own (scripts/write-content.ts, scripts/search-index.ts, Astro, scripts/linkcheck.ts), and
 * they talk over standard input and output. These are all the words:
 *
 * - the content writer prints {@link REPORT_RECORDS_READY} on a line of its own once every
 *   report's search record is written (`--search-records`): the build starts the search index;
 * - the build writes {@link CONTENT_READY} on the search index's standard input once the content
 *   writer has finished: the index adds the run and model pages and writes its bundle;
 * - a step's last line of standard output is its result, one line of JSON ({@link printResult};
 *   the build reads it with {@link resultOf}); the link check's is a {@link LinkCheckResult}.
 */

/** Printed by the content writer: every report's search record is written. */
export const REPORT_RECORDS_READY = 'report-records-ready';

/** Written by the build to the search index's standard input: the content is complete. */
export const CONTENT_READY = 'content-ready';

/** Says `word` on standard output, on a line of its own. */
export function announce(word: typeof REPORT_RECORDS_READY): void {
  console.log(word);
}

/** Tells a step on its standard input that the content is complete. */
export function tellContentReady(input: NodeJS.WritableStream): void {
  input.end(`${CONTENT_READY}\n`);
}

/**
 * Settles when `input` carries {@link CONTENT_READY} on a line of its own; fails with `whenMissing`
 * if it ends without.
 */
export function contentReadyOn(input: NodeJS.ReadableStream & { setEncoding(e: BufferEncoding): unknown }, whenMissing: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let text = '';
    input.setEncoding('utf8');
    input.on('data', (d: string) => {
      text += d;
      if (text.split('\n').includes(CONTENT_READY)) resolve();
    });
    input.on('end', () => reject(new Error(whenMissing)));
  });
}

/** Prints a step's result: the last line of its standard output, as JSON. */
export function printResult(result: unknown): void {
  console.log(JSON.stringify(result));
}

/** The result a step printed (the last line of `stdout`, as JSON), or null when that line is not JSON. */
export function resultOf(stdout: string): unknown {
  try {
    return JSON.parse(stdout.trim().split('\n').pop() ?? 'null');
  } catch {
    return null;
  }
}

/** The link check's result (scripts/linkcheck.ts). */
export interface LinkCheckResult {
  readonly broken: number;
  /** The broken links, described (empty when there are none). */
  readonly message: string;
}

/** The link check's result from its output; throws when it printed none. */
export function linkCheckResultOf(stdout: string): LinkCheckResult {
  const r = resultOf(stdout) as Partial<LinkCheckResult> | null;
  if (r === null || typeof r !== 'object' || typeof r.broken !== 'number') throw new Error('link check: no result');
  return { broken: r.broken, message: typeof r.message === 'string' ? r.message : '' };
}
