/**
 * The browser for the HTML report tests: Chromium found on PATH (or named by PRODGATE_CHROMIUM).
 * The tests never install one; without it they are skipped with one line saying what to
 * install, except where PRODGATE_REQUIRE_BROWSER=1 (CI) makes a missing browser a failure.
 */
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

const names = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

export function findChromium(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const candidates = env.PRODGATE_CHROMIUM ? [env.PRODGATE_CHROMIUM] : (env.PATH ?? '').split(delimiter).filter(Boolean).flatMap((d) => names.map((n) => join(d, n)));
  return candidates.find((p) => {
    try {
      accessSync(p, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

export const browserRequired = process.env.PRODGATE_REQUIRE_BROWSER === '1';
export const chromiumPath = findChromium();
/** Skip only where a browser is optional; the one line tells a developer what is missing. */
export const skipBrowserTests = !chromiumPath && !browserRequired;
if (skipBrowserTests) {
  console.warn('skipping the HTML report browser tests: no Chromium on PATH (install it, e.g. `sudo apt-get install chromium`, or set PRODGATE_CHROMIUM)');
}
