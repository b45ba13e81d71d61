import { describe, expect, it } from 'vitest';
import { chromiumPath } from '../../scripts/lib/browser.ts';

describe('chromiumPath', () => {
  const has = (...files: string[]) => (f: string) => files.includes(f);

  it('takes Debian\'s headless shell before the whole browser, and the browser without the shell', () => {
    expect(chromiumPath({}, has('/usr/bin/chromium', '/usr/bin/chromium-headless-shell'))).toBe('/usr/bin/chromium-headless-shell');
    expect(chromiumPath({}, has('/usr/bin/chromium'))).toBe('/usr/bin/chromium');
  });

  it('takes CHROMIUM_PATH when given, and names it when it is missing', () => {
    expect(chromiumPath({ CHROMIUM_PATH: '/opt/c/chrome' }, has('/opt/c/chrome', '/usr/bin/chromium'))).toBe('/opt/c/chrome');
    expect(() => chromiumPath({ CHROMIUM_PATH: '/opt/c/chrome' }, has('/usr/bin/chromium'))).toThrow(/CHROMIUM_PATH \/opt\/c\/chrome does not exist/);
  });

  it('says what to install when neither is there', () => {
    expect(() => chromiumPath({}, has())).toThrow(/apt-get install -y chromium-headless-shell/);
  });
});
