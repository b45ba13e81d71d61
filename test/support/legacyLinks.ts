/**
 * The old and upstream links the 404 page's tests follow in Chromium (test/site/links.test.ts,
 * test/site/reading.test.ts), shared with the test of the `_redirects` rules
 * (test/site/redirects.test.ts), which applies the rules to the same links.
 */

/** A run's reasoning file in the sample tree, and the page that shows it. */
export const SAMPLE_REASONING = 'results/classifier/mode-deepseek-r1:32b/reasoning/system/1893';
export const SAMPLE_REASONING_PAGE = 'reports/gitlab/1893/#mode-deepseek-r1-32b';

/** Forms of an old tree link, put after the base: [name, link]. */
export const OLD_TREE_LINKS: readonly (readonly [string, string])[] = [
  ['cgit tree', `tree/${SAMPLE_REASONING}`],
  ['cgit plain with ?h=main', `plain/${SAMPLE_REASONING}?h=main`],
  ['cgit blame', `blame/${SAMPLE_REASONING}`],
  ['bare path', SAMPLE_REASONING],
];

/** A short link and its report. */
export const SHORT_LINK: readonly [string, string] = ['1893', 'reports/gitlab/1893/'];

/** Upstream issue URLs of the sample's reports and their pages (each also tried with its host replaced by the archive's). */
export const UPSTREAM_LINKS: readonly (readonly [string, string])[] = [
  ['https://gitlab.com/qemu-project/qemu/-/issues/1893', 'reports/gitlab/1893/'],
  ['https://bugs.launchpad.net/qemu/+bug/1638427', 'reports/launchpad/1638427/'],
  // 1742 is a GitLab issue and a box64 issue: the URL says which.
  ['https://github.com/ptitSeb/box64/issues/1742', 'reports/box64/1742/'],
  ['https://gitlab.com/qemu-project/qemu/-/issues/1742', 'reports/gitlab/1742/'],
  ['https://github.com/FEX-Emu/FEX/issues/2417', 'reports/fex/2417/'],
  // A FEX report filed under the documentation section.
  ['https://github.com/FEX-Emu/FEX/issues/655', 'reports/fex/655/'],
];
