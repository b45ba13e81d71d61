/**
 * Hostile corpus text in a real browser: every report page of the sample (which carries
 * `<script>`, `<img onerror>`, `javascript:` links, MDX syntax, NUL, ESC, CRLF) loads in headless
 * Chromium without running anything, and shows the words literally.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../scripts/lib/browser.ts';
import { SAMPLE_SITE_URL, sampleSite } from '../support/builtSite.ts';
import { serveStatic, type StaticSite } from '../../scripts/lib/server.ts';

let browser: Browser;
let server: StaticSite;
let reportPaths: string[];

beforeAll(async () => {
  const site = sampleSite('/archive/', SAMPLE_SITE_URL);
  server = await serveStatic(site.dist, '/archive/');
  browser = await launchChromium();
  const reports = path.join(site.dist, 'reports');
  reportPaths = readdirSync(reports, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .flatMap((s) => readdirSync(path.join(reports, s.name), { withFileTypes: true }).filter((e) => e.isDirectory() && e.name !== 'page').map((e) => `reports/${s.name}/${e.name}/`));
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('hostile text in Chromium', () => {
  it('runs no corpus script on any report page', async () => {
    expect(reportPaths.length).toBeGreaterThanOrEqual(15);
    const page = await browser.newPage();
    const dialogs: string[] = [];
    page.on('dialog', async (d) => {
      dialogs.push(`${page.url()}: ${d.message()}`);
      await d.dismiss();
    });
    const failedRequests: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(server.url.replace(/\/archive\/$/, ''))) failedRequests.push(r.url());
    });
    for (const p of reportPaths) {
      await page.goto(server.url + p, { waitUntil: 'load' });
      const pwned = await page.evaluate(() => (window as unknown as { pwned?: unknown }).pwned);
      expect(pwned, p).toBeUndefined();
      const jsLinks = await page.locator('a[href^="javascript:" i]').count();
      expect(jsLinks, p).toBe(0);
      const inlineHandlers = await page.locator('main [onerror], main [onload], main [onclick]').count();
      expect(inlineHandlers, p).toBe(0);
    }
    expect(dialogs).toEqual([]);
    // Nothing is fetched from anywhere but the archive itself (e.g. images in reports).
    expect(failedRequests).toEqual([]);
    await page.close();
  }, 120_000);

  it('shows the hostile words literally', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}reports/gitlab/1742/`, { waitUntil: 'load' });
    const text = await page.locator('main').innerText();
    expect(text).toContain('<script>alert(1)</script>');
    expect(text).toContain('<img src=x onerror=alert(1)>');
    await page.goto(`${server.url}reports/box64/1742/`, { waitUntil: 'load' });
    expect(await page.locator('main').innerText()).toContain('␀');
    await page.close();
  }, 60_000);
});
