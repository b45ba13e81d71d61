import type { TaskId, ZeroShotParams } from '../model.ts';

export interface RunDescription {
  readonly task: TaskId;
  readonly models: readonly string[];
  readonly thinking: boolean;
  /** The task the name's prefix suggests, when the label set says otherwise (a finding). */
  readonly nameSuggests?: TaskId;
}

/**
 * The label set of each task that is told apart by its labels. `manual-review` belongs to every
 * task (cases set aside for a person), so it decides nothing; case is ignored (`KVM` / `kvm`).
 */
export const TASK_LABELS: Readonly<Record<Exclude<TaskId, 'zero-shot'>, readonly string[]>> = {
  categories: [
    'assembly', 'boot', 'debug', 'device', 'files', 'graphic', 'hypervisor', 'kernel', 'kvm',
    'mistranslation', 'network', 'other', 'performance', 'peripherals', 'permissions', 'socket', 'vnc',
  ],
  mode: ['system', 'user'],
  accel: ['kvm', 'tcg', 'vmm'],
  'user-mode': ['instruction', 'runtime', 'syscall'],
};

const NEUTRAL_LABELS = new Set(['manual-review']);

/**
 * The task whose label set holds the largest share of the run's labels (`manual-review` aside);
 * `undefined` when no task holds any. Ties go to the name's hint, then to the smaller label set
 * (a run labelling `kvm` and `tcg` is the accel task, not the 16 categories).
 */
export function taskOfLabels(labels: readonly string[], hint?: TaskId): TaskId | undefined {
  const own = [...new Set(labels.map((l) => l.toLowerCase()))].filter((l) => !NEUTRAL_LABELS.has(l));
  if (own.length === 0) return undefined;
  const ranked = (Object.entries(TASK_LABELS) as [Exclude<TaskId, 'zero-shot'>, readonly string[]][])
    .map(([task, set]) => ({ task, share: own.filter((l) => set.includes(l)).length / own.length, size: set.length }))
    .filter((c) => c.share > 0)
    .sort((a, b) => b.share - a.share || Number(b.task === hint) - Number(a.task === hint) || a.size - b.size);
  return ranked[0]?.task;
}

/**
 * The run name carries the model and hints at the task: `mode-` user vs system, `accel-`
 * kvm/tcg/vmm, `no-thinking-` the same model without its reasoning phase. The task itself is told
 * by the run's label set (`gemma3:27b`, with no prefix, labels the user-mode set); the name only
 * decides when the labels do not. Zero-shot iterations each keep their own label set and take
 * their models from their README; when it is missing, none are claimed.
 */
export function describeRun(name: string, labels: readonly string[], zeroShot?: ZeroShotParams): RunDescription {
  if (name.startsWith('zero-shot/')) {
    return { task: 'zero-shot', models: zeroShotModels(zeroShot), thinking: false };
  }
  let rest = name;
  let hint: TaskId | undefined;
  let thinking = true;
  let models: string[] | undefined;
  if (name === 'zero-shot-user-mode') {
    models = zeroShotModels(zeroShot);
    thinking = false;
  } else {
    for (;;) {
      if (rest.startsWith('mode-')) {
        hint = 'mode';
        rest = rest.slice('mode-'.length);
      } else if (rest.startsWith('accel-')) {
        hint = 'accel';
        rest = rest.slice('accel-'.length);
      } else if (rest.startsWith('no-thinking-')) {
        thinking = false;
        rest = rest.slice('no-thinking-'.length);
      } else break;
    }
  }
  const byLabels = taskOfLabels(labels, hint);
  const task = byLabels ?? hint ?? 'categories';
  return {
    task,
    models: models ?? [rest],
    thinking,
    ...(hint !== undefined && byLabels !== undefined && hint !== byLabels ? { nameSuggests: hint } : {}),
  };
}

function zeroShotModels(params: ZeroShotParams | undefined): string[] {
  if (!params) return [];
  return [params.model, params.compareModel].filter((m): m is string => m !== undefined);
}
