import type { TaskId, ZeroShotParams } from '../model.ts';

export interface RunDescription {
  readonly task: TaskId;
  readonly models: readonly string[];
  readonly thinking: boolean;
}

const USER_MODE_LABELS = new Set(['instruction', 'runtime', 'syscall', 'manual-review']);

/**
 * The run name carries the model and the task: `mode-` user vs system, `accel-` kvm/tcg/vmm,
 * `no-thinking-` the same model without its reasoning phase; no prefix is the 16-category task,
 * or instruction/runtime/syscall when run on the user-mode set (told apart by its labels).
 * Zero-shot iterations take their models from their README; when it is missing, none are claimed.
 */
export function describeRun(name: string, labels: readonly string[], zeroShot?: ZeroShotParams): RunDescription {
  if (name.startsWith('zero-shot/')) {
    return { task: 'zero-shot', models: zeroShotModels(zeroShot), thinking: false };
  }
  if (name === 'zero-shot-user-mode') {
    return { task: 'user-mode', models: zeroShotModels(zeroShot), thinking: false };
  }
  let rest = name;
  let task: TaskId | undefined;
  let thinking = true;
  for (;;) {
    if (rest.startsWith('mode-')) {
      task = 'mode';
      rest = rest.slice('mode-'.length);
    } else if (rest.startsWith('accel-')) {
      task = 'accel';
      rest = rest.slice('accel-'.length);
    } else if (rest.startsWith('no-thinking-')) {
      thinking = false;
      rest = rest.slice('no-thinking-'.length);
    } else break;
  }
  if (task === undefined) {
    const userMode = labels.length > 0 && labels.every((l) => USER_MODE_LABELS.has(l));
    task = userMode ? 'user-mode' : 'categories';
  }
  return { task, models: [rest], thinking };
}

function zeroShotModels(params: ZeroShotParams | undefined): string[] {
  if (!params) return [];
  return [params.model, params.compareModel].filter((m): m is string => m !== undefined);
}

export const TASK_TITLES: Readonly<Record<TaskId, string>> = {
  categories: '16 categories',
  mode: 'user vs system mode',
  accel: 'accelerator (kvm / tcg / vmm)',
  'user-mode': 'user-mode set: instruction / runtime / syscall',
  'zero-shot': 'zero-shot iterations',
};
