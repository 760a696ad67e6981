/**
 * The HTML report as a person sees it: rendered in headless Chromium, filtered by clicking.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderHtml } from '../../src/report/html.js';
import { runCheck } from '../../src/index.js';
import { chromiumPath, skipBrowserTests } from '../helpers/browser.js';

const SECRET = 'sup3r-s3cret-Passw0rd-value';

const manifest = `apiVersion: v1
kind: Pod
metadata:
  name: web
  namespace: shop
  annotations:
    prodgate.dev/waive.image-no-latest-tag: reason="<b>demo</b> image" expires=2999-01-01 owner=platform
spec:
  containers:
    - name: web
      image: nginx:latest
      securityContext:
        privileged: true
      env:
        - name: DB_PASSWORD
          value: ${SECRET}
`;

function makeRun() {
  const dir = mkdtempSync(join(tmpdir(), 'prodgate-html-'));
  writeFileSync(join(dir, 'pod.yaml'), manifest);
  return runCheck({ inputs: [join(dir, 'pod.yaml')], load: { root: dir }, today: '2026-01-01' });
}

describe('HTML report', () => {
  it('is escaped, self-contained and never shows secret values', () => {
    const run = makeRun();
    const html = renderHtml(run);
    expect(html).not.toContain(SECRET);
    expect(html).not.toContain('<b>demo</b>');
    expect(html).toContain('&lt;b&gt;demo&lt;/b&gt;');
    expect(html).not.toMatch(/<(link|img)\b|src="http/);
  });
});

describe.skipIf(skipBrowserTests)('HTML report in a browser', () => {
  let browser: Browser;
  // Reached without a browser only where one is required (PRODGATE_REQUIRE_BROWSER=1): fail.
  it('has Chromium to run in', () => {
    expect(chromiumPath, 'no Chromium on PATH; install it (apt-get install chromium) or set PRODGATE_CHROMIUM').toBeDefined();
  });

  beforeAll(async () => {
    if (!chromiumPath) return;
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows every finding and filters them in the browser', async () => {
    const run = makeRun();
    const dir = mkdtempSync(join(tmpdir(), 'prodgate-html-page-'));
    const file = join(dir, 'report.html');
    writeFileSync(file, renderHtml(run));
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`file://${file}`);
    expect(await page.locator('tr.finding').count()).toBe(run.findings.length);
    expect(await page.locator('.status.fail').textContent()).toContain('Gate failed');

    const errors = run.findings.filter((f) => f.severity === 'error').length;
    expect(errors).toBeGreaterThan(0);
    await page.locator('.sev-filter[value="error"]').uncheck();
    expect(await page.locator('tr.finding:visible').count()).toBe(run.findings.length - errors);

    await page.locator('.sev-filter[value="error"]').check();
    await page.locator('#search').fill('pss-baseline-privileged');
    const privileged = run.findings.filter((f) => f.rule.startsWith('pss-baseline-privileged')).length;
    expect(privileged).toBeGreaterThan(0);
    expect(await page.locator('tr.finding:visible').count()).toBe(privileged);

    await page.locator('#search').fill('no such thing at all');
    expect(await page.locator('#empty').isVisible()).toBe(true);
    await page.screenshot({ path: join(dir, 'report.png'), fullPage: true });
    await page.close();
  });
});
