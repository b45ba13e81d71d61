/**
 * What a file's path says about the bytes a browser cannot show: whether it begins with a blank
 * line (w3m and lynx drop one) and whether it ends with a newline (no browser shows it). Counted
 * on the results tree; they only order the readings tried, the shown blob id still decides, and
 * they pick the reading kept when none hashes to it.
 */
export interface PathPriors {
  /** Likely begins with a blank line. */
  readonly blankFirstLine: boolean;
  /** Likely ends with a newline. */
  readonly finalNewline: boolean;
}

export function pathPriors(path: string): PathPriors {
  const inClassifier = path.startsWith('results/classifier/');
  const zeroShot = path.includes('/zero-shot/') || path.startsWith('results/classifier/zero-shot');
  const reasoning = inClassifier && path.includes('/reasoning/');
  const runFile = /\/(README\.md|categories\.csv|analysis\.csv)$/.test(path);
  return {
    // The copies of a report inside a run (`<run>/output/<label>/<id>`, `<flat run>/<label>/<id>`)
    // begin with a blank line (25k files); scraped reports, reasoning and zero-shot files do not.
    blankFirstLine: inClassifier && !zeroShot && !reasoning && !runFile,
    // Reasoning files (10.6k of 10.7k), Launchpad bugs without comments (2.8k of 2.8k) and most
    // box64/fex issues end without one; zero-shot files, GitLab and Launchpad reports with one.
    finalNewline: !(reasoning || /^results\/scraper\/(launchpad-without-comments|box64|fex)\//.test(path)),
  };
}
