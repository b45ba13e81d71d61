import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { chooseScratch, SHM_NEEDS, scratchFacts } from '../support/scratch.ts';

const GiB = 2 ** 30;
const roomy = { override: undefined, shmFreeBytes: 20 * GiB, totalMemBytes: 23 * GiB, systemTmp: '/tmp' };

describe('the suites’ temp folder', () => {
  it('is RAM-backed /dev/shm when it has room and the machine the memory', () => {
    expect(chooseScratch(roomy).dir).toBe('/dev/shm/results-archive-tests');
  });

  it('is the system’s temp folder where /dev/shm is not a RAM folder, is small (a container’s 64 MB) or the machine is', () => {
    expect(chooseScratch({ ...roomy, shmFreeBytes: undefined })).toEqual({ dir: '/tmp', why: '/dev/shm is not a RAM folder here' });
    expect(chooseScratch({ ...roomy, shmFreeBytes: 64 * 2 ** 20 })).toEqual({ dir: '/tmp', why: '/dev/shm has 0.1 GiB free, under 10' });
    expect(chooseScratch({ ...roomy, shmFreeBytes: SHM_NEEDS.freeBytes - 1 }).dir).toBe('/tmp');
    expect(chooseScratch({ ...roomy, totalMemBytes: 8 * GiB })).toEqual({ dir: '/tmp', why: 'the machine has 8.0 GiB of memory, under 16' });
  });

  it('is TEST_TMPDIR when set, which must be an absolute path', () => {
    expect(chooseScratch({ ...roomy, override: '/var/tmp/x' })).toEqual({ dir: '/var/tmp/x', why: 'TEST_TMPDIR' });
    expect(() => chooseScratch({ ...roomy, override: 'x' })).toThrow('TEST_TMPDIR must be an absolute path, not "x"');
    expect(scratchFacts({ TEST_TMPDIR: '' }).override).toBeUndefined();
  });

  it('is what the test processes were given as their temp folder', () => {
    // vitest.config.ts chose it before starting this process.
    expect(tmpdir()).toBe(chooseScratch(scratchFacts()).dir);
    expect(process.env.TMPDIR).toBe(tmpdir());
  });
});
