/**
 * The messages between the build's steps (scripts/lib/stepMessages.ts): the words on standard
 * input and output, and the result on a step's last line.
 */
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { CONTENT_READY, contentReadyOn, linkCheckResultOf, resultOf, tellContentReady } from '../../scripts/lib/stepMessages.ts';

describe('messages between build steps', () => {
  it('a result is the last line of standard output, as JSON; anything else is no result', () => {
    expect(resultOf('▶ reading\nreport-records-ready\n{"written":3,"ms":{"read":1}}\n')).toEqual({ written: 3, ms: { read: 1 } });
    expect(resultOf('{"a":1}\ndone\n')).toBeNull();
    expect(resultOf('')).toBeNull();
  });

  it('the link check says how many links are broken, or the build fails for want of a result', () => {
    expect(linkCheckResultOf('{"broken":2,"message":"2 broken links"}')).toEqual({ broken: 2, message: '2 broken links' });
    expect(() => linkCheckResultOf('Segmentation fault')).toThrow('link check: no result');
    expect(() => linkCheckResultOf('{"message":"x"}')).toThrow('link check: no result');
  });

  it('content-ready, written by the build, is what the search index waits for; an input that ends first fails', async () => {
    const pipe = new PassThrough();
    const ready = contentReadyOn(pipe, 'never said');
    pipe.write('the writer is done\n');
    tellContentReady(pipe);
    await expect(ready).resolves.toBeUndefined();
    const quiet = new PassThrough();
    const never = contentReadyOn(quiet, 'never said');
    quiet.end(`not ${CONTENT_READY}\n`);
    await expect(never).rejects.toThrow('never said');
  });
});
