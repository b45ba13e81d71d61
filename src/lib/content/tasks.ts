/** Human titles of run tasks (`TaskId` in model.ts) and source names. */
export const TASK_TITLES: Readonly<Record<string, string>> = {
  categories: '16 categories',
  mode: 'User vs system mode',
  accel: 'Accelerator (kvm / tcg / vmm)',
  'user-mode': 'User-mode kinds (instruction / runtime / syscall)',
  'zero-shot': 'Zero-shot NLI iterations',
  unknown: 'Unknown task',
};

export const TASK_ORDER = ['categories', 'mode', 'accel', 'user-mode', 'zero-shot', 'unknown'];

export const SOURCE_TITLES: Readonly<Record<string, string>> = {
  gitlab: 'QEMU GitLab issues',
  'gitlab-semantic': 'Hand-collected semantic GitLab issues',
  launchpad: 'QEMU Launchpad bugs',
  mailinglist: 'qemu-devel mailing-list threads',
  box64: 'box64 GitHub issues',
  fex: 'FEX GitHub issues',
  unknown: 'Classified texts with no scraped report',
};
