/**
 * A small in-memory results tree for the link tests: one report per source, a QEMU id that two
 * sources share (ambiguous short link), a GitLab id that box64 shares (unambiguous), a box64 id
 * filed twice (root and documentation/), an id no report has, and a label with a space.
 */
import { modelOf } from './memoryTree.ts';

const G = 'results/scraper/gitlab';
const C = 'results/classifier';

export const linksTree: Readonly<Record<string, string>> = {
  [`${G}/issues_toml/target_arm/host_x86/accel_KVM/2469.toml`]: 'id = 2469\ntitle = "Hang"\nstate = "opened"\nclosed_at = "n/a"\nlabels = []\n',
  [`${G}/issues_text/target_arm/host_x86/accel_KVM/2469`]: 'Hang\nbody\n',
  [`${G}/issues_text/target_arm/host_x86/accel_KVM/77`]: 'Shared id\nbody\n',
  [`${G}/semantic_issues/gitlab_semantic_bzhi`]: 'BZHI is wrong\ntext\n',
  'results/scraper/launchpad/1694998': 'LP title\nbody\n\ncomment\n',
  'results/scraper/launchpad-without-comments/1694998': 'LP title\nbody\n',
  'results/scraper/launchpad/77': 'Also 77\nbody\n',
  'results/scraper/mailinglist/02364653': '[Qemu-devel] thread\nhi\n',
  'results/scraper/box64/2469': 'box64 2469\n',
  'results/scraper/box64/9': 'box64 nine\n',
  'results/scraper/box64/documentation/9': 'box64 nine, documentation\n',
  'results/scraper/box64/documentation/12': 'box64 twelve\n',
  'results/scraper/fex/4686': 'fex 4686\n',
  [`${C}/mode-deepseek-r1:32b/output/system/2469`]: 'Hang\nbody\n',
  [`${C}/mode-deepseek-r1:32b/reasoning/system/2469`]: '<think>\nhmm\n</think>\n\nsystem',
  [`${C}/mode-deepseek-r1:32b/categories.csv`]: 'category, count\nsystem, 1\n',
  [`${C}/gemma3:12b/operating system/1694998`]: 'LP title\nbody\n',
  [`${C}/gemma3:12b/vnc/99999`]: 'a report nobody scraped\n',
  [`${C}/zero-shot-user-mode/runtime/1694998`]: 'LP title\nbody\n',
  [`${C}/zero-shot/017/operating system/02364653`]: 'operating system: 0.9\n\n[Qemu-devel] thread\nhi\n',
  [`${C}/zero-shot/017/README.md`]: '## 017\n\n```python\nmulti_label = False\nmodel = "m/one"\nnumber_bugs = 2\n```\n\nTries things.\n',
  [`${C}/zero-shot/017/016-017`]: '1 changes:\n02364653: none -> operating system\n',
  [`${C}/zero-shot/017/analysis.csv`]: 'category, count\noperating system, 1\n',
  [`${C}/semantic-bugs/gitlab_semantic_bzhi`]: 'BZHI is wrong\ntext\n',
  [`${C}/user-mode-bugs/1694998`]: 'LP title\nbody\n',
};

export function linksModel() {
  return modelOf(linksTree);
}
