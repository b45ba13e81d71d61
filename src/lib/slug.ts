/**
 * URL slugs. They depend only on names (run, model, label), never on order or
 * folder placement, so a URL once published keeps working.
 */

function nameSlug(name: string): string {
  return name.toLowerCase().replace(/[:/]/g, '-');
}

/** `mode-deepseek-r1:32b` → `mode-deepseek-r1-32b`; `zero-shot/105` → `zero-shot-105`. */
export function runSlug(runName: string): string {
  return nameSlug(runName);
}

/** `deepseek-r1:32b` → `deepseek-r1-32b`; `facebook/bart-large-mnli` → `facebook-bart-large-mnli`. */
export function modelSlug(modelName: string): string {
  return nameSlug(modelName);
}

/**
 * Label folders hold spaces and mixed case (`operating system`, `TCG-arm`, and `KVM` beside `kvm`
 * in one run), so case is kept rather than folded, and the rest is percent-encoded.
 */
export function labelSlug(label: string): string {
  return encodeURIComponent(label.replace(/ /g, '_'));
}
