/**
 * Headless Chromium from Debian, driven by playwright-core. Debian builds it twice: `chromium`
 * (the whole browser, run headless) and `chromium-headless-shell` (the same engine without the
 * browser's own UI layers, made for automation). The shell is used when it is there: the same
 * pages, styles, scripts and axe findings for about half the CPU (the axe file alone on this
 * 2-core machine: 52 s of Chromium CPU with `chromium`, 21 s with the shell). `.ci/run`
 * installs it; `CHROMIUM_PATH` names another binary. The flags keep it off this machine's
 * closed network.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

const CANDIDATES = ['/usr/bin/chromium-headless-shell', '/usr/bin/chromium'] as const;

/** The binary the browser tests and the search benchmark drive: `CHROMIUM_PATH`, else Debian's headless shell, else Debian's browser. */
export function chromiumPath(env: NodeJS.ProcessEnv = process.env, exists: (file: string) => boolean = existsSync): string {
  if (env.CHROMIUM_PATH) {
    if (!exists(env.CHROMIUM_PATH)) throw new Error(`CHROMIUM_PATH ${env.CHROMIUM_PATH} does not exist`);
    return env.CHROMIUM_PATH;
  }
  const found = CANDIDATES.find((c) => exists(c));
  if (found === undefined) {
    throw new Error(`Chromium not found (${CANDIDATES.join(', ')}): install it with \`apt-get install -y chromium-headless-shell\` (.ci/run does).`);
  }
  return found;
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
