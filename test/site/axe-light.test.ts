/**
 * Accessibility on the sample site in light mode: axe-core (WCAG A/AA and best practices) finds
 * nothing on any page kind (test/support/pageKinds.ts), in headless Chromium. One file per colour
 * scheme, so the two run beside each other and the other files.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe } from 'vitest';
import { launchChromium } from '../../scripts/lib/browser.ts';
import { serveStatic, type StaticSite } from '../../scripts/lib/server.ts';
import { sampleSite } from '../support/builtSite.ts';
import { axeTest } from '../support/pageKinds.ts';

let server: StaticSite;
let browser: Browser;

beforeAll(async () => {
  server = await serveStatic(sampleSite().dist, '/');
  browser = await launchChromium();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('accessibility (axe-core), light', () => {
  axeTest('light', () => ({ browser, url: server.url }));
});
