/**
 * The build's steps as child processes: each runs in its own process (so the model's memory is
 * gone before Astro starts), with its wall time and the peak RSS of its process tree (VmHWM,
 * polled from /proc) recorded for the build report.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { sampleProcessTree } from './processMemory.ts';

export interface StepResult {
  readonly name: string;
  readonly seconds: number;
  readonly peakRssMB: number | null;
  readonly stdoutTail: string;
}

export interface StepOptions {
  /** Called with each whole line the step prints. */
  readonly onLine?: (line: string) => void;
  /** Give the step a standard input to write to (`child.stdin`). */
  readonly stdin?: boolean;
}

/** A step started and left running (`done` when it ends), for steps that run side by side. */
export interface RunningStep {
  readonly child: ChildProcess;
  readonly done: Promise<StepResult>;
}

export function step(root: string, name: string, cmd: string, args: string[], env: NodeJS.ProcessEnv, options: StepOptions = {}): Promise<StepResult> {
  return startStep(root, name, cmd, args, env, options).done;
}

export function startStep(root: string, name: string, cmd: string, args: string[], env: NodeJS.ProcessEnv, options: StepOptions = {}): RunningStep {
  let child!: ChildProcess;
  const done = new Promise<StepResult>((resolve, reject) => {
    const t0 = performance.now();
    console.log(`\n▶ ${name}: ${path.relative(root, cmd) || cmd} ${args.join(' ')}`);
    child = spawn(cmd, args, { cwd: root, env, stdio: [options.stdin ? 'pipe' : 'ignore', 'pipe', 'inherit'] });
    // A step that ended early closes its input: its own failure is what the build reports, not EPIPE.
    child.stdin?.on('error', () => undefined);
    let out = '';
    let partial = '';
    child.stdout!.on('data', (d: Buffer) => {
      process.stdout.write(d);
      const text = d.toString('utf8');
      out = (out + text).slice(-4000);
      if (options.onLine) {
        const lines = (partial + text).split('\n');
        partial = lines.pop()!;
        for (const line of lines) options.onLine(line);
      }
    });
    // Peak RSS of the process tree, sampled (VmHWM of each process seen; summed per sample).
    const memory = sampleProcessTree(child.pid!);
    child.on('error', (e) => {
      memory.stop();
      reject(new Error(`${name}: could not start ${cmd}: ${e.message}`));
    });
    child.on('close', (code, signal) => {
      const peakKB = memory.stop();
      const seconds = secondsSince(t0);
      if (code !== 0) {
        reject(new Error(`${name} failed (${signal ? `signal ${signal}` : `exit code ${code}`}) after ${seconds} s`));
        return;
      }
      resolve({ name, seconds, peakRssMB: peakKB ? Math.round(peakKB / 1024) : null, stdoutTail: out });
    });
  });
  return { child, done };
}

/** Seconds since `t0` (a `performance.now()`), to a tenth. */
export const secondsSince = (t0: number): number => Math.round((performance.now() - t0) / 100) / 10;

/**
 * The pages' steps (Astro, the link check) of a partial build, run at a lower CPU priority
 * (`nice`) than the search index written beside them: when few pages change, the index, one
 * core's work Pagefind cannot share out, is what the build waits for last, and at equal priority
 * the pages took the cores it needs. In a full build Astro is the longer step: equal priority.
 */
export function pagesStep(partial: boolean, cmd: string, args: string[]): [string, string[]] {
  return !partial || process.platform === 'win32' ? [cmd, args] : ['nice', ['-n', '10', cmd, ...args]];
}
