/**
 * Work shared out over worker threads (the markdown prerender, the link check): each worker runs
 * the module that starts it, with its share as `workerData`, and posts one result.
 */
import { Worker } from 'node:worker_threads';

/** `n` interleaved shares of `items`, so long and short items spread evenly. */
export function interleavedShares<T>(items: readonly T[], n: number): T[][] {
  return Array.from({ length: n }, (_, i) => items.filter((_, j) => j % n === i));
}

/** Runs `module` in a worker thread with `data`; settles with the one message it posts. */
export function runInWorker<T>(module: URL, data: unknown): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const worker = new Worker(module, { workerData: data });
    let posted = false;
    worker.once('message', (result: T) => {
      posted = true;
      resolve(result);
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (!posted) reject(new Error(`worker ${module.pathname} exited with code ${code} before posting its result`));
    });
  });
}
