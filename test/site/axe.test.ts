/**
 * Every page kind of the sample site (test/support/pageKinds.ts), loaded once each in headless
 * Chromium: on a 390 px phone it does not scroll sideways, and axe-core (WCAG A/AA and best
 * practices) finds nothing on it in light and in dark mode. The width is read first, as the page
 * loaded (the viewport set to the phone's, then back); then every <details> is opened, axe runs in
 * light mode, the page is switched to dark with `emulateMedia` and axe runs again. The site's dark mode is CSS only (public/site.css,
 * `@media (prefers-color-scheme: dark)`, no script reads the scheme), so the switch restyles the
 * loaded page exactly as a dark-mode load would. One browser for the file; one test per page kind,
 * so none needs a long time limit and a failure names its page.
 */
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../scripts/lib/browser.ts';
import { serveStatic, type StaticSite } from '../../scripts/lib/server.ts';
import { axeViolations } from '../support/axe.ts';
import { sampleSite } from '../support/builtSite.ts';
import { PAGE_KINDS, openPageKind } from '../support/pageKinds.ts';

const SCHEMES = ['light', 'dark'] as const;
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 720 };

let server: StaticSite;
let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  server = await serveStatic(sampleSite().dist, '/');
  browser = await launchChromium();
  context = await browser.newContext({ colorScheme: 'light', viewport: DESKTOP });
}, 300_000);

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.close();
});

describe('every page kind: a phone\'s width, and axe-core in light and dark', () => {
  for (const rel of PAGE_KINDS) {
    it(`does not scroll sideways on a 390 px phone, and axe finds nothing on /${rel} in light or dark mode, with every <details> open`, async () => {
      const page = await openPageKind(context, server.url, rel);
      try {
        await page.setViewportSize(PHONE);
        const phoneWidth = await page.evaluate(() => document.documentElement.scrollWidth);
        await page.setViewportSize(DESKTOP);
        expect(phoneWidth, `/${rel} on a 390 px phone`).toBeLessThanOrEqual(PHONE.width);
        // Folded texts, thinking, more scores: what a reader opens is checked too.
        await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
        const found: string[] = [];
        const background: string[] = [];
        for (const scheme of SCHEMES) {
          await page.emulateMedia({ colorScheme: scheme });
          // The page really is in this scheme now: its media query answers so, and (below) its colours changed.
          expect(await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(scheme === 'dark');
          background.push(await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor));
          for (const v of await axeViolations(page)) found.push(`/${rel} in ${scheme} mode: ${v.id} (${v.impact}, ${v.count}×) ${v.help}\n  ${v.nodes.join('\n  ')}`);
        }
        expect(background[0]).not.toBe(background[1]);
        expect(found).toEqual([]);
      } finally {
        await page.close();
      }
    });
  }
});
