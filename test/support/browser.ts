import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { inject } from 'vitest';

/** Where tests keep what a person would look at (screenshots, rendered pages); gitignored. */
export const artifactsDirectory = fileURLToPath(new URL('../../test-artifacts/', import.meta.url));

/**
 * The Chromium the global setup chose (test/support/refereesSetup.ts): `KYKYPOLKU_CHROMIUM`, else
 * the system's `chromium`, else the one inside the `@sparticuz/chromium` npm package; never a
 * browser download.
 */
function chromiumPath(): string {
  const choice = inject('chromium');
  if (choice.problem !== undefined) throw new Error(`no Chromium for the browser tests: ${choice.source} ${choice.problem}`);
  return choice.executablePath;
}

/**
 * A headless Chromium with a fresh profile and no background networking (this machine has no
 * network but the package registries), for tests that render pages; `javaScriptEnabled: false`
 * opens pages as a browser with scripts turned off does. Close it with `close()`.
 */
export async function launchBrowser(
  options: { readonly javaScriptEnabled?: boolean } = {},
): Promise<{ context: BrowserContext; newPage(): Promise<Page>; close(): Promise<void> }> {
  const userDataDirectory = mkdtempSync(join(tmpdir(), 'kykypolku-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDirectory, {
    executablePath: chromiumPath(),
    headless: true,
    // Pages as a reader with scripts blocked sees them (`javaScriptEnabled: false`); on by default.
    javaScriptEnabled: options.javaScriptEnabled ?? true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    context,
    newPage: () => context.newPage(),
    async close() {
      await context.close();
      rmSync(userDataDirectory, { recursive: true, force: true });
    },
  };
}

/** Saves a screenshot under `test-artifacts/` and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(artifactsDirectory, { recursive: true });
  const path = join(artifactsDirectory, name);
  // Headless Chromium on a busy machine sometimes answers a full-page capture with "Unable to
  // capture screenshot" (its compositor had no frame ready after the resize); the page itself is
  // fine, and what the tests assert is read from it, so the capture is simply tried again.
  for (let attempt = 1; ; attempt += 1) {
    try {
      await page.screenshot({ path, fullPage: true });
      return path;
    } catch (error) {
      if (attempt === 3 || !String(error).includes('Unable to capture screenshot')) throw error;
      await page.waitForTimeout(250 * attempt);
    }
  }
}
